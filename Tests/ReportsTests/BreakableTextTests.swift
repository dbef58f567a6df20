import Foundation
import Testing
@testable import Reports

/// The page's breakable texts (ids, sources, file names) read the same whether `appendBreakable`
/// writes them on their bytes or leaves them to `breakableByCharacters` (issue 11 put texts with a `−`, a `Δ` or an accent on the
/// bytes when every mark in them stands alone).
struct BreakableTextTests {
    @Test(arguments: [
        "FIN-003/T.4-1/2023", "Plan opérationnel!E12", "OP_TSB_2022-2025_v3.xlsx!Plan opérationnel!B7", "Δ/−45 000", "a/é/b",
        "x & y < z > \"q\"", "é&é", "/é", "é/", "_é_", "OP_BDT (final)_v2.xlsx", "日本/語", "", "/", "e\u{301}/x", "a/\u{301}b",
        "\u{600}/x", "a&\u{301}b", "r\u{301}_s", "BDT Operational Plan 2022-2025 (final).xlsx!OpPlan_BDT!C7",
    ])
    func bytesAndCharactersAgree(text: String) {
        for marks in [DiscrepancyHTML.BreakMarks.id, .source, .file] {
            var out = TextBuffer()
            DiscrepancyHTML.appendBreakable(text, after: marks, to: &out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == DiscrepancyHTML.breakableByCharacters(text, after: marks))
        }
    }
}
