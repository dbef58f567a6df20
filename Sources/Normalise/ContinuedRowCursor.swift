import XLSXCore
import XLSXReader

/// The rows a ``RowWindow`` holds, then the rest of the sheet from the cursor they were read from:
/// a sheet longer than the window normalised in one pass (issue 11). An error of the cursor (the
/// sheet itself cannot be read) is kept as ``readFailure`` besides being thrown, so that the caller
/// tells it from an error of normalising a row.
final class ContinuedRowCursor: RowCursor {
    private let held: [SheetRow]
    private var next = 0
    private let rest: any RowCursor
    /// Whether the cursor has answered nil: the sheet was read to its end.
    private(set) var reachedEnd = false
    private(set) var readFailure: (any Error)?

    init(_ held: [SheetRow], then rest: any RowCursor) {
        self.held = held
        self.rest = rest
    }

    var mergedRanges: [CellRange] { rest.mergedRanges }

    func nextRow() throws -> SheetRow? {
        if next < held.count {
            defer { next += 1 }
            return held[next]
        }
        guard !reachedEnd else { return nil }
        do {
            guard let row = try rest.nextRow() else {
                reachedEnd = true
                return nil
            }
            return row
        } catch {
            readFailure = error
            throw error
        }
    }
}
