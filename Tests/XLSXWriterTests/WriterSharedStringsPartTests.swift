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
}
