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
        let matched = PatternMatches(text) ?? PatternMatches(regexMatchesIn: text)
        return classify(bienniums: matched.bienniums, years: matched.years)
    }

    /// The matches of both patterns in `text`, by the regular expressions (any text).
    static func regexMatches(in text: String) -> (bienniums: [(Int, Int)], years: [Int]) {
        let matched = PatternMatches(regexMatchesIn: text)
        return (matched.bienniums, matched.years)
    }

    /// The matches of both patterns in an ASCII `text` on its bytes; nil for any other text.
    static func asciiMatches(in text: String) -> (bienniums: [(Int, Int)], years: [Int])? {
        PatternMatches(text).map { ($0.bienniums, $0.years) }
    }

    /// The period the patterns' matches name: bienniums first, then years.
    private static func classify(bienniums: [(Int, Int)], years yearMatches: [Int]) -> HeaderYear {
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

        let years = Set(yearMatches).sorted()
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

    /// Both patterns' matches: the bienniums (a two-digit second year in the first year's
    /// century: 2022-23 → 2023) and the years (looked for only when no biennium matched).
    private struct PatternMatches {
        var bienniums: [(Int, Int)] = []
        var years: [Int] = []

        /// By the regular expressions.
        init(regexMatchesIn text: String) {
            bienniums = text.matches(of: HeaderYear.biennium).map { match -> (Int, Int) in
                let first = Int(match.1) ?? 0
                let typed = Int(match.2) ?? 0
                return (first, match.2.count == 2 ? first / 100 * 100 + typed : typed)
            }
            if bienniums.isEmpty { years = text.matches(of: HeaderYear.year).compactMap { Int($0.1) } }
        }

        /// On the bytes of an ASCII text, as the expressions match it (issue 11: the regular
        /// expressions cost about 97,000 instructions a header in every process). Each match
        /// starts at the text's start or consumes one character that is not a digit, and the
        /// search resumes after it; `HeaderYearASCIITests` compares both on generated texts.
        init?(_ text: String) {
            let bytes = Array(text.utf8)
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            bienniums = Self.matches(in: bytes, Self.biennium)
            if bienniums.isEmpty { years = Self.matches(in: bytes, Self.year) }
        }

        /// A pattern's matches, leftmost first: `(?:^|\D)` then `body`, which returns the end of
        /// its match and its value, or nil.
        private static func matches<Value>(in bytes: [UInt8], _ body: ([UInt8], Int) -> (end: Int, value: Value)?) -> [Value] {
            var found: [Value] = []
            var start = 0
            while start <= bytes.count {
                if start == 0, let match = body(bytes, 0) {
                    found.append(match.value)
                    start = match.end
                    continue
                }
                var position = start
                var next: (end: Int, value: Value)?
                while position < bytes.count {
                    if !ASCIIBytes.isDigit(bytes[position]), let match = body(bytes, position + 1) {
                        next = match
                        break
                    }
                    position += 1
                }
                guard let match = next else { break }
                found.append(match.value)
                start = match.end
            }
            return found
        }

        private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) }
        }

        /// `(20\d{2})(?!\d)` at `i`.
        private static func year(_ bytes: [UInt8], _ i: Int) -> (end: Int, value: Int)? {
            guard let end = ASCIIBytes.yearEnd(in: bytes, at: i, from1900: false), end == bytes.count || !ASCIIBytes.isDigit(bytes[end]) else {
                return nil
            }
            return (end, number(bytes, i..<end))
        }

        /// `(20\d{2})\s*[-/]\s*(\d{2}(?:\d{2})?)(?!\d)` at `i`.
        private static func biennium(_ bytes: [UInt8], _ i: Int) -> (end: Int, value: (Int, Int))? {
            // Two or four digits and no more: the expression backtracks from four to two, and the
            // look-ahead refuses a digit after either.
            guard let yearEnd = ASCIIBytes.yearEnd(in: bytes, at: i, from1900: false),
                  let digits = ASCIIBytes.secondYearDigits(in: bytes, after: yearEnd), digits.count == 2 || digits.count == 4 else { return nil }
            let first = number(bytes, i..<yearEnd), typed = number(bytes, digits)
            return (digits.upperBound, (first, digits.count == 2 ? first / 100 * 100 + typed : typed))
        }
    }
}
