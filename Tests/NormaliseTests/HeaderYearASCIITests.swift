import TestSupport
import Testing
@testable import Normalise

/// The year and biennium patterns matched on an ASCII header's bytes find what the regular
/// expressions find (domain.md b.3), and any other text is left to the expressions.
@Suite struct HeaderYearASCIITests {
    private func same(_ text: String) -> Bool {
        guard let fast = HeaderYear.asciiMatches(in: text) else { return false }
        let slow = HeaderYear.regexMatches(in: text)
        return fast.bienniums.map { [$0.0, $0.1] } == slow.bienniums.map { [$0.0, $0.1] } && fast.years == slow.years
    }

    @Test(arguments: [
        "2022", "FY2022", "Total 2022-2023", "2022-23", "2022 - 23", "2022/2023", "2022-2024", "2022-234", "2022-23456", "20222",
        "12022", "2022 2023", "2022-23 (2022-2023)", "x2022-23y2024", "2022\r\n-\t23", "", "20", "2019", "2022-", "2022-2",
        "2022 -2023 2024", "a2022b2023", "2022-2023-2024", "2022/23/24",
    ])
    func knownHeadersMatchAsTheExpressionsMatchThem(text: String) {
        #expect(same(text), "\(text.debugDescription)")
    }

    @Test func generatedASCIIHeadersMatchAsTheExpressionsMatchThem() {
        let pieces = ["20", "2", "0", "1", "9", "23", "22", "-", "/", " ", "\t", "\r\n", "x", "FY", "(", ")", "Total ", "\u{0B}", "\u{1C}"]
        for text in GeneratedTexts.make(from: pieces, count: 20_000, longest: 16, seed: 7) {
            #expect(same(text), "\(text.debugDescription)")
        }
    }

    @Test func aTextBeyondASCIIIsLeftToTheExpressions() {
        #expect(HeaderYear.asciiMatches(in: "Coût prévu 2022") == nil)
        #expect(HeaderYear.classify("Coût prévu 2022 (kCHF)") == .year(2022))
        #expect(HeaderYear.classify("Total 2022–2023") == .biennium(2022, 2023))
    }
}
