import Foundation
import Results

/// The compared number and source forms of domain.md (d) "Discrepancy log".
enum Format {
    /// A decimal with exactly `places` digits after the point: 0.8 → `0.80`.
    static func fixed(_ value: Exact, places: Int) -> String { value.fixed(places: places) }

    /// Summed cells as ranges: grouped by (file, sheet, column) in order of first appearance; each run
    /// of consecutive rows one range.
    static func summed(_ cells: [CellSource]) -> [SourceRef] {
        struct Group { var file: String; var sheet: String; var column: Int; var rows: [Int] }
        var groups: [Group] = []
        for cell in cells {
            if let i = groups.firstIndex(where: { $0.file == cell.file && $0.sheet == cell.sheet && $0.column == cell.position.column }) {
                if !groups[i].rows.contains(cell.position.row) { groups[i].rows.append(cell.position.row) }
            } else {
                groups.append(Group(file: cell.file, sheet: cell.sheet, column: cell.position.column, rows: [cell.position.row]))
            }
        }
        var out: [SourceRef] = []
        for group in groups {
            let letters = CellPosition.letters(group.column)
            var runStart = group.rows[0], previous = group.rows[0]
            func flush() {
                let range = runStart == previous ? "\(letters)\(runStart)" : "\(letters)\(runStart):\(letters)\(previous)"
                out.append(SourceRef(file: group.file, sheet: group.sheet, cell: range))
            }
            for row in group.rows.dropFirst() {
                if row == previous + 1 { previous = row; continue }
                flush()
                runStart = row
                previous = row
            }
            flush()
        }
        return out
    }

    static func cell(_ source: CellSource) -> SourceRef { source.ref }
}
