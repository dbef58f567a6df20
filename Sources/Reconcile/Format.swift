import Foundation
import Results

/// The compared number and source forms of domain.md (d) "Discrepancy log".
enum Format {
    /// `(+72.13%)`: Δ ÷ base × 100 with two decimals; nil when the base is 0.
    static func percent(_ delta: Decimal, of base: Decimal) -> String? {
        guard base != 0 else { return nil }
        let value = (delta / base * 100).rounded(scale: 2)
        return "(\(value < 0 ? "" : "+")\(fixed(value, places: 2))%)"
    }

    /// Signed amount then the percentage of `base`: `-45000 (-1.14%)`, or the amount alone.
    static func signedWithPercent(_ delta: Decimal, of base: Decimal) -> String {
        let signed = delta.signedText
        return percent(delta, of: base).map { "\(signed) \($0)" } ?? signed
    }

    /// The percentage for messages: `−1.14 %`, `+72.13 %`; empty when the base is 0.
    static func messagePercent(_ delta: Decimal, of base: Decimal) -> String {
        guard base != 0 else { return "" }
        let value = (delta / base * 100).rounded(scale: 2)
        let text = fixed(abs(value), places: 2)
        return (value < 0 ? "\u{2212}" : "+") + text + " %"
    }

    /// Row numbers as runs: `5-9, 11`.
    static func rows(_ rows: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for row in rows {
            if let last = runs.last, row == last.1 + 1 { runs[runs.count - 1].1 = row } else { runs.append((row, row)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }.joined(separator: ", ")
    }

    /// A decimal with exactly `places` digits after the point: 0.8 → `0.80`.
    static func fixed(_ value: Decimal, places: Int) -> String {
        let rounded = value.rounded(scale: places)
        var text = rounded.plainText
        guard places > 0 else { return text }
        if !text.contains(".") { text += "." }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false)[1].count
        return text + String(repeating: "0", count: max(0, places - decimals))
    }

    /// Summed cells as ranges: grouped by (file, sheet, column) in order of first appearance; each run
    /// of consecutive rows one range.
    static func summed(_ cells: [CellSource]) -> [String] {
        struct Group { var file: String; var sheet: String; var column: Int; var rows: [Int] }
        var groups: [Group] = []
        for cell in cells {
            if let i = groups.firstIndex(where: { $0.file == cell.file && $0.sheet == cell.sheet && $0.column == cell.position.column }) {
                if !groups[i].rows.contains(cell.position.row) { groups[i].rows.append(cell.position.row) }
            } else {
                groups.append(Group(file: cell.file, sheet: cell.sheet, column: cell.position.column, rows: [cell.position.row]))
            }
        }
        var out: [String] = []
        for group in groups {
            let letters = CellPosition.letters(group.column)
            var runStart = group.rows[0], previous = group.rows[0]
            func flush() {
                let range = runStart == previous ? "\(letters)\(runStart)" : "\(letters)\(runStart):\(letters)\(previous)"
                out.append(SourceRef(file: group.file, sheet: group.sheet, cell: range).description)
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

    static func cell(_ source: CellSource) -> String { source.ref.description }
}
