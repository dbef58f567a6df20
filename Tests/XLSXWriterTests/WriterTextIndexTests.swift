import Testing

@testable import XLSXWriter

/// The shared strings' index numbers texts as the `[String: Int]` it replaced did: in the order of
/// first use, canonically equivalent texts as one, through any number of growths.
@Suite struct WriterTextIndexTests {
    @Test func textsAreNumberedInTheOrderOfFirstUse() {
        var index = TextIndex()
        #expect([index.number(of: "b"), index.number(of: "a"), index.number(of: "b"), index.number(of: "")] == [0, 1, 0, 2])
        #expect(index.texts == ["b", "a", ""])
    }

    @Test func canonicallyEquivalentTextsAreOneText() {
        var index = TextIndex()
        #expect(index.number(of: "Genève") == 0)
        #expect(index.number(of: "Gene\u{300}ve") == 0)
        #expect(index.number(of: "\u{212A}") == 1)
        #expect(index.number(of: "K") == 1)
        #expect(index.texts == ["Genève", "\u{212A}"])
    }

    @Test func manyTextsAreNumberedAsADictionaryNumbersThem() {
        var index = TextIndex(), reference: [String: Int] = [:], order: [String] = []
        var state: UInt64 = 42
        for _ in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = Int(state >> 50)
            let text = n % 7 == 0 ? "Gene\u{300}ve \(n % 1_000)" : n % 5 == 0 ? "Genève \(n % 1_000)" : "text \(n)"
            let expected: Int
            if let known = reference[text] { expected = known } else {
                expected = order.count
                reference[text] = expected
                order.append(text)
            }
            #expect(index.number(of: text) == expected)
        }
        #expect(index.count == order.count)
        #expect(index.texts.elementsEqual(order) { $0.unicodeScalars.elementsEqual($1.unicodeScalars) })
    }
}
