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
    /// What the workbook's sheets share: the path for messages, styles, shared strings, and the
    /// names of tables and formulas.
    final class State {
        let path: String
        let options: WorkbookOptions
        var styles = StylesPart()
        var sharedStrings = SharedStringsPart()
        var isClosed = false
        /// Tables added so far; the next one is number `tableCount + 1`.
        var tableCount = 0
        /// Table names, folded to lower case.
        private(set) var tableNames: Set<String> = []
        var definedNames: [WorkbookPart.DefinedName] = []

        init(path: String, options: WorkbookOptions) {
            self.path = path
            self.options = options
        }

        /// A table name that cannot be given, with the reason.
        struct NameConflict: Error {
            var message: String
        }

        /// Takes `name` for a table after checking that it is well formed and free.
        func reserveTableName(_ name: String) throws(NameConflict) {
            guard WorkbookPart.isValidName(name) else {
                throw NameConflict(
                    message:
                        "table name '\(name)' is not a name Excel accepts (a letter or _ first, then letters, digits, _ or ., not a cell reference)"
                )
            }
            let folded = name.lowercased()
            guard !tableNames.contains(folded), !definedNames.contains(where: { $0.name.lowercased() == folded }) else {
                throw NameConflict(message: "table name '\(name)' is already used by a table or a defined name")
            }
            tableNames.insert(folded)
        }

        func releaseTableName(_ name: String) {
            tableNames.remove(name.lowercased())
        }
    }

    /// The workbook's path as given.
    public let path: String
    public let options: WorkbookOptions
    private let state: State
    private var sheets: [SheetWriter] = []
    private var archive: ZipArchiveWriter

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
    ///   one of `[ ] : * ? / \`, a control character, U+FFFE or U+FFFF, a leading or trailing `'`,
    ///   or the reserved name `History`),
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

    /// Names a formula or range, such as `Threshold` for `Settings!$B$2`, for the whole workbook
    /// or for one sheet.
    ///
    /// - Parameters:
    ///   - formula: what the name stands for, with or without the leading `=`; sheet names with
    ///     spaces are quoted (`'Q1 plan'!$A$1:$A$9`).
    ///   - localSheet: the name of the sheet the name belongs to (it must already be added), or
    ///     `nil` for a workbook-wide name.
    /// - Throws: `WorkbookWriterError` with code `.invalidDefinedName` (a malformed name, one that
    ///   starts with `_xlnm.`, one already used in the same scope or by a table, an empty formula,
    ///   an unknown sheet) or `.alreadyClosed`.
    public func addDefinedName(name: String, formula: String, localSheet: String? = nil) throws {
        guard !state.isClosed else {
            throw WorkbookWriterError(code: .alreadyClosed, path: path, message: "the workbook is already closed")
        }
        func invalid(_ reason: String) -> WorkbookWriterError {
            WorkbookWriterError(code: .invalidDefinedName, path: path, message: "defined name '\(name)' \(reason)")
        }
        guard WorkbookPart.isValidName(name) else {
            throw invalid("is not a name Excel accepts (a letter or _ first, then letters, digits, _ or ., not a cell reference)")
        }
        guard !name.lowercased().hasPrefix("_xlnm.") else {
            throw invalid("is reserved: the writer makes Excel's built-in names from the sheet options")
        }
        let text = WorksheetPart.formulaText(formula)
        guard !text.isEmpty, text.utf16.count <= 8_192 else {
            throw invalid("needs a formula of 1 to 8,192 characters")
        }
        var scope: Int?
        if let localSheet {
            guard let index = sheets.firstIndex(where: { $0.name == localSheet }) else {
                throw invalid("belongs to sheet '\(localSheet)', which the workbook does not have")
            }
            scope = index
        }
        let folded = name.lowercased()
        guard !state.tableNames.contains(folded) else { throw invalid("is already the name of a table") }
        guard !state.definedNames.contains(where: { $0.name.lowercased() == folded && $0.localSheet == scope }) else {
            throw invalid("is already defined " + (localSheet.map { "for sheet '\($0)'" } ?? "for the workbook"))
        }
        state.definedNames.append(WorkbookPart.DefinedName(name: name, formula: text, localSheet: scope))
    }

    /// Puts the sheets in the order of `names` (every sheet's name once): the order of the tabs,
    /// of the worksheet parts and of everything numbered by it. The sheets may thus be written in
    /// any order, a later tab before an earlier one, and arranged before ``close()``.
    /// - Throws: `WorkbookWriterError` with code `.invalidWorkbook` when `names` is not exactly the
    ///   workbook's sheet names, or `.alreadyClosed`.
    public func arrangeSheets(_ names: [String]) throws {
        guard !state.isClosed else {
            throw WorkbookWriterError(code: .alreadyClosed, path: path, message: "the workbook is already closed")
        }
        var byName = Dictionary(sheets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let arranged = names.compactMap { byName.removeValue(forKey: $0) }
        guard arranged.count == sheets.count, names.count == sheets.count else {
            throw WorkbookWriterError(code: .invalidWorkbook, path: path,
                                      message: "the sheets cannot be arranged as \(names): the workbook's sheets are \(sheetNames)")
        }
        for (index, sheet) in arranged.enumerated() { sheet.index = index }
        sheets = arranged
    }

    /// Writes every part and the archive at `destination` instead of the path the writer was made
    /// with (which then gets nothing), then closes the workbook: a workbook begun before its final
    /// folder exists (``close()`` for the rest).
    public func close(to destination: String) throws {
        if destination != path {
            do {
                archive = try ZipArchiveWriter(path: destination, compressionLevel: options.compressionLevel)
            } catch let error as ZipIOError {
                throw WorkbookWriterError(code: .archiveFailed, path: destination, message: error.message, underlying: error)
            }
        }
        try close()
    }

    /// Writes every part and the archive, then closes the workbook.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidWorkbook` (no sheets, or all hidden),
    ///   `.invalidHyperlink` (a link to a sheet the workbook does not have), both of which leave
    ///   the workbook open so that they can be fixed; `.archiveFailed` (nothing is written) or
    ///   `.alreadyClosed`.
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
        try checkLinkedSheets()
        state.isClosed = true
        defer {
            // The tables are not needed once written; a caller may keep the writer around.
            state.styles = StylesPart()
            state.sharedStrings = SharedStringsPart()
        }
        if let sheet = sheets.first(where: { $0.part.spoolFailure != nil }), let problem = sheet.part.spoolFailure {
            throw WorkbookWriterError(
                code: .archiveFailed, path: path, part: Packager.worksheetName(sheet.index),
                message: "sheet '\(sheet.name)': \(problem.message)", underlying: problem.underlying)
        }
        do {
            try assembleParts { name, part in try archive.addEntry(name: name, segments: part.segments) }
            try archive.close()
        } catch let error as ZipIOError {
            throw WorkbookWriterError(
                code: .archiveFailed, path: path, part: error.entry, message: error.message, underlying: error)
        }
    }

    /// Every hyperlink to a sheet must find it, by its exact name.
    private func checkLinkedSheets() throws {
        let names = Set(sheets.map(\.name))
        for sheet in sheets {
            if let missing = sheet.part.linkedSheets.first(where: { !names.contains($0) }) {
                throw WorkbookWriterError(
                    code: .invalidHyperlink, path: path, part: Packager.worksheetName(sheet.index),
                    message: "sheet '\(sheet.name)': a hyperlink leads to sheet '\(missing)', which the workbook does not have")
            }
        }
    }

    /// Assembles every part in archive order; `close()` adds them to the archive, tests read them.
    func assembleParts(emit: (_ name: String, _ part: PartBytes) throws -> Void) throws {
        try Packager(properties: options.properties, definedNames: state.definedNames).assemble(
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
        // Not XML characters; a sheet name is written literally, without the `_xHHHH_` escape.
        if name.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            throw invalid("contains U+FFFE or U+FFFF, which XML cannot carry")
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
        if !(0..<WorksheetPart.maxRows).contains(options.repeatRowsAtTop) {
            throw invalid("cannot repeat \(options.repeatRowsAtTop) rows at the top of printed pages")
        }
        for (label, text) in [("header", options.pageHeader), ("footer", options.pageFooter)] {
            if let text, text.utf16.count > HeaderFooter.maxLength {
                throw invalid("page \(label) of \(text.utf16.count) characters exceeds Excel's limit of \(HeaderFooter.maxLength)")
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
