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
