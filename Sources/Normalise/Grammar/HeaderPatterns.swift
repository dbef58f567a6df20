import Foundation

/// What period a column header names: a year, a biennium, or neither (domain.md b.3, Year and
/// Biennium rows and the patterns below the table).
public enum HeaderYear: Equatable, Sendable {
    /// One year (`2022`, `FY2022`, `Coût prévu 2022 (kCHF)`).
    case year(Int)
    /// A valid ITU biennium: an even first year and the year after it (`2022-23`, `Total 2022-2023`).
    case biennium(Int, Int)
    /// Several different years or bienniums in one header, sorted; the column is ignored with a note.
    case ambiguous([Int])
    /// A biennium-shaped header that is not an ITU biennium; the column is ignored with a note
    /// giving this reason.
    case invalidBiennium(String)
    /// No year at all.
    case none

    /// Classifies one header text.
    ///
    /// The header first gets `CodeText.normalise(_:)` (step 2 without uppercasing: the patterns
    /// hold only digits, `-` and `/`, so case is irrelevant, and the dash mapping is what makes
    /// `2022–2023` a biennium). The Biennium pattern is tried first; only a header with no
    /// biennium-shaped match is searched for years, so `2022-2024` is an invalid biennium, not
    /// two years. Several matches naming the same period count once (`2022-23 (2022-2023)`).
    public static func classify(_ header: String) -> HeaderYear {
        memo.value(header, reading)
    }

    /// Each header read once per process (a workbook's sheets repeat their year headers).
    private static let memo = TextMemo<String, HeaderYear>()

    private static func reading(_ header: String) -> HeaderYear {
        let text = CodeText.normalise(header)

        let bienniums = text.matches(of: biennium).map { match -> (Int, Int) in
            let first = Int(match.1) ?? 0
            let typed = Int(match.2) ?? 0
            // A two-digit second year stays in the first year's century (2022-23 → 2023).
            return (first, match.2.count == 2 ? first / 100 * 100 + typed : typed)
        }
        if let (first, second) = bienniums.first {
            let distinct = Set(bienniums.map { [$0.0, $0.1] })
            if distinct.count > 1 {
                return .ambiguous(Array(Set(distinct.joined())).sorted())
            }
            if second != first + 1 {
                return .invalidBiennium("\(first)-\(second): the second year is not the year after the first")
            }
            if first % 2 != 0 {
                return .invalidBiennium("\(first)-\(second): ITU bienniums start in an even year")
            }
            return .biennium(first, second)
        }

        let years = Set(text.matches(of: year).compactMap { Int($0.1) }).sorted()
        switch years.count {
        case 0: return .none
        case 1: return .year(years[0])
        default: return .ambiguous(years)
        }
    }

    // The patterns as b.3 writes them. `(?:^|\D)` consumes the character before the year, so the
    // year is capture 1, never the whole match; `matches(of:)` resumes after each match, which is
    // how every year of a header is found. `Regex` is not `Sendable`, but these are never mutated
    // and the engine publishes its lazily compiled program atomically.
    nonisolated(unsafe) private static let biennium =
        #/(?:^|\D)(20\d{2})\s*[-\/]\s*(\d{2}(?:\d{2})?)(?!\d)/#.asciiOnlyDigits()
    nonisolated(unsafe) private static let year = #/(?:^|\D)(20\d{2})(?!\d)/#.asciiOnlyDigits()
}
