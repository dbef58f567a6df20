/// The output, compact and objective patterns of the b.3 table (``CodeGrammar``) matched on an
/// ASCII text's bytes, the way their regular expressions match them: each part greedy, giving
/// back one byte at a time until the rest matches, the whole text consumed (`wholeMatch`), and
/// the same groups captured.
///
/// Swift's `Regex` costs microseconds a match and compiles its program in every process; a
/// worker reads each distinct code of its files once with up to three of them (issue 11: 8 % of
/// a worker's CPU at 58 times the demo). On ASCII without `\r` a character is a byte, so the
/// answers are the regexes' own (`GrammarCodePatternsTests` compares both readings on every short text and on random ones); any
/// other text goes to the regexes.
package enum CodePatterns {
    /// A pattern part: a byte class repeated `min...max` times, its bytes captured or not (the
    /// captured parts are the regex's groups, in order).
    package struct Part {
        enum Class {
            /// `[RTDIE]`
            case sector
            /// `\s` (ASCII: tab, line feed, vertical tab, form feed, carriage return, space)
            case space
            /// `[.\-_ ]`
            case separator
            /// `[.\-_\/ ]`
            case separatorOrSlash
            /// `0`
            case zero
            /// `\d`, ASCII digits only
            case digit

            func contains(_ b: UInt8) -> Bool {
                switch self {
                case .sector: b == 0x52 || b == 0x54 || b == 0x44 || b == 0x49 || b == 0x45
                case .space: ASCIIBytes.isSpace(b)
                case .separator: b == 0x2E || b == 0x2D || b == 0x5F || b == 0x20
                case .separatorOrSlash: b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2F || b == 0x20
                case .zero: b == 0x30
                case .digit: ASCIIBytes.isDigit(b)
                }
            }
        }

        var kind: Class
        var min: Int
        var max: Int
        var captured: Bool

        static func one(_ kind: Class, captured: Bool = false) -> Part { Part(kind: kind, min: 1, max: 1, captured: captured) }
        static func optional(_ kind: Class) -> Part { Part(kind: kind, min: 0, max: 1, captured: false) }
        static func any(_ kind: Class) -> Part { Part(kind: kind, min: 0, max: Int.max, captured: false) }
        /// `(\d{1,2})`: one or two, captured.
        static func group(oneOrTwo kind: Class) -> Part { Part(kind: kind, min: 1, max: 2, captured: true) }
    }

    /// `([RTDIE])\s*[.\-_ ]?\s*0*(\d{1,2})\s*[.\-_\/ ]\s*0*(\d{1,2})`
    static let output: [Part] = [.one(.sector, captured: true), .any(.space), .optional(.separator), .any(.space), .any(.zero),
                                 .group(oneOrTwo: .digit), .any(.space), .one(.separatorOrSlash), .any(.space), .any(.zero),
                                 .group(oneOrTwo: .digit)]
    /// `([RTDIE])\s*[.\-_ ]?\s*0*(\d{1,2})`
    static let objective: [Part] = [.one(.sector, captured: true), .any(.space), .optional(.separator), .any(.space), .any(.zero),
                                    .group(oneOrTwo: .digit)]
    /// `([RTDIE])(\d)(\d{1,2})`
    static let compact: [Part] = [.one(.sector, captured: true), .one(.digit, captured: true), .group(oneOrTwo: .digit)]

    /// The bytes of `text` when a character of it is a byte (ASCII without `\r`, which Swift
    /// reads with a following `\n` as one character); nil otherwise.
    static func asciiBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            if b >= 0x80 || b == 0x0D { return nil }
            bytes.append(b)
        }
        return bytes
    }

    /// The captured parts of `pattern`, in order, matched against the whole of `text`, whose
    /// UTF-8 is `bytes` (from ``asciiBytes(_:)``), as the regex's first whole match captures its
    /// groups; nil when it does not match.
    static func wholeMatch(_ text: String, bytes: [UInt8], _ pattern: [Part]) -> [Substring]? {
        var ends = [Int](repeating: 0, count: pattern.count)
        guard match(bytes, pattern, part: 0, at: 0, ends: &ends) else { return nil }
        let utf8 = text.utf8
        var groups: [Substring] = []
        var start = 0
        for (index, part) in pattern.enumerated() {
            if part.captured {
                groups.append(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: ends[index])])
            }
            start = ends[index]
        }
        return groups
    }

    /// Backtracking as the regex engine does: the longest run of the part first, then one byte
    /// fewer, down to its minimum. `ends[i]` is where part `i` stopped in the match found.
    private static func match(_ bytes: [UInt8], _ pattern: [Part], part: Int, at position: Int, ends: inout [Int]) -> Bool {
        guard part < pattern.count else { return position == bytes.count }
        let current = pattern[part]
        var longest = 0
        while longest < current.max, position + longest < bytes.count, current.kind.contains(bytes[position + longest]) { longest += 1 }
        guard longest >= current.min else { return false }
        var count = longest
        while count >= current.min {
            ends[part] = position + count
            if match(bytes, pattern, part: part + 1, at: position + count, ends: &ends) { return true }
            count -= 1
        }
        return false
    }
}
