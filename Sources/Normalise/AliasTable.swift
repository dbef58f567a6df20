import Foundation
import Results

/// Canonical values and the words that mean them, in any language: data from the pipeline file.
///
/// Lookups compare folded keys (case, accents, spacing and punctuation ignored), so `Élevée`,
/// `elevee` and `ÉLEVÉE` are one alias.
public struct AliasTable: Sendable, Codable, Equatable {
    /// Canonical value → its aliases, as the pipeline file lists them.
    public let entries: [String: [String]]
    private var index: [String: String] = [:]
    /// Each text already looked up (the index never changes after `init`, so copies share it).
    private let memo = TextMemo<String, String?>()

    public init(_ entries: [String: [String]]) {
        self.entries = entries
        for (canonical, aliases) in entries.sorted(by: { $0.key < $1.key }) {
            index[Self.key(canonical)] = canonical
            for alias in aliases { index[Self.key(alias)] = canonical }
        }
    }

    public init(from decoder: Decoder) throws {
        self.init(try [String: [String]](from: decoder))
    }

    public func encode(to encoder: Encoder) throws { try entries.encode(to: encoder) }

    public static func == (a: Self, b: Self) -> Bool { a.entries == b.entries }

    /// The canonical value the text names, if any.
    public func canonical(_ text: String) -> String? { memo.value(text) { index[Self.key($0)] } }

    /// The folded text; symbols-only aliases (`↑`, `=`, `-`) keep their symbols.
    static func key(_ text: String) -> String {
        let folded = HeaderKey.fold(text)
        return folded.isEmpty ? text.trimmingHorizontalSpace : folded
    }

    /// The canonical value of the longest alias that occurs as whole words inside `text`.
    public func find(in text: String) -> String? {
        let haystack = " " + HeaderKey.fold(text) + " "
        var best: (length: Int, value: String)?
        for (alias, value) in index where !alias.isEmpty {
            if haystack.contains(" " + alias + " "), alias.count > (best?.length ?? 0) { best = (alias.count, value) }
        }
        return best?.value
    }

    /// Merges `other` over `self`: its aliases are added to the same canonical values.
    public func merging(_ other: AliasTable) -> AliasTable {
        AliasTable(entries.merging(other.entries) { $0 + $1 })
    }
}

/// Folded comparison keys for header and alias texts.
public enum HeaderKey {
    /// Lowercased, accents removed, every run of non-alphanumerics one space, trimmed.
    public static func fold(_ text: String) -> String {
        asciiFold(text) ?? unicodeFold(text)
    }

    /// ``fold(_:)`` through Foundation's folding and `Character`'s classes: any text.
    static func unicodeFold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = ""
        var space = false
        for ch in folded {
            if ch.isLetter || ch.isNumber || ch == "%" || ch == "#" {
                if space && !out.isEmpty { out.append(" ") }
                out.append(ch)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// The key used to match a column header with field aliases: folded, with parenthesised
    /// parts (units, notes), years and bienniums removed. `Planned cost 2022 (CHF)` → `planned cost`,
    /// `Total 2022-2023` → `total`, `2022` → ``.
    public static func field(_ header: String) -> String {
        fieldMemo.value(header, computeField)
    }

    /// Each header and alias word read once per process: a sheet's alias tables fold every alias
    /// of its table (hundreds of words) and each workbook repeats its headers (issue 11).
    private static let fieldMemo = TextMemo<String, String>()

    private static func computeField(_ header: String) -> String {
        asciiField(header) ?? unicodeField(header)
    }

    /// ``field(_:)`` through `Character`s, the regular expression and ``unicodeFold(_:)``: any text.
    static func unicodeField(_ header: String) -> String {
        var text = ""
        var depth = 0
        for ch in header {
            if ch == "(" { depth += 1; text.append(" "); continue }
            if ch == ")" { depth = max(0, depth - 1); text.append(" "); continue }
            if depth == 0 { text.append(ch) }
        }
        return fold(text.replacing(yearOrBiennium, with: " "))
    }

    /// Built once: a regex literal in a function body is parsed again on every call (Swift 6.3),
    /// which made a 16,384-column header row take seconds.
    nonisolated(unsafe) private static let yearOrBiennium = #/(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2}(?:\d{2})?)?/#

    // MARK: ASCII texts

    // Nearly every header and alias is ASCII, and for ASCII the folding and the pattern above come
    // down to byte tests: Foundation's folding, `Character`'s classes and the regular expression
    // cost about 22,000 and 88,000 instructions a text, paid once per text in every process (the
    // run and each worker; issue 11). `HeaderKeyASCIITests` checks these agree with the general
    // functions on generated ASCII texts.

    /// ``unicodeFold(_:)`` of an ASCII text on its bytes; nil when the text is not ASCII.
    static func asciiFold(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        return appendASCIIFold(text.utf8, to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Appends the fold of `utf8` to `bytes`; false, leaving `bytes` as it may, at a byte that is not ASCII.
    private static func appendASCIIFold(_ utf8: some Sequence<UInt8>, to bytes: inout [UInt8]) -> Bool {
        var space = false
        for byte in utf8 {
            guard byte < 0x80 else { return false }
            let lower = ASCIIBytes.lowercased(byte)
            if ASCIIBytes.isLowerAlphanumeric(lower) || lower == UInt8(ascii: "%") || lower == UInt8(ascii: "#") {
                if space && !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                bytes.append(lower)
                space = false
            } else {
                space = true
            }
        }
        return true
    }

    /// ``unicodeField(_:)`` of an ASCII text on its bytes; nil when the text is not ASCII.
    static func asciiField(_ header: String) -> String? {
        // Parenthesised parts become spaces.
        var text: [UInt8] = []
        text.reserveCapacity(header.utf8.count)
        var depth = 0
        for byte in header.utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "("): depth += 1; text.append(UInt8(ascii: " "))
            case UInt8(ascii: ")"): depth = max(0, depth - 1); text.append(UInt8(ascii: " "))
            default: if depth == 0 { text.append(byte) }
            }
        }
        // Each year or biennium (`2022`, `2022-23`, `2022 / 2023`) becomes a space, leftmost first.
        var kept: [UInt8] = []
        kept.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if let end = yearOrBienniumEnd(in: text, at: i) {
                kept.append(UInt8(ascii: " "))
                i = end
            } else {
                kept.append(text[i])
                i += 1
            }
        }
        var folded: [UInt8] = []
        folded.reserveCapacity(kept.count)
        _ = appendASCIIFold(kept, to: &folded)
        return String(decoding: folded, as: UTF8.self)
    }

    /// Where `yearOrBiennium` matching at `start` of ASCII `text` ends, or nil: `19` or `20` and two
    /// digits, then, if it follows whole, white space, `-` or `/`, white space and two digits
    /// (four when there are four).
    private static func yearOrBienniumEnd(in text: [UInt8], at start: Int) -> Int? {
        guard let year = ASCIIBytes.yearEnd(in: text, at: start, from1900: true) else { return nil }
        guard let digits = ASCIIBytes.secondYearDigits(in: text, after: year), digits.count >= 2 else { return year }
        return digits.lowerBound + (digits.count >= 4 ? 4 : 2)
    }
}
