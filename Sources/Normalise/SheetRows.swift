import XLSXCore
import XLSXReader

/// Rows of one sheet, handed out one at a time: the reader's ``SheetCursor`` or rows in memory.
/// Merged ranges follow the rows in a worksheet's XML, so they are complete once `nextRow()`
/// returned nil.
protocol RowCursor: AnyObject {
    func nextRow() throws -> SheetRow?
    var mergedRanges: [CellRange] { get }
}

extension SheetCursor: RowCursor {}

/// A sheet whose rows can be read from the top, once per pass (a large sheet whose header sits
/// under merged cells is read twice: once for its merges, once for its rows).
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

/// A ``RowCursor`` over rows in memory.
final class ArrayRowCursor: RowCursor {
    private let rows: [SheetRow]
    private var next = 0
    let mergedRanges: [CellRange]

    init(rows: [SheetRow], mergedRanges: [CellRange]) {
        self.rows = rows
        self.mergedRanges = mergedRanges
    }

    func nextRow() throws -> SheetRow? {
        guard next < rows.count else { return nil }
        defer { next += 1 }
        return rows[next]
    }
}
