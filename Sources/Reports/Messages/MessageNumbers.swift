import Foundation
import Results

/// Number forms for messages (domain.md (d)): CHF grouped by spaces, signed deltas, percentages
/// with the minus sign U+2212, and row numbers as runs.
enum MessageNumbers {
    /// `−1.14 %`, `+72.13 %`; empty when the base is 0.
    static func percent(_ delta: Exact, of base: Exact) -> String {
        guard base != 0 else { return "" }
        let value = (delta / base * 100).rounded(scale: 2)
        return (value < 0 ? "\u{2212}" : "+") + abs(value).fixed(places: 2) + " %"
    }

    /// Row numbers as runs: `5-9, 11`.
    static func rows(_ rows: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for row in rows {
            if let last = runs.last, row == last.1 + 1 { runs[runs.count - 1].1 = row } else { runs.append((row, row)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }.joined(separator: ", ")
    }

    /// Items as a phrase: `C14`, `C14 and C15`, `C14, C15 and C16` (`and` in the message's language).
    static func list(_ items: [String], and word: String) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + last
    }
}
