import Testing

@testable import XLSX

@Suite struct WriterXMLWriterTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("say \"hi\"", "say \"hi\""),
        ("two\nlines\tand tab", "two\nlines\tand tab"),
        ("carriage\r\nreturn", "carriage_x000D_\nreturn"),
        ("bell\u{7} nul\u{0} esc\u{1B}", "bell_x0007_ nul_x0000_ esc_x001B_"),
        ("_x0041_ looks escaped", "_x005F_x0041_ looks escaped"),
        ("_xyz_ and _x12_ do not", "_xyz_ and _x12_ do not"),
        ("not a char \u{FFFE}\u{FFFF}", "not a char _xFFFE__xFFFF_"),
        ("Genève – 日本", "Genève – 日本"),
    ])
    func textIsEscapedForCharacterData(input: String, expected: String) {
        var writer = XMLWriter()
        writer.text(input)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        ("a \"quoted\" & <tagged>", "a &quot;quoted&quot; &amp; &lt;tagged&gt;"),
        ("line\nbreak\ttab", "line&#10;break&#9;tab"),
    ])
    func attributeValuesAlsoEscapeQuotesAndWhitespace(input: String, expected: String) {
        var writer = XMLWriter()
        writer.emptyElement("e", ["v": input])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "<e v=\"\(expected)\"/>")
    }

    @Test func elementsNestAndCloseInOrder() {
        var writer = XMLWriter()
        writer.writeDeclaration()
        writer.startElement("a", ["x": "1", "y": "2"])
        writer.textElement("b", text: "t")
        writer.emptyElement("c")
        writer.endElement("a")
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == WriterTestSupport.declaration + "<a x=\"1\" y=\"2\"><b>t</b><c/></a>")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (42.0, "42"), (-45_000.0, "-45000"), (1.5, "1.5"), (-45_000.5, "-45000.5"),
        (0.1, "0.1"), (1.0 / 3.0, "0.3333333333333333"), (1e-5, "1E-05"), (123_456_789_012_345.0, "123456789012345"),
        (9_007_199_254_740_992.0, "9007199254740992"), (1e16, "1E+16"), (1e300, "1E+300"), (2.5e-300, "2.5E-300"),
    ])
    func numbersPrintShortestRoundTripWithoutTrailingZero(value: Double, expected: String) {
        #expect(XMLWriter.numberText(value) == expected)
        #expect(Double(expected) == value)
    }

    @Test(arguments: [
        (0, 0, "A1"), (0, 25, "Z1"), (1, 26, "AA2"), (9, 27, "AB10"), (0, 701, "ZZ1"), (0, 702, "AAA1"),
        (1_048_575, 16_383, "XFD1048576"),
    ])
    func cellReferencesUseColumnLetters(row: Int, column: Int, expected: String) {
        #expect(XMLWriter.cellReference(row: row, column: column) == expected)
    }

    @Test func integersPrintAllTheirDigits() {
        for value in [0, 7, 10, 99, 100, 1_048_576, -3, Int.max, Int.min] {
            var writer = XMLWriter()
            writer.appendInteger(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
        }
    }
}
