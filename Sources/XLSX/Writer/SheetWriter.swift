/// Writes the rows of one worksheet, top to bottom; made by `WorkbookWriter.addSheet(_:options:)`.
///
/// Each row becomes XML as it is written; cells are not kept. Rows can be written to any sheet of
/// the workbook until the workbook is closed.
public final class SheetWriter {
    /// The sheet's name, as shown on its tab.
    public let name: String
    /// The sheet's 0-based position in the workbook.
    let index: Int
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
    ///   `.stringTooLong`, `.invalidValue`, `.invalidStyle`, `.invalidRowHeight` or `.alreadyClosed`.
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
    ///   a single cell, or overlaps a range merged before; `.alreadyClosed`.
    public func mergeCells(_ range: String) throws {
        try checkOpen()
        do {
            try part.mergeCells(range)
        } catch {
            throw failure(error, cell: nil)
        }
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
            message: "sheet '\(name)': \(problem.message)")
    }
}
