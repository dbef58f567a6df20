import TestSupport
import Testing
@testable import Normalise

/// The byte paths of `HeaderKey` for ASCII texts give what the general ones (Foundation's folding,
/// `Character` classes, the year pattern as a regular expression) give, and leave every other
/// text to them.
@Suite struct HeaderKeyASCIITests {
    @Test(arguments: [
        "Planned cost 2022 (CHF)", "Total 2022-2023", "2022", "Budget 2022 (CHF '000)", "Producto / Output", "Budget 2022 - 23",
        "2022/2023x", "19999", "120191", "2022 -", "2022 - 2", "2022-234", "2022\r\n-\t23", "A\r\nB", "((a) b) c)", ")x(", "",
        "Cost%", "#Outputs", "KPI_ID", "x\u{1C}y", "2019 / 2020 / 2021", "Total 2022–2023",
    ])
    func knownHeadersFoldAsTheGeneralPathFoldsThem(header: String) {
        #expect(HeaderKey.field(header) == HeaderKey.unicodeField(header))
        #expect(HeaderKey.fold(header) == HeaderKey.unicodeFold(header))
    }

    @Test func generatedASCIITextsFoldAsTheGeneralPathFoldsThem() {
        let pieces = ["19", "20", "2", "0", "9", "3", "-", "/", " ", "\t", "\r\n", "\n", "(", ")", "a", "B", "z", "%", "#", "_", ".", "'",
                      "\u{0B}", "\u{1F}", "Total", "cost"]
        for text in GeneratedTexts.make(from: pieces, count: 20_000, longest: 16, seed: 2026) {
            #expect(HeaderKey.asciiField(text) == HeaderKey.unicodeField(text), "\(text.debugDescription)")
            #expect(HeaderKey.asciiFold(text) == HeaderKey.unicodeFold(text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: ["Coût prévu 2022 (kCHF)", "Élevée", "Total 2022–2023", "ＡＢＣ"])
    func textsBeyondASCIITakeTheGeneralPath(text: String) {
        #expect(HeaderKey.asciiField(text) == nil)
        #expect(HeaderKey.asciiFold(text) == nil)
        #expect(HeaderKey.field(text) == HeaderKey.unicodeField(text))
    }
}
