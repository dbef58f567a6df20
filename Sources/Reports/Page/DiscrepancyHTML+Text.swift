import Foundation
import Results

/// Text forms of the page: escaping, break points and amounts as a reader expects them.
extension DiscrepancyHTML {
    /// Whether a UTF-8 byte is markup the page escapes (`&`, `<`, `>`, `"`): no other character's
    /// UTF-8 holds these bytes, so a text without them has nothing to escape.
    static func isMarkup(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 }

    static func escape(_ s: String) -> String {
        // Most texts have nothing to escape.
        guard s.containsByte(where: isMarkup) else { return s }
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An id usable as an HTML id and fragment: spaces and `#` replaced.
    static func attribute(_ id: String) -> String {
        escape(id.replacingBytes(of: " ", with: "_").replacingBytes(of: "#", with: "~"))
    }

    /// The characters a text may break after (``breakable(_:after:)``), with their bytes for an
    /// ASCII text: made once, not per text (issue 11).
    struct BreakMarks: ExpressibleByArrayLiteral {
        let characters: Set<Character>
        let bytes: [UInt8]
        /// Whether every mark is ASCII, so that each is one byte of the text.
        let areASCII: Bool

        /// The ASCII bytes ``appendBreakable(_:after:to:)`` stops at, one bit each (bit `b` of
        /// `low` for a byte `b` below 64, of `high` for `b - 64`): the marks and what is escaped.
        let low: UInt64, high: UInt64

        init(_ characters: Set<Character>) {
            self.characters = characters
            bytes = characters.compactMap(\.asciiValue)
            areASCII = bytes.count == characters.count
            var low: UInt64 = 0, high: UInt64 = 0
            for byte in UInt8(0)..<0x80 where bytes.contains(byte) || DiscrepancyHTML.isMarkup(byte) {
                if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
            }
            (self.low, self.high) = (low, high)
        }

        /// Whether the ASCII `byte` is a mark or is escaped.
        func stops(at byte: UInt8) -> Bool {
            byte < 64 ? low >> byte & 1 == 1 : high >> (byte & 63) & 1 == 1
        }

        init(arrayLiteral characters: Character...) { self.init(Set(characters)) }

        /// An id breaks after `/`.
        static let id = BreakMarks(["/"])
        /// A source (`file!sheet!cell`) after `!` and `_`.
        static let source = BreakMarks(["!", "_"])
        /// A file name after `_`.
        static let file = BreakMarks(["_"])
    }

    /// Escaped text with a break opportunity (`<wbr>`) after each of `marks`: a cell reference
    /// breaks after `!`, an id after `/`, never letter by letter.
    static func breakable(_ s: String, after marks: BreakMarks) -> String {
        var out = TextBuffer(capacity: s.utf8.count + 16)
        appendBreakable(s, after: marks, to: &out)
        return out.text
    }

    /// ``breakable(_:after:)`` appended to `out`: copied from the text's own bytes a run at a time
    /// between the bytes it stops at when every such byte is a character by itself (issue 11; a CR
    /// LF pair, one character, is neither markup nor a mark), any other text character by
    /// character (``breakableByCharacters(_:after:)``).
    static func appendBreakable(_ s: String, after marks: BreakMarks, to out: inout TextBuffer) {
        let done = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            // On the bytes whenever each mark and escaped byte stands alone, an ASCII byte between
            // ASCII bytes (or the text's ends), so that it is a whole character by itself: no
            // combining mark after it and no prepended mark before it (issue 11: messages with a
            // `−`, `Δ` or an accented file name went through the characters, 28 M instructions).
            if bytes.contains(where: { $0 >= 0x80 }) {
                guard marks.areASCII else { return false }
                for i in bytes.indices where bytes[i] < 0x80 && marks.stops(at: bytes[i]) {
                    if i > 0, bytes[i - 1] >= 0x80 { return false }
                    if i + 1 < bytes.count, bytes[i + 1] >= 0x80 { return false }
                }
            }
            var start = 0
            for i in bytes.indices where bytes[i] < 0x80 && marks.stops(at: bytes[i]) {
                out.append(bytes: bytes[start..<i])
                switch bytes[i] {
                case UInt8(ascii: "&"): out.append("&amp;")
                case UInt8(ascii: "<"): out.append("&lt;")
                case UInt8(ascii: ">"): out.append("&gt;")
                case UInt8(ascii: "\""): out.append("&quot;")
                default: out.append(byte: bytes[i])
                }
                if marks.bytes.contains(bytes[i]) { out.append("<wbr>") }
                start = i + 1
            }
            out.append(bytes: bytes[start...])
            return true
        }
        guard done != true else { return }
        out.append(breakableByCharacters(s, after: marks))
    }

    /// ``breakable(_:after:)`` character by character: any text, whatever its marks and scalars
    /// (``appendBreakable(_:after:to:)`` takes its bytes when the two cannot differ).
    static func breakableByCharacters(_ s: String, after marks: BreakMarks) -> String {
        var text = ""
        text.reserveCapacity(s.utf8.count + 16)
        for ch in s {
            switch ch {   // as escape(_:), without a string per character (issue 11)
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            default: text.append(ch)
            }
            if marks.characters.contains(ch) { text += "<wbr>" }
        }
        return text
    }

    /// ``escape(_:)`` appended to `out` (a text with nothing to escape is copied as it is).
    static func appendEscaped(_ s: String, to out: inout TextBuffer) {
        out.append(escape(s))
    }

    /// Digits grouped by thousands with a narrow no-break space, U+2212 for minus: `1 800 000`,
    /// `−45 000`, `+440 000` when `signed`.
    static func grouped(_ value: Exact, signed: Bool = false, _ L: Labels) -> String {
        L.language == .en ? value.groupedCHF(signed: signed, separator: [0xE2, 0x80, 0xAF]) : L.numbers.grouped(value, signed: signed)
    }

    /// `−1.14 %` (U+2212), nil when the base is 0.
    static func percent(_ delta: Exact, of base: Exact, places: Int = 2, _ L: Labels) -> String? {
        guard base != 0 else { return nil }
        guard L.language == .en else { return L.numbers.percent(delta, of: base, places: places) }
        let value = Exact.quotient(delta, base, timesPowerOfTen: 2, roundedTo: places)
        return (value < 0 ? "\u{2212}" : "+") + abs(value).fixed(places: places) + "\u{202F}%"
    }

    /// An expected, actual or delta value as a table cell's content: amounts grouped (the plain
    /// form stays in `data-value` for sorting and searching), a change with its share beneath, words as words.
    static func valueHTML(_ value: FindingValue, _ L: Labels) -> String {
        var out = TextBuffer()
        appendValueHTML(value, L, to: &out)
        return out.text
    }

    /// ``valueHTML(_:_:)`` appended to `out` piece by piece (issue 11: each value of the findings
    /// table made a string of its own through interpolation).
    static func appendValueHTML(_ value: FindingValue, _ L: Labels, to out: inout TextBuffer) {
        switch value {
        case .none: break
        case .amount(let v):
            out.append("<span class=\"n\">")
            out.append(grouped(v, L))
            out.append("</span>")
        case .signed(let v):
            out.append("<span class=\"n\">")
            out.append(grouped(v, signed: true, L))
            out.append("</span>")
        case .change(let d, let base):
            out.append("<span class=\"n\">")
            out.append(grouped(d, signed: true, L))
            out.append("</span>")
            if let share = percent(d, of: base, L) {
                out.append(" <span class=\"n pct\">(")
                out.append(share)
                out.append(")</span>")
            }
        case .ratio(let r):
            out.append("<span class=\"n\">")
            out.append(L("ratio"))
            out.append(" ")
            out.append(L.numbers.fixed(r, places: 1))
            out.append("</span>")
        case .code(let code): appendEscaped(code, to: &out)
        case .term: appendEscaped(L.language.text(value), to: &out)
        case .words(let words): appendEscaped(words, to: &out)
        }
    }

    /// CHF millions with one decimal for chart labels: `16.9 M`.
    static func millions(_ value: Exact, _ L: Labels) -> String {
        L.numbers.fixed(value / 1_000_000, places: 1) + "\u{202F}M"
    }

    /// A date as the page states it (UTC, to the minute): `2026-11-30 09:12 UTC`.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
    }

    /// A file size in words: `18.2 kB`.
    static func size(_ bytes: Int, _ L: Labels) -> String {
        bytes < 1000 ? "\(bytes) \(L("B"))" : bytes < 1_000_000 ? "\(L.numbers.fixed(Exact(bytes) / 1000, places: 1)) \(L("kB"))"
            : "\(L.numbers.fixed(Exact(bytes) / 1_000_000, places: 1)) \(L("MB"))"
    }
}
