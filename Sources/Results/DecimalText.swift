import Foundation

/// The plain text of a decimal written straight from its parts (issue 11): the mantissa's digits
/// and the point placed by the exponent, as bytes, without going through `description`'s general
/// formatting (8 % of a large run went there). Covers every value whose mantissa fits in 64 bits
/// and whose exponent is within ±40, which is every amount, quantity and ratio rbm meets; anything
/// else returns nil and ``Decimal/plainText`` falls back to `description`.
///
/// Foundation keeps `Decimal`'s stored parts internal; the public `significand` (the mantissa as a
/// decimal, never negative), `exponent` and `sign` give them, and `NSDecimalNumber.uint64Value`
/// turns a significand of at most 64 bits into an integer exactly (no raw memory is read: unsafe
/// pointer code lives in ZipIO and XMLIO only).
enum DecimalText {
    struct Parts: Equatable { var mantissa: UInt64; var exponent: Int; var negative: Bool }

    private static let maxMantissa = Decimal(UInt64.max)

    /// The parts of `value`, nil when its mantissa needs more than 64 bits.
    static func parts(_ value: Decimal) -> Parts? {
        let significand = value.significand
        guard significand <= maxMantissa else { return nil }
        return Parts(mantissa: NSDecimalNumber(decimal: significand).uint64Value, exponent: value.exponent, negative: value.sign == .minus)
    }

    static func plain(_ value: Decimal) -> String? {
        guard !value.isNaN, let parts = parts(value), parts.exponent >= -40, parts.exponent <= 40 else { return nil }
        var mantissa = parts.mantissa
        guard mantissa != 0 else { return "0" }
        var exponent = parts.exponent
        // Trailing zeros after the point are not written.
        while exponent < 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(mantissa % 10))
            mantissa /= 10
        } while mantissa > 0
        digits.reverse()
        var out: [UInt8] = []
        out.reserveCapacity(3 + max(0, -exponent) + digits.count + max(0, exponent))
        if parts.negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else {
            let whole = digits.count + exponent   // digits before the point
            if whole <= 0 {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += repeatElement(UInt8(ascii: "0"), count: -whole)
                out += digits
            } else {
                out += digits[..<whole]
                out.append(UInt8(ascii: "."))
                out += digits[whole...]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
