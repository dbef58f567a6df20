import Foundation
@testable import Results
import Testing
import TestSupport

/// The byte-level plain text (issue 11) must give exactly what `description` with its trailing
/// fraction zeros removed gives, for every value it takes on.
@Suite struct DecimalTextTests {
    /// The form ``Decimal/plainText`` gave before it was written from the parts.
    static func described(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        var text = value.description
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    @Test("Agrees with description on typed values", arguments: [
        "1", "-1", "10", "100000", "0.5", "-0.5", "0.05", "0.0000001", "1234.5", "1234.50", "-45000",
        "18446744073709551615", "-18446744073709551615", "1.8446744073709551615", "0.00000000000000000001",
        "999999999999.99", "1e20", "1e39", "1e-39", "123456789012345678", "3950000", "173.8",
    ])
    func typed(text: String) throws {
        let value = try #require(Decimal(string: text))
        #expect(value.plainText == Self.described(value))
    }

    @Test("Agrees with description on values made by arithmetic")
    func arithmetic() {
        var random = SeededRandom(seed: 20_261_205)
        func next() -> UInt64 { random.next() }
        for _ in 0..<20_000 {
            let a = Decimal(Int64(bitPattern: next() % 2_000_000_000_000) - 1_000_000_000_000) / 100
            let b = Decimal(Int(next() % 100_000) + 1) / 1000
            for value in [a, b, a * b, a / b, a + b, a - b, a * 1000, b / 1000, a.rounded(scale: 1), (a / b).rounded(scale: 2)] {
                #expect(value.plainText == Self.described(value))
            }
        }
    }

    @Test("A decimal's parts come from its public significand, exponent and sign, exactly up to 64 bits")
    func parts() {
        #expect(DecimalText.parts(Decimal(sign: .minus, exponent: -3, significand: 65_537)) == .init(mantissa: 65_537, exponent: -3, negative: true))
        #expect(DecimalText.parts(Decimal(UInt64.max)) == .init(mantissa: UInt64.max, exponent: 0, negative: false))
        #expect(DecimalText.parts(Decimal(UInt64.max) + 1) == nil)
        #expect(DecimalText.plain(Decimal(sign: .plus, exponent: 20, significand: 7)) == "700000000000000000000")
    }

    @Test("A mantissa wider than 64 bits falls back to description")
    func wide() throws {
        let value = Decimal(1) / 3
        #expect(DecimalText.plain(value) == nil)
        #expect(value.plainText == Self.described(value))
    }
}
