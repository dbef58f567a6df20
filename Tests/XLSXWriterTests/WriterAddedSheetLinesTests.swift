import Testing
@testable import XLSXWriter

/// The added sheet's row heights count characters on Unicode scalars where each is one character
/// (issue 11); the count is the one made on characters.
@Suite struct WriterAddedSheetLinesTests {
    static let texts = [
        "", "\n", "a", "Message", "line\nbreak\n\nblank", String(repeating: "x", count: 95),
        "D.2-14, 2022: planned CHF 1 800 000 in the operational plan", "Brasília − 45 000 × 1.5 ≥ 3\u{202F}% → Genève",
        "Warning FIN-003: Amount differs per output and year\nR.2-1, 2022: stated −1.14\u{202F}% (Δ −45 000).\n(FIN-003/R.2-1/2022)",
        "Ωμέγα αβγ (Δ 100)", "\u{A0}\u{2FF}\u{370}\u{3FF}\u{2010}\u{2027}\u{202F}\u{205E}\u{2070}\u{20CF}\u{2100}\u{214F}\u{2190}\u{23FF}",
    ]

    @Test("Lines counted on scalars equal lines counted on characters", arguments: [1, 3, 11, 35, 88])
    func sameCount(width: Int) {
        for text in Self.texts {
            let byCharacters = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
            #expect(AddedSheetPart.simpleLineCount(text, width: width) == byCharacters)
        }
    }

    @Test("A text whose scalars may join into one character is left to the character count")
    func joining() {
        #expect(AddedSheetPart.simpleLineCount("Bras\u{0069}\u{0301}lia", width: 4) == nil)
        #expect(AddedSheetPart.simpleLineCount("a\u{200D}b", width: 4) == nil)
        #expect(AddedSheetPart.simpleLineCount("a\r\nb", width: 4) == nil)
        #expect(AddedSheetPart.simpleLineCount("ok \u{1F600}", width: 4) == nil)   // four UTF-8 bytes
        #expect(AddedSheetPart.simpleLineCount("日本", width: 4) == nil)
    }
}
