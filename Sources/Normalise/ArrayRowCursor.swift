import XLSXCore
import XLSXReader

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
