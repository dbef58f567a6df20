import XLSXReader

/// The rows of a sheet the normaliser holds at once: the first rows, where the header is looked
/// for, never more than ``maxRows`` of them however long the sheet (issue 14: a sheet streams from
/// the reader's cursor through normalisation, so memory does not grow with its size).
///
/// The header search reads the first 31 non-empty rows (30 tried as the header, and the row under
/// the last one, a possible sub-header), or on to the row under the lowest Excel table header row
/// of the sheet. Once a header is found the window keeps filling up to ``maxRows``: a sheet that
/// ends inside it is normalised from memory in one pass. A longer one spills: the window keeps only
/// its rows down to the header's, the rest of the sheet is read through for its merged ranges
/// (written after the rows), and a second cursor streams the data rows.
struct RowWindow {
    /// The most rows held at once.
    static let maxRows = 1_000

    private(set) var rows: [SheetRow] = []
    /// Whether the sheet ended inside the window: its merged ranges are then known.
    private(set) var reachedEnd = false
    /// Whether rows were dropped because the sheet was longer than the window.
    private(set) var spilled = false
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

    /// Reads the rest of the sheet once the header is found at `header`: held while the window has
    /// room, dropped (all but the rows down to the header's sub-header) once it has not.
    mutating func readToEnd(from cursor: any RowCursor, header position: Int) throws {
        while !reachedEnd {
            if rows.count >= Self.maxRows, !spilled {
                rows.removeSubrange(min(position + 2, rows.count)...)
                spilled = true
            }
            if spilled {
                if try cursor.nextRow() == nil { reachedEnd = true }
            } else {
                try append(from: cursor)
            }
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
