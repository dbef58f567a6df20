/// Decimal number text as cells store it (`xsd:double` in decimal notation): checked and converted
/// without making a string for the common shapes.
///
/// Excel and every writer in the benchmark store amounts as plain decimals (`-540516.44`,
/// `368477`). For those, ``scan(_:)`` computes the value itself, exactly: when the digits form an
/// integer m ≤ 2^53 and there are k ≤ 22 of them after the point, m and 10^k are both exact
/// doubles and one IEEE division rounds m / 10^k correctly (Clinger 1990, the fast path of every
/// correct decimal parser). Everything else (exponents, more digits, malformed text) is left to
/// ``value(_:)``, which checks the full grammar and converts with the standard library.
package enum NumberText {
    package enum Scan: Equatable {
        /// Plain decimal text and its exact value.
        case exact(Double)
        /// Not a plain decimal this fast path takes: ask ``NumberText/value(_:)``.
        case other
    }

    /// 10^0 … 10^22: every one an exact double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    /// 2^53: integers up to here are exact doubles.
    private static let maxExactMantissa: UInt64 = 1 << 53

    /// The value of `bytes[range]` when it is `[+-]digits[.digits]` (or `[+-].digits`) with at most 19
    /// digits forming an integer ≤ 2^53 and at most 22 of them after the point.
    package static func scan(_ bytes: Span<UInt8>, in range: Range<Int>) -> Scan {
        var i = range.lowerBound
        let end = range.upperBound
        guard i >= 0, end <= bytes.count, i < end else { return .other }
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        // Wrapping arithmetic: more than 19 digits are refused below, before the value is used.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < end {
            let digit = bytes[i] &- UInt8(ascii: "0")
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            i += 1
        }
        let integerDigits = i - integerStart
        var fractionDigits = 0
        if i < end {
            guard bytes[i] == UInt8(ascii: ".") else { return .other }
            i += 1
            let fractionStart = i
            while i < end {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit <= 9 else { return .other }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                i += 1
            }
            fractionDigits = i - fractionStart
        }
        let digits = integerDigits + fractionDigits
        guard digits > 0, digits <= 19, mantissa <= maxExactMantissa, fractionDigits < powersOfTen.count else { return .other }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return .exact(negative ? -magnitude : magnitude)
    }

    /// A finite `xsd:double` in decimal notation (`-12.5`, `1E+300`, `.5`); nil for anything else,
    /// including what Swift's parser would also take (`0x1p3`, `nan`, `inf`).
    package static func value(_ text: String) -> Double? {
        var sawDigit = false, sawDot = false, sawExponent = false, exponentDigit = false
        var previous: UInt8 = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigit = true } else { sawDigit = true }
            case UInt8(ascii: "."):
                guard !sawDot, !sawExponent else { return nil }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard previous == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            default: return nil
            }
            previous = b
        }
        guard sawDigit, !sawExponent || exponentDigit, let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// A run of 1-18 ASCII digits as a number; nil for anything else (so the caller can fall back
    /// to `Int(String)` for signs and longer text).
    static func digits(_ bytes: Span<UInt8>, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18, range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        var n = 0
        for i in range {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    /// `bytes` without leading and trailing XML whitespace (space, tab, CR, LF), as a range.
    static func trimmed(_ bytes: Span<UInt8>) -> Range<Int> {
        var lower = 0, upper = bytes.count
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
