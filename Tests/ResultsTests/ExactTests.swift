import Foundation
@testable import Results
import Testing
import TestSupport

/// ``Exact`` against Foundation's `Decimal`, which it replaced in the model (issue 11): the same
/// values, the same texts, the same rounding, on typed values, edge values and values made by
/// arithmetic.
@Suite struct ExactTests {
    /// The form the model printed when it held `Decimal`s: `description` without trailing
    /// fraction zeros (``Exact/plainText``'s fallback).
    static func described(_ value: Decimal) -> String {
        if value.isNaN { return "NaN" }
        if value.isZero { return "0" }
        var text = value.description
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    /// Foundation's rounding, half away from zero.
    static func foundationRounded(_ decimal: Decimal, scale: Int) -> Decimal {
        var value = decimal, result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result.isZero ? 0 : result
    }

    /// `value` is `decimal`: equal, with the same text, and back to the same decimal.
    static func expectSame(_ value: Exact, _ decimal: Decimal, _ context: @autoclosure () -> String) {
        #expect(value == Exact(decimal), "\(context())")
        #expect(value.plainText == described(decimal), "\(context()): \(value.plainText) against \(described(decimal))")
        if !decimal.isNaN { #expect(value.decimal == decimal, "\(context())") }
    }

    static let typed = [
        "1", "-1", "10", "100000", "0.5", "-0.5", "0.05", "0.0000001", "1234.5", "1234.50", "-45000", "0", "-0", "0.000",
        "18446744073709551615", "-18446744073709551615", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "1.8446744073709551615", "0.00000000000000000001", "999999999999.99", "1e20", "1e39", "1e-39", "1E3", "2.5e-3",
        "123456789012345678", "3950000", "173.8", "12345678901234567890123456789012345678", "+7", ".5", "5.",
        "1e127", "1e-128", "0.5e-127",
    ]

    @Test("Typed values read as Decimal reads them", arguments: typed)
    func typedValues(text: String) throws {
        let decimal = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        let value = try #require(Exact(string: text))
        Self.expectSame(value, decimal, text)
        Self.expectSame(Exact(decimal), decimal, text)
    }

    @Test("Other texts read as Decimal reads them (nil, or the number it finds)",
          arguments: ["", "-", "abc", "1.2.3", "1e", "--1", "1 000", "NaN", "1,5", "1e9999", "1e-9999", "7e200"])
    func otherTexts(text: String) {
        let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        #expect(Exact(string: text)?.decimal.description == decimal?.description, "\(text)")
    }

    /// Values of every width: cents, whole francs, tiny ratios, and mantissas near and past 64 bits.
    static func values(count: Int, seed: UInt64) -> [Decimal] {
        var random = SeededRandom(seed: seed)
        func next() -> UInt64 { random.next() }
        var values: [Decimal] = [0, 1, -1, Decimal(UInt64.max), Decimal(Int64.max), Decimal(Int64.min), -Decimal(UInt64.max) * 1000,
                                 Decimal(1) / 3, Decimal(-2) / 3, Decimal(string: "0.005")!, Decimal(string: "-45000.50")!,
                                 4, 8, -16, 1024, Decimal(string: "0.25")!, 3, 7]
        for i in 0..<count {
            let mantissa = Decimal(Int64(bitPattern: next() % 2_000_000_000_000_000) - 1_000_000_000_000_000)
            let exponent = i % 3 == 0 ? Int(next() % 60) - 40 : Int(next() % 8) - 4
            values.append(Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: exponent, significand: abs(mantissa)))
        }
        return values
    }

    @Test("Arithmetic and comparison give what Decimal gives")
    func arithmetic() {
        let values = Self.values(count: 600, seed: 20_261_206)
        for (i, a) in values.enumerated() {
            for b in values[(i % 7)...].striding(by: 53) {
                let x = Exact(a), y = Exact(b)
                Self.expectSame(x + y, a + b, "\(a) + \(b)")
                Self.expectSame(x - y, a - b, "\(a) - \(b)")
                Self.expectSame(x * y, a * b, "\(a) × \(b)")
                if !b.isZero { Self.expectSame(x / y, a / b, "\(a) ÷ \(b)") }
                #expect((x < y) == (a < b) && (x == y) == (a == b) && (x > y) == (a > b), "\(a) ⋚ \(b)")
                if x == y { #expect(x.hashValue == y.hashValue) }
            }
            Self.expectSame(-Exact(a), -a, "-\(a)")
            Self.expectSame(Exact(a).magnitude, a.magnitude, "|\(a)|")
            #expect(Exact(a).sign == a.sign && Exact(a).isZero == a.isZero, "\(a)")
            #expect(Exact(a).doubleValue == NSDecimalNumber(decimal: a).doubleValue, "\(a)")
            #expect(Exact(a).intValue == NSDecimalNumber(decimal: a).intValue, "\(a)")
        }
    }

    @Test("Sums of amounts stay exact and small: the model's commonest arithmetic")
    func sums() {
        var random = SeededRandom(seed: 7)
        var exact: Exact = 0, decimal: Decimal = 0
        for _ in 0..<10_000 {
            let cents = Int64(random.next() % 100_000_000) - 50_000_000
            exact += Exact(mantissa: cents, exponent: -2)
            decimal += Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(cents.magnitude))
        }
        Self.expectSame(exact, decimal, "the sum")
        #expect(exact.parts != nil)
    }

    @Test("Rounding equals Foundation's on random and edge values, whole, tiny, huge, negative and long")
    func rounding() throws {
        var values = Self.values(count: 3_000, seed: 20_261_205)
        values += [Decimal.greatestFiniteMagnitude, Decimal.leastNonzeroMagnitude, -Decimal.leastNonzeroMagnitude,
                   try #require(Decimal(string: "12345678901234567890123456789012345678")),
                   try #require(Decimal(string: "-0.00000000000000000000000000000000001")),
                   try #require(Decimal(string: "1.000")), try #require(Decimal(string: "2.5")), try #require(Decimal(string: "-2.5")),
                   try #require(Decimal(string: "9223372036854775807")), try #require(Decimal(string: "0.5000000000000000001"))]
        for value in values {
            for scale in -3...6 {
                Self.expectSame(Exact(value).rounded(scale: scale), Self.foundationRounded(value, scale: scale), "\(value) at scale \(scale)")
            }
        }
    }

    @Test("Coded as the Decimal of the same value")
    func coding() throws {
        for value in Self.values(count: 50, seed: 3) {
            let data = try JSONEncoder().encode(Exact(value))
            #expect(data == (try JSONEncoder().encode(value)))
            #expect(try JSONDecoder().decode(Exact.self, from: data) == Exact(value))
        }
    }

    @Test("NaN stays NaN and is written NaN")
    func nan() {
        #expect(Exact.nan.isNaN && Exact.nan.plainText == "NaN")
        #expect((Exact(1) / 0).isNaN == (Decimal(1) / 0).isNaN)
    }
}

private extension ArraySlice {
    func striding(by step: Int) -> [Element] { stride(from: startIndex, to: endIndex, by: step).map { self[$0] } }
}

extension ExactTests {
    @Test("A quotient rounded once equals Decimal's quotient rounded, on random and edge values")
    func roundedQuotient() {
        let values = Self.values(count: 400, seed: 99) + [Decimal(3), Decimal(7), Decimal(string: "0.005")!, Decimal(string: "200")!]
        for (i, a) in values.enumerated() {
            for b in values[(i % 11)...].striding(by: 37) where !b.isZero {
                for (power, scale) in [(0, 0), (2, 2), (2, 1), (0, 3), (-3, 1)] {
                    let shifted = (a / b) * Decimal(sign: .plus, exponent: power, significand: 1)
                    let expected = Self.foundationRounded(shifted, scale: scale)
                    Self.expectSame(Exact.quotient(Exact(a), Exact(b), timesPowerOfTen: power, roundedTo: scale), expected,
                                    "\(a) ÷ \(b) × 10^\(power) at scale \(scale)")
                }
            }
        }
    }
}

extension ExactTests {
    @Test("The extremes of 64 bits divide, negate and compare as Decimal does, without a trap")
    func extremes() {
        let lowest = Exact(mantissa: Int64.min, exponent: 0), highest = Exact(mantissa: Int64.max, exponent: -3)
        for (x, d) in [(lowest, Decimal(Int64.min)), (highest, Decimal(sign: .plus, exponent: -3, significand: Decimal(Int64.max)))] {
            for (y, e) in [(Exact(-1), Decimal(-1)), (Exact(1), Decimal(1)), (Exact(-10), Decimal(-10)), (x, d)] {
                Self.expectSame(x / y, d / e, "\(d) ÷ \(e)")
                Self.expectSame(x * y, d * e, "\(d) × \(e)")
                Self.expectSame(x - y, d - e, "\(d) - \(e)")
            }
            Self.expectSame(-x, -d, "-\(d)")
            Self.expectSame(x.magnitude, d.magnitude, "|\(d)|")
            Self.expectSame(Exact.quotient(x, -1, roundedTo: 0), Self.foundationRounded(d / -1, scale: 0), "\(d) ÷ -1 rounded")
        }
    }
}
