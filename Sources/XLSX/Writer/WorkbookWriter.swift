internal import ZipIO

/// Writes an `.xlsx` workbook: add sheets, write their rows in order, then `close()`.
///
/// ```swift
/// let workbook = try WorkbookWriter(path: "report.xlsx")
/// let sheet = try workbook.addSheet("Budget", options: SheetOptions(freezeRows: 1, autoFilter: true))
/// try sheet.writeRow([Cell("Output", style: CellStyle(bold: true)), Cell("CHF", style: CellStyle(bold: true))])
/// try sheet.writeRow(["R.1-3", Cell(.decimal("45000.50"), style: CellStyle(numberFormat: "#,##0.00"))])
/// try workbook.close()
/// ```
///
/// The same content gives a byte-identical file: parts and zip entries are written in a fixed
/// order, zip entries carry a fixed time and the document dates come from the options. The file
/// appears only when `close()` succeeds; a writer that is never closed leaves nothing behind.
public final class WorkbookWriter {
    /// What the workbook's sheets share: the path for messages, styles and shared strings.
    final class State {
        let path: String
        let options: WorkbookOptions
        var styles = StylesPart()
        var sharedStrings = SharedStringsPart()
        var isClosed = false

        init(path: String, options: WorkbookOptions) {
            self.path = path
            self.options = options
        }
    }

    /// The workbook's path as given.
    public let path: String
    public let options: WorkbookOptions
    private let state: State
    private var sheets: [SheetWriter] = []
    private let archive: ZipArchiveWriter

    static let maxSheetNameLength = 31
    static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Starts a workbook at `path`; the file is written by `close()`.
    ///
    /// - Throws: `WorkbookWriterError` with code `.archiveFailed` when the archive cannot be
    ///   opened or the compression level is outside 0...9.
    public init(path: String, options: WorkbookOptions = .init()) throws {
        self.path = path
        self.options = options
        self.state = State(path: path, options: options)
        do {
            self.archive = try ZipArchiveWriter(path: path, compressionLevel: options.compressionLevel)
        } catch let error as ZipIOError {
            throw WorkbookWriterError(code: .archiveFailed, path: path, message: error.message, underlying: error)
        }
    }

    /// The sheets added so far, in tab order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Adds a sheet after the existing ones.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidSheetName` (empty, over 31 characters,
    ///   one of `[ ] : * ? / \`, a leading or trailing `'`, or the reserved name `History`),
    ///   `.duplicateSheetName` (equal to another ignoring case), `.invalidSheetOptions` or
    ///   `.alreadyClosed`.
    public func addSheet(_ name: String, options: SheetOptions = .init()) throws -> SheetWriter {
        guard !state.isClosed else {
            throw WorkbookWriterError(code: .alreadyClosed, path: path, message: "the workbook is already closed")
        }
        try validateSheetName(name)
        try validate(options, sheet: name)
        let sheet = SheetWriter(name: name, index: sheets.count, options: options, state: state)
        sheets.append(sheet)
        return sheet
    }

    /// Writes every part and the archive, then closes the workbook.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidWorkbook` (no sheets, or all hidden;
    ///   the workbook stays open so that this can be fixed), `.archiveFailed` (nothing is
    ///   written) or `.alreadyClosed`.
    public func close() throws {
        guard !state.isClosed else {
            throw WorkbookWriterError(code: .alreadyClosed, path: path, message: "the workbook is already closed")
        }
        guard !sheets.isEmpty else {
            throw WorkbookWriterError(
                code: .invalidWorkbook, path: path, message: "a workbook needs at least one sheet")
        }
        guard sheets.contains(where: { !$0.hidden }) else {
            throw WorkbookWriterError(
                code: .invalidWorkbook, path: path, message: "every sheet is hidden; at least one must be visible")
        }
        state.isClosed = true
        defer {
            // The tables are not needed once written; a caller may keep the writer around.
            state.styles = StylesPart()
            state.sharedStrings = SharedStringsPart()
        }
        do {
            try assembleParts { name, chunks in try archive.addEntry(name: name, chunks: chunks) }
            try archive.close()
        } catch let error as ZipIOError {
            throw WorkbookWriterError(
                code: .archiveFailed, path: path, part: error.entry, message: error.message, underlying: error)
        }
    }

    /// Assembles every part in archive order; `close()` adds them to the archive, tests read them.
    func assembleParts(emit: (_ name: String, _ chunks: [[UInt8]]) throws -> Void) throws {
        try Packager(properties: options.properties).assemble(
            sheets: sheets, styles: &state.styles, sharedStrings: &state.sharedStrings, emit: emit)
    }

    private func validateSheetName(_ name: String) throws {
        func invalid(_ reason: String) -> WorkbookWriterError {
            WorkbookWriterError(code: .invalidSheetName, path: path, message: "sheet name '\(name)' \(reason)")
        }
        if name.isEmpty { throw invalid("is empty") }
        let length = name.utf16.count
        if length > Self.maxSheetNameLength {
            throw invalid("has \(length) characters; the limit is \(Self.maxSheetNameLength)")
        }
        if let character = name.first(where: Self.forbiddenSheetNameCharacters.contains) {
            throw invalid("contains '\(character)'; sheet names cannot contain [ ] : * ? / \\")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw invalid("contains a control character")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw invalid("begins or ends with an apostrophe") }
        if name.lowercased() == "history" { throw invalid("is reserved by Excel") }
        let folded = name.lowercased()
        if let other = sheets.first(where: { $0.name.lowercased() == folded }) {
            throw WorkbookWriterError(
                code: .duplicateSheetName, path: path,
                message: "sheet name '\(name)' is already used by sheet '\(other.name)' (names ignore case)")
        }
    }

    private func validate(_ options: SheetOptions, sheet name: String) throws {
        func invalid(_ reason: String) -> WorkbookWriterError {
            WorkbookWriterError(code: .invalidSheetOptions, path: path, message: "sheet '\(name)': \(reason)")
        }
        if !(0..<WorksheetPart.maxRows).contains(options.freezeRows) {
            throw invalid("cannot freeze \(options.freezeRows) rows")
        }
        if !(0..<WorksheetPart.maxColumns).contains(options.freezeColumns) {
            throw invalid("cannot freeze \(options.freezeColumns) columns")
        }
        if options.columnWidths.count > WorksheetPart.maxColumns {
            throw invalid("\(options.columnWidths.count) column widths for at most \(WorksheetPart.maxColumns) columns")
        }
        for (column, width) in options.columnWidths.enumerated() {
            if let width, !(0...WorksheetPart.maxColumnWidth).contains(width) {
                throw invalid("width \(width) of column \(column + 1) is outside 0...255")
            }
        }
        if let tabColor = options.tabColor {
            do {
                _ = try StylesPart.argb(tabColor)
            } catch {
                throw invalid("tab \(error.message)")
            }
        }
    }
}
