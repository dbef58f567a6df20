import Testing

@testable import XLSXWriter

@Suite struct WriterSharedStringsPartTests {
    @Test func stringsAreStoredOnceInOrderOfFirstUse() {
        var part = SharedStringsPart()
        #expect(part.isEmpty)
        #expect(part.index(for: "Budget") == 0)
        #expect(part.index(for: " padded ") == 1)
        #expect(part.index(for: "Budget") == 0)
        #expect(part.index(for: "R&D <2026>\u{1}") == 2)
        #expect(part.referenceCount == 4)
        #expect(
            WriterTestSupport.withoutDeclaration(String(decoding: part.assembleXML(), as: UTF8.self))
                == "<sst \(WriterTestSupport.mainNamespace) count=\"4\" uniqueCount=\"3\">"
                + "<si><t>Budget</t></si><si><t xml:space=\"preserve\"> padded </t></si>"
                + "<si><t>R&amp;D &lt;2026&gt;_x0001_</t></si></sst>")
    }

    /// A column's last text answered without hashing gives the indices, the references and the
    /// table that the plain look-up gives, for texts repeated, alternating, and canonically
    /// equivalent (the Kelvin sign is `K`).
    @Test func aColumnsLastTextGivesWhatTheLookUpGives() {
        let column = ["BR", "BR", "TSB", "BR", "K", "\u{212A}", "K", "", "", "é", "e\u{301}", "R.1-1", "R.1-1"]
        var plain = SharedStringsPart(), remembered = SharedStringsPart()
        var recent: SharedStringsPart.Recent?
        for text in column {
            #expect(remembered.index(for: text, recent: &recent) == plain.index(for: text))
        }
        #expect(remembered.referenceCount == plain.referenceCount)
        #expect(remembered.assembleXML() == plain.assembleXML())
    }
}
