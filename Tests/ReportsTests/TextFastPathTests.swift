import Foundation
@testable import Reports
import Testing

/// The byte-level text helpers of issue 11 give what the character-level forms gave.
@Suite struct TextFastPathTests {
    static let texts = [
        "", " ", "\n", "a", "Biennium (stated, CHF)", "FIN-005/OP-BR/Operational", "two  spaces", "line\nbreak\n\nblank",
        String(repeating: "x", count: 95), "word " + String(repeating: "y", count: 41) + " end",
        "ends with space ", " starts with space", "D.2-14, 2022: planned CHF 1 800 000 in the operational plan",
    ]

    @Test("Wrapped lines on bytes equal wrapped lines on characters", arguments: [1, 2, 7, 14, 40])
    func wrapped(width: Int) {
        for text in Self.texts {
            #expect(ConsolidatedWorkbook.asciiWrappedLines(text, width: width) == ConsolidatedWorkbook.characterWrappedLines(text, width: width))
        }
    }

    @Test("Text that is not plain ASCII is wrapped on characters")
    func notASCII() {
        #expect(ConsolidatedWorkbook.asciiWrappedLines("Brasília", width: 4) == nil)
        #expect(ConsolidatedWorkbook.asciiWrappedLines("a\r\nb", width: 4) == nil)
        #expect(ConsolidatedWorkbook.wrappedLines("a\r\nb", width: 4) == ConsolidatedWorkbook.characterWrappedLines("a\r\nb", width: 4))
    }

    @Test("Replacing on bytes finds what Foundation's literal search finds", arguments: [
        ("a_b_c", "_", " "), ("\"quoted\" \"\"", "\"", "\"\""), ("{0} of {1} and {0}", "{0}", "7"), ("1 234 567", " ", "\u{202F}"),
        ("none here", "#", "~"), ("", "x", "y"), ("x", "xx", "y"), ("e\u{301}\"\u{301}", "\"", "\"\""), ("aaaa", "aa", "b"),
        ("Genève", "è", "e"), ("12.5", ".", ","),
    ])
    func replacing(text: String, target: String, replacement: String) {
        #expect(text.replacingBytes(of: target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }
}
