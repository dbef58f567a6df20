import XLSXReader

/// The rows of a sheet the normaliser holds at once: the first rows, where the header is looked
/// for, never more than ``maxRows`` of them however long the sheet (issue 14: a sheet streams from
/// the reader's cursor through normalisation, so memory does not grow with its size).
///
/// The header search reads the first 31 non-empty rows (30 tried as the header, and the row under
/// the last one, a possible sub-header), or on to the row under the lowest Excel table header row
/// of the sheet. Once a header is found the window fills up to ``maxRows``: a sheet that ends
/// inside it is normalised from memory, its merged ranges known. A longer one streams on from the
/// cursor after the window's rows (``SheetLoader``, ``ContinuedRowCursor``).
struct RowWindow {
    /// The most rows held at once.
    static let maxRows = 1_000

    private(set) var rows: [SheetRow] = []
    /// Whether the sheet ended inside the window: its merged ranges are then known.
    private(set) var reachedEnd = false
    private let probe: RowWindowProbe?

    /// Reads the rows the header search needs from `cursor`.
    init(reading cursor: any RowCursor, headerRow fixed: Int?, preferred: [Int], probe: RowWindowProbe?) throws {
        self.probe = probe
        let wanted = HeaderMapper.searchedRows + 1
        let lowestTableHeader = fixed == nil ? preferred.max() : nil
        while rows.count < Self.maxRows {
            if rows.count >= wanted, let last = rows.last, lowestTableHeader.map({ last.number > $0 }) ?? true { break }
            guard try append(from: cursor) else { break }
        }
    }

    /// Reads on once the header is found, while the window has room: a sheet that ends inside it is
    /// then held whole (``reachedEnd``); a longer one is left at the window's last row.
    mutating func fill(from cursor: any RowCursor) throws {
        while !reachedEnd, rows.count < Self.maxRows {
            try append(from: cursor)
        }
    }

    @discardableResult
    private mutating func append(from cursor: any RowCursor) throws -> Bool {
        guard let row = try cursor.nextRow() else {
            reachedEnd = true
            return false
        }
        rows.append(row)
        probe?.held(rows.count)
        return true
    }
}
