import Foundation
import Testing
import TestSupport
@testable import XLSXReader

/// `NumberText+Shortest`: which number texts are kept as the file wrote them, and the shortest
/// text that replaces the others (issue 15, "numbers as the spreadsheet holds them").
@Suite struct ReaderShortestNumberTextTests {
    static func count(_ text: String) -> NumberText.DigitCount {
        let bytes = Array(text.utf8)
        return NumberText.significantDigits(bytes.span, in: 0..<bytes.count)
    }

    static func overlong(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return NumberText.overlong(bytes.span, in: 0..<bytes.count) != nil
    }

    @Test("significant digits run from the first non-zero digit to the last", arguments: [
        ("0", 0, false), ("-0.000", 0, false), ("12", 2, false), ("000123.4500", 5, false), ("+0.0069", 2, false),
        ("0.6899999999999999", 16, false), ("2.2999999999999998", 17, false), ("18399999.999999999", 17, false),
        ("1.0000000000000001E-5", 17, true), ("1.1e-07", 2, true), ("3950000", 3, false), ("100000000000000000000", 1, false),
    ])
    func significantDigits(text: String, digits: Int, exponent: Bool) {
        #expect(Self.count(text) == NumberText.DigitCount(significant: digits, exponent: exponent))
    }

    @Test("texts of at most 15 significant digits are kept, longer ones are not", arguments: [
        ("123456789012345", false), ("-123456789.012345", false), ("0.100000000000000000", false), ("0.000000000000001", false),
        ("1E+300", false), ("9.99999999999999E+164", false), ("540516.440000000000", false),
        ("1234567890123456", true), ("0.6899999999999999", true), ("2.2999999999999998", true), ("-540516.4399999999", true),
        ("1.0000000000000001E-5", true),
    ])
    func overlongTexts(text: String, overlong: Bool) {
        #expect(Self.overlong(text) == overlong)
    }

    @Test("the shortest text of a double, plain and in Excel's exponent form", arguments: [
        (0.69, "0.69", "6.9E-1"), (2.3, "2.3", "2.3E+0"), (-2.3, "-2.3", "-2.3E+0"), (18_400_000, "18400000", "1.84E+7"),
        (0.3, "0.3", "3E-1"), (0.1 + 0.2, "0.30000000000000004", "3.0000000000000004E-1"), (1.1e-7, "0.00000011", "1.1E-7"),
        (1.5e22, "15000000000000000000000", "1.5E+22"), (0, "0", "0"), (-540_516.4399999999, "-540516.44", "-5.4051644E+5"),
        (123_456_789.12345678, "123456789.12345678", "1.2345678912345678E+8"), (434.99999999999994, "434.99999999999994", "4.3499999999999994E+2"),
    ])
    func shortest(value: Double, plain: String, exponent: String) {
        #expect(NumberText.shortest(value, exponent: false) == plain)
        #expect(NumberText.shortest(value, exponent: true) == exponent)
    }

    /// Whatever the double, both forms read back as it and hold exactly the digits of Swift's
    /// shortest `description`.
    @Test func randomDoublesRoundTripThroughBothForms() {
        var random = SeededRandom(seed: 15)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            for exponent in [false, true] {
                let text = NumberText.shortest(value, exponent: exponent)
                #expect(Double(text) == value, "\(value): \(text)")
                let expected = Self.count(value.description).significant
                #expect(Self.count(text).significant == expected, "\(value): \(text) has not the digits of \(value.description)")
            }
        }
    }

    /// The claim the rule rests on: a decimal of at most 15 significant digits is the shortest
    /// text of its double, so keeping the file's text never keeps noise.
    @Test func decimalsOfFifteenDigitsSurviveTheDouble() {
        var random = SeededRandom(seed: 1515)
        for _ in 0..<20_000 {
            let digits = String(random.next() % 1_000_000_000_000_000)   // up to 15 digits
            let point = Int(random.next() % 20)
            let text = point < digits.count
                ? String(digits.prefix(digits.count - point)) + "." + String(digits.suffix(point))
                : "0." + String(repeating: "0", count: point - digits.count) + digits
            let value = Double(text)!
            #expect(Decimal(string: NumberText.shortest(value, exponent: false)) == Decimal(string: text), "\(text)")
        }
    }
}
