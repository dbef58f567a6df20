import Foundation
import Results
import Normalise
import Testing

@Suite struct GrammarAmountGrammarTests {
    let grammar = AmountGrammar()

    @Test("Number texts read as exact decimals", arguments: [
        ("0", "0"),
        ("12", "12"),
        ("3950000", "3950000"),
        ("1,234", "1234"),
        ("1,234,567", "1234567"),
        ("1'234'567", "1234567"),
        ("1’234’567", "1234567"),
        ("12 000", "12000"),
        ("12\u{00A0}000", "12000"),
        ("12\u{202F}000", "12000"),
        ("12\u{2009}000", "12000"),
        ("1 234,50", "1234.5"),
        ("1 234,567", "1234.567"),
        ("1'234,50", "1234.5"),
        ("0,5", "0.5"),
        ("15,5", "15.5"),
        ("1,2345", "1.2345"),
        ("1,23", "1.23"),
        ("0,500", "0.5"),
        ("1.234,5", "1234.5"),
        ("1,234.50", "1234.5"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.5", "1.5"),
        ("1.234", "1.234"),
        ("1.234.567", "1234567"),
        ("(12 000)", "-12000"),
        ("( 12 000 )", "-12000"),
        ("(1'234.50)", "-1234.5"),
        ("-45000", "-45000"),
        ("−45 000", "-45000"),
        ("– 12", "-12"),
        ("+440000", "440000"),
        (".5", "0.5"),
        (",5", "0.5"),
        ("  7  ", "7"),
        ("007", "7"),
        ("-0", "0"),
        ("(0)", "0"),
        ("0.10", "0.1"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("1" + String(repeating: "0", count: 50), "1" + String(repeating: "0", count: 50)),
        ("0.000001", "0.000001"),
        ("\u{FF11}\u{FF12}", "12"),
    ])
    func values(text: String, expected: String) throws {
        let value = try #require(Exact(string: expected))
        #expect(grammar.parse(text) == .value(value))
    }

    @Test("Texts outside the grammar are invalid", arguments: [
        "1 O50", "0,5x", "12abc", "1e3", "1E-3", "--", "1,2,3", "1,23,456", "12 34", "1 2345",
        "1'234 567", "1'234,567.8", "0 500", "1.", "1,", "(12", "12)", "(-12)", "-(12)", "()",
        "12-", "+", "CHF 12", "5%", "1,234 567", "1.234.5", "12,34.5", "1 234.5.6", "0x1F", "½",
        "١٢", "123456789012345678901234567890123456789",
    ])
    func invalid(text: String) {
        #expect(grammar.parse(text) == .invalid)
    }

    @Test("Placeholders read as zero or null by the source setting", arguments: [
        "-", "–", "—", "−", "n/a", "N/A", "N/a", "s.o.", "S.O.", " - ",
    ])
    func placeholders(text: String) {
        #expect(AmountGrammar(dashMeans: .zero).parse(text) == .value(0))
        #expect(AmountGrammar(dashMeans: .null).parse(text) == .null)
    }

    @Test("Dashes mean zero unless the source says otherwise")
    func defaultDashMeaning() {
        #expect(grammar.dashMeans == .zero)
        #expect(grammar.parse("—") == .value(0))
    }

    @Test("Empty texts are not provided, whatever dashes mean", arguments: ["", "   ", "\u{00A0}", "\n"])
    func empty(text: String) {
        #expect(AmountGrammar(dashMeans: .zero).parse(text) == .null)
        #expect(AmountGrammar(dashMeans: .null).parse(text) == .null)
    }

    @Test("A cell's Double converts through its shortest text", arguments: [
        (0.1, "0.1"),
        (470000, "470000"),
        (3950000, "3950000"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-2.5, "-2.5"),
        (1e-7, "0.0000001"),
        (1e16, "10000000000000000"),
        (0, "0"),
        (-0.0, "0"),
        (14.0, "14"),
    ])
    func fromDouble(number: Double, expected: String) throws {
        let value = try #require(Exact(string: expected))
        #expect(AmountGrammar.decimal(fromNumber: number) == value)
    }

    @Test("A Double with no Exact counterpart converts to NaN", arguments: [
        Double.infinity, -Double.infinity, Double.nan, 1e300,
    ])
    func fromDoubleOutOfRange(number: Double) {
        #expect(AmountGrammar.decimal(fromNumber: number).isNaN)
    }

    @Test("A cell's stored number text reads exactly", arguments: [
        ("3950000", "3950000"),
        ("1.5E-3", "0.0015"),
        ("1.5e-3", "0.0015"),
        ("-2.5E+20", "-250000000000000000000"),
        ("0.1", "0.1"),
        ("0.30000000000000004", "0.30000000000000004"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1E0", "1"),
        ("+7", "7"),
        ("-0", "0"),
        ("470000.0", "470000"),
    ])
    func fromNumberText(text: String, expected: String) throws {
        let value = try #require(Exact(string: expected))
        #expect(AmountGrammar.decimal(fromNumberText: text) == value)
    }

    @Test("Stored number texts outside the number form read as nothing", arguments: [
        "", "abc", "1e", "1.2.3", "1,5", "e5", ".", "-", "1e99999", "1 000", "NaN", "INF",
        "123456789012345678901234567890123456789",
    ])
    func fromNumberTextInvalid(text: String) {
        #expect(AmountGrammar.decimal(fromNumberText: text) == nil)
    }
}
