import Foundation

/// An exact decimal number: every amount, quantity, ratio and tolerance of the model (issue 11).
///
/// A value whose digits fit in 64 bits (every amount and quantity a plausible cell holds: cells are
/// capped at 10^15 and carry at most 17 significant digits) is kept as an integer `mantissa` and a
/// power of ten, and its arithmetic is integer arithmetic. Anything else (a product or quotient
/// with more digits, NaN) is kept as a Foundation `Decimal` and computed as one, so a result is
/// never rounded where `Decimal` would not round it.
///
/// It replaced `Decimal` in the model: on this toolchain `Decimal` allocates inside its arithmetic
/// (a sum about 3,800 instructions, a division 17,000), which came to about 13 % of a large run.
/// The forms it prints (``plainText``) and the way it rounds (``rounded(scale:)``) are those
/// `Decimal` gave; `ExactTests` compares the two on many values.
///
/// Invariant: `.small(m, e)` holds m × 10^e with no trailing zero digit in `m` (and `e == 0` when
/// `m == 0`), `m` never `Int64.min`; `.large` holds only values that have no small form. Equal values therefore have equal
/// storage, which `==` and `hash(into:)` rely on.
public struct Exact: Sendable {
    enum Storage: Sendable {
        case small(Int64, Int16)
        case large(Decimal)
    }

    var storage: Storage

    /// The largest power of ten an `Int64` holds.
    static let powers: [Int64] = (0...18).map { n in (0..<n).reduce(Int64(1)) { r, _ in r * 10 } }

    init(storage: Storage) { self.storage = storage }

    /// `mantissa` × 10^`exponent`, normalised.
    public init(mantissa: Int64, exponent: Int) {
        var m = mantissa, e = exponent
        if m == 0 {
            self.storage = .small(0, 0)
            return
        }
        while m % 10 == 0 { m /= 10; e += 1 }
        // Int64.min is left to Decimal: its magnitude has no Int64, and a Decimal of it could not
        // come back small (one value, one storage).
        if m != Int64.min, e >= Int(Int16.min) && e <= Int(Int16.max) {
            self.storage = .small(m, Int16(e))
        } else {
            self.storage = .large(Decimal(sign: m < 0 ? .minus : .plus, exponent: e, significand: Decimal(m.magnitude)))
        }
    }

    /// The value of a Foundation decimal: small when it fits.
    public init(_ decimal: Decimal) {
        if decimal.isNaN {
            self.init(storage: .large(decimal))
        } else if decimal.isZero {
            self.init(storage: .small(0, 0))
        } else if decimal.significand <= Self.maxSmall {
            let m = Int64(NSDecimalNumber(decimal: decimal.significand).uint64Value)
            self.init(mantissa: decimal.sign == .minus ? -m : m, exponent: decimal.exponent)
        } else {
            self.init(storage: .large(decimal))
        }
    }

    private static let maxSmall = Decimal(Int64.max)

    public init(_ value: Int) { self.init(mantissa: Int64(value), exponent: 0) }
    public init(_ value: Int64) { self.init(mantissa: value, exponent: 0) }
    public init(_ value: UInt64) {
        if value <= UInt64(Int64.max) { self.init(mantissa: Int64(value), exponent: 0) } else { self.init(Decimal(value)) }
    }

    /// sign × significand × 10^exponent, as `Decimal(sign:exponent:significand:)`.
    public init(sign: FloatingPointSign, exponent: Int, significand: Exact) {
        let magnitude = significand.magnitude
        let signed = sign == .minus ? -magnitude : magnitude
        if case .small(let m, let e) = signed.storage, let shifted = Int(exactly: Int(e) + exponent) {
            self.init(mantissa: m, exponent: shifted)
        } else {
            self.init(Decimal(sign: sign, exponent: exponent, significand: significand.decimal))
        }
    }

    /// A plain decimal text: an optional sign, digits, an optional point and digits, an optional
    /// exponent (`e-3`). Anything else is read as `Decimal(string:)` reads it (nil when it does not).
    public init?(string: String) {
        if let parsed = Self.parse(Array(string.utf8)) {
            self = parsed
        } else if let decimal = Decimal(string: string, locale: Locale(identifier: "en_US_POSIX")) {
            self.init(decimal)
        } else {
            return nil
        }
    }

    private static func parse(_ bytes: [UInt8]) -> Exact? {
        var i = 0, negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int64 = 0, exponent = 0, digits = 0, point = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                let (times, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int64(b - UInt8(ascii: "0")))
                if o1 || o2 { return nil }
                mantissa = plus
                if point { exponent -= 1 }
                digits += 1
            } else if b == UInt8(ascii: "."), !point {
                point = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0, count = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), count < 4 {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
                count += 1
            }
            guard count > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        // Beyond Decimal's exponents, Decimal's own reading decides, as it always did.
        guard i == bytes.count, (-128...127).contains(exponent) else { return nil }
        return Exact(mantissa: negative ? -mantissa : mantissa, exponent: exponent)
    }

    public static let zero = Exact(storage: .small(0, 0))
    public static let nan = Exact(storage: .large(Decimal.nan))
    public static var greatestFiniteMagnitude: Exact { Exact(Decimal.greatestFiniteMagnitude) }
    public static var leastNonzeroMagnitude: Exact { Exact(Decimal.leastNonzeroMagnitude) }

    /// The integer and power of ten of a value held on 64 bits (nil for the others): what the
    /// transfer format writes.
    public var parts: (mantissa: Int64, exponent: Int)? {
        if case .small(let m, let e) = storage { return (m, Int(e)) }
        return nil
    }

    /// The same value as a Foundation decimal.
    public var decimal: Decimal {
        switch storage {
        case .small(let m, let e):
            if m == 0 { return 0 }
            if e == 0 { return Decimal(m) }
            return Decimal(sign: m < 0 ? .minus : .plus, exponent: Int(e), significand: Decimal(m.magnitude))
        case .large(let d):
            return d
        }
    }

    public var isNaN: Bool {
        if case .large(let d) = storage { return d.isNaN }
        return false
    }

    public var isZero: Bool {
        if case .small(let m, _) = storage { return m == 0 }
        return false
    }

    public var sign: FloatingPointSign {
        switch storage {
        case .small(let m, _): return m < 0 ? .minus : .plus
        case .large(let d): return d.sign
        }
    }

    /// The power of ten of the value's last significant digit (0 for zero).
    public var exponent: Int {
        switch storage {
        case .small(_, let e): return Int(e)
        case .large(let d): return d.exponent
        }
    }

    /// The digits without sign or point (never negative).
    public var significand: Exact {
        switch storage {
        case .small(let m, _):
            return m == Int64.min ? Exact(Decimal(m.magnitude)) : Exact(mantissa: m < 0 ? -m : m, exponent: 0)
        case .large(let d): return Exact(d.significand)
        }
    }

    public var magnitude: Exact {
        switch storage {
        case .small(let m, let e):
            if m >= 0 { return self }
            if m == Int64.min { return Exact(decimal.magnitude) }
            return Exact(storage: .small(-m, e))
        case .large(let d): return Exact(d.magnitude)
        }
    }

    public var doubleValue: Double {
        switch storage {
        case .small(let m, let e):
            if e == 0 { return Double(m) }
            return NSDecimalNumber(decimal: decimal).doubleValue
        case .large(let d): return NSDecimalNumber(decimal: d).doubleValue
        }
    }

    /// The value as an `Int`, as `NSDecimalNumber.intValue` gives it.
    public var intValue: Int {
        if case .small(let m, 0) = storage { return Int(m) }
        return NSDecimalNumber(decimal: decimal).intValue
    }

    /// Both values with one exponent (the smaller), or nil when a mantissa would not fit.
    @inline(__always)
    static func aligned(_ a: Int64, _ ea: Int16, _ b: Int64, _ eb: Int16) -> (Int64, Int64, Int)? {
        if ea == eb { return (a, b, Int(ea)) }
        if ea > eb {
            let shift = Int(ea) - Int(eb)
            guard shift <= 18 else { return a == 0 ? (0, b, Int(eb)) : nil }
            let (r, o) = a.multipliedReportingOverflow(by: powers[shift])
            return o ? nil : (r, b, Int(eb))
        }
        let shift = Int(eb) - Int(ea)
        guard shift <= 18 else { return b == 0 ? (a, 0, Int(ea)) : nil }
        let (r, o) = b.multipliedReportingOverflow(by: powers[shift])
        return o ? nil : (a, r, Int(ea))
    }
}

extension Exact: Equatable, Hashable {
    public static func == (lhs: Exact, rhs: Exact) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.small(let a, let ea), .small(let b, let eb)): return a == b && ea == eb
        case (.large(let a), .large(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .small(let m, let e):
            hasher.combine(m)
            hasher.combine(e)
        case .large(let d):
            hasher.combine(d)
        }
    }
}

extension Exact: Comparable {
    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        if case .small(let a, let ea) = lhs.storage, case .small(let b, let eb) = rhs.storage {
            if (a < 0) != (b < 0) { return a < b }
            if let (x, y, _) = aligned(a, ea, b, eb) { return x < y }
        }
        return lhs.decimal < rhs.decimal
    }
}

extension Exact: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
    /// As `Decimal` reads a float literal (`0.005` is 0.005).
    public init(floatLiteral value: Double) { self.init(Decimal(floatLiteral: value)) }
}

extension Exact: AdditiveArithmetic, Numeric, SignedNumeric {
    public init?<T: BinaryInteger>(exactly source: T) {
        guard let value = Int64(exactly: source) else { return nil }
        self.init(value)
    }

    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        if case .small(let a, let ea) = lhs.storage, case .small(let b, let eb) = rhs.storage {
            if b == 0 { return lhs }
            if a == 0 { return rhs }
            if let (x, y, e) = aligned(a, ea, b, eb) {
                let (s, o) = x.addingReportingOverflow(y)
                if !o { return Exact(mantissa: s, exponent: e) }
            }
        }
        return Exact(lhs.decimal + rhs.decimal)
    }

    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        if case .small(let a, let ea) = lhs.storage, case .small(let b, let eb) = rhs.storage {
            if b == 0 { return lhs }
            if let (x, y, e) = aligned(a, ea, b, eb) {
                let (s, o) = x.subtractingReportingOverflow(y)
                if !o { return Exact(mantissa: s, exponent: e) }
            }
        }
        return Exact(lhs.decimal - rhs.decimal)
    }

    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        if case .small(let a, let ea) = lhs.storage, case .small(let b, let eb) = rhs.storage {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o { return Exact(mantissa: p, exponent: Int(ea) + Int(eb)) }
        }
        return Exact(lhs.decimal * rhs.decimal)
    }

    public static func += (lhs: inout Exact, rhs: Exact) { lhs = lhs + rhs }
    public static func -= (lhs: inout Exact, rhs: Exact) { lhs = lhs - rhs }
    public static func *= (lhs: inout Exact, rhs: Exact) { lhs = lhs * rhs }

    public static prefix func - (operand: Exact) -> Exact {
        if case .small(let m, let e) = operand.storage, m != Int64.min { return Exact(storage: .small(-m, e)) }
        return Exact(-operand.decimal)
    }

    public mutating func negate() { self = -self }
}

extension Exact {
    /// A quotient as `Decimal` computes it (38 significant digits), small again when it fits. A
    /// quotient that divides exactly within 64 bits is computed on the integers.
    public static func / (lhs: Exact, rhs: Exact) -> Exact {
        // b = -1 is left to Decimal: Int64.min % -1 and Int64.min / -1 overflow.
        if case .small(let a, let ea) = lhs.storage, case .small(let b, let eb) = rhs.storage, b != 0, b != -1 {
            if a == 0 { return .zero }
            if a % b == 0 { return Exact(mantissa: a / b, exponent: Int(ea) - Int(eb)) }
            // A quotient that ends within a few more digits is exact too (1 ÷ 4, 3 ÷ 8): Decimal
            // gives it exactly.
            var scaled = a
            for k in 1...6 {
                let (next, o) = scaled.multipliedReportingOverflow(by: 10)
                if o { break }
                scaled = next
                if scaled % b == 0 { return Exact(mantissa: scaled / b, exponent: Int(ea) - Int(eb) - k) }
            }
        }
        return Exact(lhs.decimal / rhs.decimal)
    }

    public static func /= (lhs: inout Exact, rhs: Exact) { lhs = lhs / rhs }

    /// `(a / b × 10^power).rounded(scale:)` computed on the integers when both are held on 64 bits:
    /// the quotient rounded once, half away from zero. `Decimal` rounds the quotient to 38
    /// significant digits first; the two agree whenever the scaled numerator stays below 10^37 (a
    /// quotient that is not on a half is at least 1 ÷ 2D from one, more than that first rounding
    /// moves it), which is checked, else the decimal way is taken.
    public static func quotient(_ a: Exact, _ b: Exact, timesPowerOfTen power: Int = 0, roundedTo scale: Int) -> Exact {
        if case .small(let ma, let ea) = a.storage, case .small(let mb, let eb) = b.storage, mb != 0 {
            if ma == 0 { return .zero }
            // a ÷ b × 10^(power + scale) = ma ÷ mb × 10^t
            let t = Int(ea) - Int(eb) + power + scale
            if abs(t) <= 36 {
                var numerator = UInt128(ma.magnitude), denominator = UInt128(mb.magnitude), overflow = false
                let limit = UInt128(10).power(37)
                if t >= 0 {
                    (numerator, overflow) = numerator.multipliedReportingOverflow(by: UInt128(10).power(t))
                } else {
                    (denominator, overflow) = denominator.multipliedReportingOverflow(by: UInt128(10).power(-t))
                }
                if !overflow, numerator < limit, denominator < limit {
                    var kept = numerator / denominator
                    if (numerator % denominator) * 2 >= denominator { kept += 1 }
                    if let k = Int64(exactly: kept) {
                        return Exact(mantissa: (ma < 0) != (mb < 0) ? -k : k, exponent: -scale)
                    }
                }
            }
        }
        let q = a / b
        return (power == 0 ? q : q * Exact(mantissa: 1, exponent: power)).rounded(scale: scale)
    }

    public func distance(to other: Exact) -> Exact { other - self }
}

private extension UInt128 {
    func power(_ n: Int) -> UInt128 { (0..<n).reduce(UInt128(1)) { r, _ in r * self } }
}

extension Exact: Codable {
    /// Coded as the `Decimal` of the same value (the same JSON as before).
    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Decimal.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }
}

extension Exact: CustomStringConvertible {
    /// The plain form (``plainText``).
    public var description: String { plainText }
}
