import Testing
import TestSupport

@testable import XLSXWriter

/// The writer's scans of long texts test eight bytes at a time (``ByteWords``, issue 11): texts of
/// every length, with what needs escaping or breaks a line at every offset of a word, give what
/// a scan of one character at a time gives.
@Suite struct WriterEscapeWordsTests {
    /// Pieces the random texts are made of: plain ASCII, every byte the escaping looks for, a
    /// literal `_xHHHH_`, and scalars of two, three and four UTF-8 bytes (0xEF leads U+F000…U+FFFF).
    static let pieces = [
        "a", "b", "Z", " ", "0", "9", "x", "-", "&", "<", ">", "\"", "'", "_", "_x0041_", "_x12_", "_xabcD_", "\n", "\t", "\r",
        "\u{7}", "\u{1F}", "é", "Δ", "−", "\u{202F}", "\u{FFFE}", "\u{FFFF}", "\u{F000}", "\u{FEFF}", "日", "😀", "\u{0301}",
    ]

    static let letters = ["a", "b", "c", "d", "e", "f", "g", "h"]

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let length = random.below(70)
            // Mostly plain letters, as messages are, so that whole clear words occur.
            return (0..<length).map { _ in random.below(3) == 0 ? pieces[random.below(pieces.count)] : letters[random.below(letters.count)] }.joined()
        }
    }

    /// What the writer must give, written one Unicode scalar at a time from ECMA-376's rules.
    static func reference(_ text: String, inAttribute: Bool) -> String {
        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return "_x" + String(repeating: "0", count: 4 - digits.count) + digits + "_"
        }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += inAttribute ? "&quot;" : "\""
            case "\t": out += inAttribute ? "&#9;" : "\t"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\u{FFFE}", "\u{FFFF}": out += hex(scalar.value)
            case "_":
                let next = scalars[(i + 1)...].prefix(6).map { Character($0) }
                let looksEscaped = next.count == 6 && next[0] == "x" && next[5] == "_" && next[1...4].allSatisfy(\.isHexDigit)
                out += looksEscaped ? "_x005F_" : "_"
            default: out += scalar.value < 0x20 ? hex(scalar.value) : String(scalar)
            }
        }
        return out
    }

    @Test func escapedTextEqualsTheScalarByScalarEscape() {
        for text in Self.randomTexts(count: 4_000, seed: 20_261_207) {
            var writer = XMLWriter()
            writer.text(text)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == Self.reference(text, inAttribute: false), "\(text.debugDescription)")
            var attribute = XMLWriter()
            attribute.emptyElement("e", ["v": text])
            #expect(String(decoding: attribute.bytes, as: UTF8.self) == "<e v=\"\(Self.reference(text, inAttribute: true))\"/>", "\(text.debugDescription)")
        }
    }

    /// The added sheet's line count against the count on characters, and nil wherever a scalar
    /// outside its list (or a carriage return) comes, after any number of plain words.
    @Test(arguments: [1, 7, 8, 9, 40])
    func lineCountsEqualTheCharacterCount(width: Int) {
        let counted: Set<Unicode.Scalar> = ["é", "Δ", "−", "\u{202F}"]
        for text in Self.randomTexts(count: 3_000, seed: 7_000 + UInt64(width)) {
            let simple = text.unicodeScalars.allSatisfy { $0.isASCII ? $0 != "\r" : counted.contains($0) }
            let byCharacters = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
            #expect(AddedSheetPart.simpleLineCount(text, width: width) == (simple ? byCharacters : nil), "\(text.debugDescription)")
        }
    }
}
