/// Writes the rows of one worksheet, top to bottom; made by `WorkbookWriter.addSheet(_:options:)`.
///
/// Each row becomes XML as it is written; cells are not kept, and once a sheet's rows pass a
/// few hundred kilobytes they move to a temporary file, so a sheet of any size takes constant
/// memory. Rows can be written to any sheet of the workbook until the workbook is closed.
///
/// Ranges can be annotated at any time before the workbook closes: merged cells, hyperlinks,
/// notes, data validations, conditional formats and tables.
public final class SheetWriter {
    /// The sheet's name, as shown on its tab.
    public let name: String
    /// The sheet's 0-based position in the workbook (``WorkbookWriter/arrangeSheets(_:)`` moves it).
    var index: Int
    let hidden: Bool
    var part: WorksheetPart
    private let state: WorkbookWriter.State

    init(name: String, index: Int, options: SheetOptions, state: WorkbookWriter.State) {
        self.name = name
        self.index = index
        self.hidden = options.hidden
        self.part = WorksheetPart(options: options, stringStorage: state.options.stringStorage)
        self.state = state
    }

    /// Rows written so far, empty ones included.
    public var rowCount: Int { part.rowCount }

    /// Writes the next row; `cells[0]` goes to column A. A row that throws is not written.
    ///
    /// Empty cells without a style are skipped; an empty array writes an empty row.
    /// - Parameter height: the row's height in points (0...409); `nil` is Excel's default.
    /// - Throws: `WorkbookWriterError` with code `.tooManyRows`, `.tooManyColumns`,
    ///   `.stringTooLong`, `.invalidValue`, `.invalidStyle`, `.invalidRowHeight`, `.invalidTable`
    ///   (a table's header row without its column names), `.archiveFailed` (the temporary file
    ///   for the rows cannot be written) or `.alreadyClosed`.
    public func writeRow(_ cells: [Cell], height: Double? = nil) throws {
        try checkOpen()
        do {
            try part.writeRow(cells, height: height, styles: &state.styles, sharedStrings: &state.sharedStrings)
        } catch {
            let cell = error.column.map { XMLWriter.cellReference(row: part.rowCount, column: $0) }
            throw failure(error, cell: cell)
        }
    }

    /// Merges a range such as `"A1:D1"` into one cell showing the top-left cell's value.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidMergeRange` when the range is malformed,
    ///   a single cell, or overlaps a range merged before or a table; `.alreadyClosed`.
    public func mergeCells(_ range: String) throws {
        try checkOpen()
        do {
            try part.mergeCells(range)
        } catch {
            throw failure(error, cell: nil)
        }
    }

    /// Makes a cell or range (`"B4"`, `"B4:C4"`) a hyperlink to a web address or to a cell of a sheet.
    ///
    /// The cell keeps the value written to it; `CellStyle.hyperlink` shows it as Excel shows links.
    /// A sheet named in `.cell(sheet:reference:)` may be added later, but must exist when the
    /// workbook closes. Addresses are percent-escaped as Excel does (`%20` for a space).
    /// - Throws: `WorkbookWriterError` with code `.invalidHyperlink` (a malformed cell, address or
    ///   target cell, an address without a scheme such as `https:`, a tooltip over 255 characters,
    ///   more than 65,530 links) or `.alreadyClosed`.
    public func addHyperlink(at reference: String, to target: Hyperlink, tooltip: String? = nil) throws {
        try checkOpen()
        do {
            try part.addHyperlink(at: reference, to: target, tooltip: tooltip)
        } catch {
            throw failure(error, cell: reference)
        }
    }

    /// Attaches a note (Excel's hover-over comment) to one cell.
    ///
    /// - Parameter author: shown with the note; the document's creator when `nil`.
    /// - Throws: `WorkbookWriterError` with code `.invalidNote` (a malformed cell, an empty text,
    ///   a cell that already has a note), `.stringTooLong` or `.alreadyClosed`.
    public func addNote(at reference: String, _ text: String, author: String? = nil) throws {
        try checkOpen()
        do {
            try part.addNote(
                at: reference, text: text, author: author ?? state.options.properties.creator ?? "")
        } catch {
            throw failure(error, cell: reference)
        }
    }

    /// Limits a cell or range (`"C2:C500"`) to a list of values, offered in a drop-down.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidDataValidation` (a malformed range, an
    ///   empty list, a value with a comma, a list over 255 characters, an error title over 32 or
    ///   message over 255 characters) or `.alreadyClosed`.
    public func addDataValidation(_ range: String, _ validation: DataValidation) throws {
        try checkOpen()
        do {
            try part.addDataValidation(range, validation)
        } catch {
            throw failure(error, cell: nil)
        }
    }

    /// Formats the cells of a range (`"F2:F500"`) by their values; rules added first win.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidConditionalFormat` (a malformed range or
    ///   colour, an empty formula, a malformed style) or `.alreadyClosed`.
    public func addConditionalFormat(_ range: String, _ format: ConditionalFormat) throws {
        try checkOpen()
        do {
            try part.addConditionalFormat(range, format, styles: &state.styles)
        } catch {
            throw failure(error, cell: nil)
        }
    }

    /// Makes a range an Excel table with a header row, filter buttons and a banded style.
    ///
    /// The rows written to the sheet must put `table.columns`, as text, in the range's first row.
    /// Add the table before writing that row and the row is checked (a mismatch throws
    /// `.invalidTable` from `writeRow`); a table added later is trusted.
    /// - Throws: `WorkbookWriterError` with code `.invalidTable` (a malformed or one-row range,
    ///   column names that do not fit it or repeat, an unknown style, a name that is malformed or
    ///   taken, an overlap with another table or a merged range, a sheet with an autofilter) or
    ///   `.alreadyClosed`.
    public func addTable(_ table: Table) throws {
        try checkOpen()
        let number = state.tableCount + 1
        let tableName = table.name ?? "Table\(number)"
        do {
            try state.reserveTableName(tableName)
        } catch {
            throw WorkbookWriterError(
                code: .invalidTable, path: state.path, part: Packager.worksheetName(index),
                message: "sheet '\(name)': \(error.message)")
        }
        do {
            try part.addTable(table, name: tableName, number: number)
        } catch {
            state.releaseTableName(tableName)
            throw failure(error, cell: nil)
        }
        state.tableCount = number
    }

    private func checkOpen() throws {
        guard !state.isClosed else {
            throw WorkbookWriterError(
                code: .alreadyClosed, path: state.path, part: Packager.worksheetName(index),
                message: "sheet '\(name)': the workbook is already closed")
        }
    }

    private func failure(_ problem: WorksheetPart.Problem, cell: String?) -> WorkbookWriterError {
        WorkbookWriterError(
            code: problem.code, path: state.path, part: Packager.worksheetName(index), cell: cell,
            message: "sheet '\(name)': \(problem.message)", underlying: problem.underlying)
    }
}
