import XLSXReader

/// A sheet whose rows can be read from the top, once per pass (a sheet longer than the loader's
/// ``RowWindow`` is read twice: once to its end for its merged ranges, once for its rows).
struct SheetRows {
    let sheet: SheetInfo
    let open: () throws -> any RowCursor

    /// A worksheet of a workbook, streamed by the reader.
    init(_ info: SheetInfo, of workbook: Workbook) {
        sheet = info
        open = { try workbook.cursor(for: info) }
    }

    /// Rows already in memory (tests, hand-built sheets).
    init(_ grid: SheetGrid) {
        sheet = grid.sheet
        open = { ArrayRowCursor(rows: grid.rows, mergedRanges: grid.mergedRanges) }
    }
}
