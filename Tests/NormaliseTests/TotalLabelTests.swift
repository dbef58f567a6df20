import TestSupport
import Testing
@testable import Normalise

/// The total and subtotal labels read off an ASCII label's bytes are what the patterns say, and
/// the patterns decide wherever the bytes cannot.
@Suite struct TotalLabelTests {
    @Test func generatedLabelsAreTotalsExactlyWhenThePatternsSaySo() {
        let pieces = ["total", "Total", "TOTAL", "sub", "Sub-", "sous", "-total", "e", "E", "suma", "s", "t", " ", "\t", ".", ":", "'", "_",
                      "-", "2", "x", "é", "ſ", "\r\n", "(", "BR"]
        for label in GeneratedTexts.make(from: pieces, count: 20_000, longest: 8, seed: 58) {
            #expect(TotalLabel.isTotal(label) == label.contains(TotalLabel.total), "\(label.debugDescription)")
            #expect(TotalLabel.isSubtotal(label) == label.contains(TotalLabel.subtotal), "\(label.debugDescription)")
        }
    }

    @Test func theBytesDecideTheCommonLabelsThemselves() {
        #expect(TotalLabel.ascii("Total BR", words: TotalLabel.totalWords) == true)
        #expect(TotalLabel.ascii("Totale generale", words: TotalLabel.totalWords) == true)
        #expect(TotalLabel.ascii("Sous-total D.1", words: TotalLabel.subtotalWords) == true)
        #expect(TotalLabel.ascii("Strengthen capacity", words: TotalLabel.totalWords) == false)
        #expect(TotalLabel.ascii("Totals", words: TotalLabel.totalWords) == false)
        #expect(TotalLabel.ascii("total.x", words: TotalLabel.totalWords) == nil)
        #expect(TotalLabel.ascii("ſubtotal", words: TotalLabel.subtotalWords) == nil)
    }
}
