import Testing
import XLSXWriter

/// `SpreadsheetLimits.clipped` keeps a text of at most `limit` bytes whole without walking its
/// characters, and gives exactly the first `limit` characters of any other, as `prefix` does.
@Suite struct WriterLinkTextTests {
    static let pieces = ["a", "Z", " ", "é", "e\u{301}", "Δ", "€", "👩‍👩‍👧", "🇨🇭", "\r\n", "−", "\u{202F}", "漢"]

    @Test func clippedIsThePrefixOfTheFirstCharacters() {
        var generator = SystemRandomNumberGenerator()
        for limit in [0, 1, 2, 31, 255] {
            for _ in 0..<400 {
                let count = Int.random(in: 0...(limit + 40), using: &generator)
                let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
                #expect(SpreadsheetLimits.clipped(text, to: limit) == String(text.prefix(limit)), "\(limit): \(text.debugDescription)")
            }
        }
        // At the edge: 255 ASCII bytes kept, 256 cut; 200 two-byte letters (400 bytes) kept whole.
        #expect(SpreadsheetLimits.clipped(String(repeating: "x", count: 255), to: 255).count == 255)
        #expect(SpreadsheetLimits.clipped(String(repeating: "x", count: 256), to: 255).count == 255)
        #expect(SpreadsheetLimits.clipped(String(repeating: "é", count: 200), to: 255) == String(repeating: "é", count: 200))
    }
}
