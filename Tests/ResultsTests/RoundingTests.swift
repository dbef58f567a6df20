import Foundation
import Results
import Testing
import TestSupport

@Suite struct GrammarRoundingTests {
    @Test("Rounding is half away from zero on the exact value", arguments: [
        ("43.25", 1, "43.3"),
        ("4.875", 1, "4.9"),
        ("1520833.33", 0, "1520833"),
        ("-0.125", 2, "-0.13"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("0.005", 2, "0.01"),
        ("-1.25", 1, "-1.3"),
        ("1.24", 1, "1.2"),
        ("-1.24", 1, "-1.2"),
        ("1250", -2, "1300"),
        ("7", 2, "7"),
    ])
    func rounding(value: String, scale: Int, expected: String) throws {
        let decimal = try #require(Exact(string: value))
        #expect(decimal.rounded(scale: scale) == (try #require(Exact(string: expected))))
        #expect(decimal.rounded(scale: scale).plainText == expected)
    }

    @Test("A negative value that rounds to zero is written 0")
    func negativeRoundsToZero() throws {
        let decimal = try #require(Exact(string: "-0.004"))
        #expect(decimal.rounded(scale: 2).plainText == "0")
        #expect(decimal.rounded(scale: 2).signedText == "+0")
    }

    @Test("Plain text has no grouping, no trailing zeros and no point for whole numbers", arguments: [
        ("3950000", "3950000"),
        ("0", "0"),
        ("0.000", "0"),
        ("-0", "0"),
        ("1234.5", "1234.5"),
        ("1234.50", "1234.5"),
        ("1.000", "1"),
        ("-45000", "-45000"),
        ("0.1", "0.1"),
        ("-0.125", "-0.125"),
        ("100", "100"),
        ("5.4", "5.4"),
        ("173.8", "173.8"),
        ("1" + String(repeating: "0", count: 40), "1" + String(repeating: "0", count: 40)),
        ("0.0000001", "0.0000001"),
    ])
    func plainText(value: String, expected: String) throws {
        #expect((try #require(Exact(string: value))).plainText == expected)
    }

    @Test("Plain text of values built in arithmetic drops trailing zeros")
    func plainTextOfArithmetic() {
        let value = Exact(string: "1.50")! * 100
        #expect(value.plainText == "150")
        #expect((Exact(1_000_000) * Exact(string: "3.95")!).plainText == "3950000")
    }

    @Test("Signed text puts + before anything not negative", arguments: [
        ("440000", "+440000"),
        ("-45000", "-45000"),
        ("0", "+0"),
        ("1.50", "+1.5"),
        ("-0.5", "-0.5"),
    ])
    func signedText(value: String, expected: String) throws {
        #expect((try #require(Exact(string: value))).signedText == expected)
    }

    @Test("Message amounts are grouped by spaces with at most two decimals", arguments: [
        ("3905000", "3 905 000"),
        ("-45000", "\u{2212}45 000"),
        ("1234.5", "1 234.5"),
        ("1234.567", "1 234.57"),
        ("1234567.891", "1 234 567.89"),
        ("-1234.565", "\u{2212}1 234.57"),
        ("999", "999"),
        ("1000", "1 000"),
        ("100000", "100 000"),
        ("0", "0"),
        ("0.004", "0"),
        ("-0.001", "0"),
    ])
    func groupedCHF(value: String, expected: String) throws {
        #expect((try #require(Exact(string: value))).groupedCHF() == expected)
    }

    @Test("Signed message amounts show + for deltas that are not negative", arguments: [
        ("440000", "+440 000"),
        ("-45000", "\u{2212}45 000"),
        ("0", "+0"),
    ])
    func signedGroupedCHF(value: String, expected: String) throws {
        #expect((try #require(Exact(string: value))).groupedCHF(signed: true) == expected)
    }
}

extension GrammarRoundingTests {
    /// Grouping with another separator puts its bytes where the space goes, nothing else changes.
    @Test func groupingWithAnotherSeparator() {
        let values: [Exact] = [0, 7, -7, 999, 1_000, -1_000, 1_234_567, Exact(mantissa: 123_456_789, exponent: -2), Exact(mantissa: -1, exponent: -3),
                               Exact(mantissa: 1_000_000_000_000_000_000, exponent: 0)]
        for value in values {
            for signed in [false, true] {
                let spaced = value.groupedCHF(signed: signed)
                let thin = value.groupedCHF(signed: signed, separator: Array("\u{202F}".utf8))
                #expect(thin == spaced.replacingOccurrences(of: " ", with: "\u{202F}"), "\(value) \(signed)")
            }
        }
        #expect(Exact(1_234_567).groupedCHF(signed: true, separator: Array("'".utf8)) == "+1'234'567")
    }
}
