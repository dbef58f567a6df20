import Testing
import TestSupport

@testable import XLSXWriter

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
        ("&", "&amp;"), ("ends with <", "ends with &lt;"), ("tail \u{FFFF}", "tail _xFFFF_"), ("_x0041_", "_x005F_x0041_"),
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

    /// Literal attributes (sheet names) keep a literal `_xHHHH_` and still get the XML entities.
    @Test func literalAttributesKeepEscapeLikeText() {
        var writer = XMLWriter()
        writer.emptyElement("sheet", attributes: [(key: "name", value: "_x0041_ R&D"), (key: "id", value: "_x0041_")], literal: true)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "<sheet name=\"_x0041_ R&amp;D\" id=\"_x0041_\"/>")
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
        (0.0001, "0.0001"), (-0.0001, "-0.0001"), (0.00012, "0.00012"), (9.999e-05, "9.999E-05"), (12.5, "12.5"),
        (-1_234.56, "-1234.56"), (0.1 + 0.2, "0.30000000000000004"), (1_000_000.01, "1000000.01"),
        (123_456_789.123_456_7, "123456789.1234567"), (2_251_799_813_685_247.5, "2251799813685247.5"),
    ])
    func decimalsTakeTheFastPathWithTheSameText(value: Double, expected: String) {
        #expect(XMLWriter.numberText(value) == expected)
        #expect(Double(expected) == value)
    }

    /// The fast path for short decimals must print exactly what `description` prints.
    @Test func numbersMatchSwiftsShortestRoundTripText() {
        var random = SeededRandom(seed: 20_240_601)
        func next() -> UInt64 { random.next() }
        var mismatches: [Double] = []
        for round in 0..<50_000 {
            let scale = [1.0, 10, 100, 1_000, 10_000, 1e5, 1e6, 1e7, 1e8][round % 9]
            let amount = Double(Int64(bitPattern: next()) % 100_000_000_000_000) / scale
            for value in [amount, Double(bitPattern: next()), Double(next() % 1_000_000) / 3] where value.isFinite {
                var expected = value.description
                if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
                    expected = String(Int(value))
                }
                if expected.hasSuffix(".0") { expected.removeLast(2) }
                if XMLWriter.numberText(value) != expected.replacing("e", with: "E") { mismatches.append(value) }
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test(arguments: [(0 as UInt64, 1, "0"), (7, 3, "007"), (12_345_678, 1, "12345678"), (123_456_789, 1, "123456789"), (5, 10, "0000000005"), (UInt64.max, 1, "18446744073709551615")])
    func digitsArePaddedToTheirMinimumCount(value: UInt64, minimumCount: Int, expected: String) {
        var writer = XMLWriter()
        writer.appendDigits(value, minimumCount: minimumCount)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
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
