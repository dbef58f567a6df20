import Foundation
@testable import Reports
import Testing

/// The byte-level text helpers of issue 11 give what the character-level forms gave.
@Suite struct TextFastPathTests {
    static let texts = [
        "", " ", "\n", "a", "Biennium (stated, CHF)", "FIN-005/OP-BR/Operational", "two  spaces", "line\nbreak\n\nblank",
        String(repeating: "x", count: 95), "word " + String(repeating: "y", count: 41) + " end",
        "ends with space ", " starts with space", "D.2-14, 2022: planned CHF 1 800 000 in the operational plan",
        "Brasília − 45 000 × 1.5 ≥ 3\u{202F}% → Genève", "é è ç ü ß ø å œ", "staff −1.14\u{202F}% of CHF 2 000 000 (≤ 5 %)",
        "stated 1 000, rows 5-9 sum to 900 (Δ 100): Ωμέγα αβγ",
    ]

    @Test("Wrapped lines on scalars equal wrapped lines on characters", arguments: [1, 2, 7, 14, 40])
    func wrapped(width: Int) {
        for text in Self.texts {
            #expect(ConsolidatedWorkbook.simpleWrappedLines(text, width: width) == ConsolidatedWorkbook.characterWrappedLines(text, width: width))
        }
    }

    @Test("Text whose scalars may join into one character is wrapped on characters")
    func joining() {
        #expect(ConsolidatedWorkbook.simpleWrappedLines("Bras\u{0069}\u{0301}lia", width: 4) == nil)
        #expect(ConsolidatedWorkbook.simpleWrappedLines("a\u{200D}b", width: 4) == nil)
        #expect(ConsolidatedWorkbook.simpleWrappedLines("x\u{20D7} y", width: 4) == nil)
        #expect(ConsolidatedWorkbook.simpleWrappedLines("a\r\nb", width: 4) == nil)
        #expect(ConsolidatedWorkbook.wrappedLines("a\r\nb", width: 4) == ConsolidatedWorkbook.characterWrappedLines("a\r\nb", width: 4))
    }

    @Test("Replacing on bytes finds what Foundation's literal search finds", arguments: [
        ("a_b_c", "_", " "), ("\"quoted\" \"\"", "\"", "\"\""), ("{0} of {1} and {0}", "{0}", "7"), ("1 234 567", " ", "\u{202F}"),
        ("none here", "#", "~"), ("", "x", "y"), ("x", "xx", "y"), ("aaaa", "aa", "b"),
        ("Genève", "è", "e"), ("12.5", ".", ","),
    ])
    func replacing(text: String, target: String, replacement: String) {
        #expect(text.replacingBytes(of: target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test("A quote followed by a combining mark is doubled too (Foundation matches whole characters and left it single)")
    func quoteBeforeCombiningMark() {
        #expect("e\u{301}\"\u{301}".replacingBytes(of: "\"", with: "\"\"").utf8.elementsEqual("e\u{301}\"\"\u{301}".utf8))
    }

    @Test("A CSV field is quoted as the character test quoted it", arguments: texts + ["a,b", "say \"hi\"", "cr\rhere", "crlf\r\nhere"])
    func csvQuote(text: String) {
        let needs = text.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        #expect(DiscrepancyCSV.quote(text) == (needs ? "\"" + text.replacingBytes(of: "\"", with: "\"\"") + "\"" : text))
    }

    @Test("A JSON string copied whole is the string escaped scalar by scalar",
          arguments: texts + ["say \"hi\"", "back\\slash", "tab\there", "bell\u{7}", "cr\r\n"])
    func json(text: String) {
        var scalarwise = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": scalarwise += "\\\""
            case "\\": scalarwise += "\\\\"
            case "\n": scalarwise += "\\n"
            case "\r": scalarwise += "\\r"
            case "\t": scalarwise += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    scalarwise += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    scalarwise.unicodeScalars.append(scalar)
                }
            }
        }
        #expect(JSON.string(text) == scalarwise + "\"")
    }

    @Test("An ASCII text gets its break opportunities as a text of other characters does")
    func breakable() {
        #expect(DiscrepancyHTML.breakable("FIN-003/R.2-1/2022", after: ["/"]) == "FIN-003/<wbr>R.2-1/<wbr>2022")
        #expect(DiscrepancyHTML.breakable("a.xlsx!S_1!E8 <&\">", after: ["!", "_"]) == "a.xlsx!<wbr>S_<wbr>1!<wbr>E8 &lt;&amp;&quot;&gt;")
        #expect(DiscrepancyHTML.breakable("Genève!S_1", after: ["!", "_"]) == "Genève!<wbr>S_<wbr>1")
        #expect(DiscrepancyHTML.breakable("", after: ["/"]) == "")
    }

    /// The byte scan on a string's own bytes finds what the UTF-8 view finds: small strings (held
    /// inline), large ones, non-ASCII ones, and a string made from a slice.
    @Test(arguments: ["", "a", "a,b", "x\"", String(repeating: "é", count: 40), String(repeating: "long text ", count: 20) + ",",
                      String("prefix, and a slice of it".dropFirst(7)), "Δ −1 240 000\n"])
    func theByteScanFindsWhatTheUTF8ViewFinds(text: String) {
        for byte: UInt8 in [0x2C, 0x22, 0x0A, 0xC3, 0x41] {
            #expect(text.containsByte(where: { $0 == byte }) == text.utf8.contains(byte), "\(text) \(byte)")
        }
    }
}


extension TextFastPathTests {
    /// A source cell's first row read on the bytes gives what the characters gave.
    @Test("A reference's first row on its bytes equals the row read as characters")
    func firstRowOfAReference() {
        func byCharacters(_ r: String) -> Int? { Int(r.prefix { $0 != ":" }.drop { $0.isLetter || $0 == "$" }.prefix { $0.isNumber }) }
        let references = ["E5", "E5:E9", "$E$5", "$AB$1454:H1454", "G5:H1454", "A", "5", ":5", "", "E", "E0", "E007", "e12", "XFD1048576",
                          "E99999999999999999999", "E5x", "@5", "[5", "`5", "{5", "E$", "É5", "E٣", "Ⅻ5", "E 5", "AB12:", "R1C1"]
        for reference in references {
            #expect(ConsolidatedWorkbook.firstRow(of: reference) == byCharacters(reference), "\(reference)")
        }
        #expect(ConsolidatedWorkbook.firstRow(of: "$B$12:C14") == 12)
    }
}
