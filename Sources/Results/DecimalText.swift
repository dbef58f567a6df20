import Foundation

/// The plain text of a decimal written straight from its parts (issue 11): the mantissa's digits
/// and the point placed by the exponent, as bytes, without going through `description`'s general
/// formatting (8 % of a large run went there). Covers every value whose mantissa fits in 64 bits
/// and whose exponent is within ±40, which is every amount, quantity and ratio rbm meets; anything
/// else returns nil and ``Decimal/plainText`` falls back to `description`.
///
/// Foundation keeps `Decimal`'s parts internal, so they are read from its 20 bytes: the exponent
/// (`Int8`), a byte with the length in 16-bit words (high four bits), the sign (bit 3) and the
/// compact flag (bit 2), two reserved bytes, then eight little-endian 16-bit words of mantissa.
/// ``layoutHolds`` checks that reading against known values once; if a Foundation ever stores
/// decimals otherwise, every value takes the `description` path.
enum DecimalText {
    struct Parts: Equatable { var mantissa: UInt64; var exponent: Int; var negative: Bool }

    /// The parts of `value`, nil when its mantissa needs more than 64 bits (or the layout is not
    /// the one described above).
    static func parts(_ value: Decimal) -> Parts? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        var value = value
        return withUnsafeBytes(of: &value) { raw -> Parts? in
            let flags = raw[1]
            guard flags >> 4 <= 4 else { return nil }
            for k in 12..<20 where raw[k] != 0 { return nil }
            var mantissa: UInt64 = 0
            for k in stride(from: 11, through: 4, by: -1) { mantissa = mantissa << 8 | UInt64(raw[k]) }
            return Parts(mantissa: mantissa, exponent: Int(Int8(bitPattern: raw[0])), negative: flags & 0b1000 != 0)
        }
    }

    /// Whether ``parts(_:)`` reads this Foundation's decimals right (checked once).
    static let layoutHolds: Bool = {
        let known: [(Decimal, Parts)] = [
            (Decimal(1), Parts(mantissa: 1, exponent: 0, negative: false)),
            (Decimal(sign: .minus, exponent: -1, significand: 12_345), Parts(mantissa: 12_345, exponent: -1, negative: true)),
            (Decimal(UInt64.max), Parts(mantissa: UInt64.max, exponent: 0, negative: false)),
            (Decimal(sign: .plus, exponent: 20, significand: 7), Parts(mantissa: 7, exponent: 20, negative: false)),
            (Decimal(sign: .minus, exponent: -3, significand: 65_537), Parts(mantissa: 65_537, exponent: -3, negative: true)),
        ]
        return known.allSatisfy { parts($0.0) == $0.1 } && parts(Decimal(UInt64.max) + 1) == nil
    }()

    static func plain(_ value: Decimal) -> String? {
        guard layoutHolds, !value.isNaN, let parts = parts(value), parts.exponent >= -40, parts.exponent <= 40 else { return nil }
        var mantissa = parts.mantissa
        guard mantissa != 0 else { return "0" }
        var exponent = parts.exponent
        // Trailing zeros after the point are not written.
        while exponent < 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var n = mantissa, end = buffer.count
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            return buffer.count - end
        }
        let negative = parts.negative
        // sign, "0." and leading zeros, the digits, trailing zeros of a positive exponent
        let capacity = 1 + 2 + max(0, -exponent) + count + max(0, exponent)
        return withUnsafeBytes(of: &digits) { source in
            let digitBytes = source[(source.count - count)...]
            return String(unsafeUninitializedCapacity: capacity) { out in
                var i = 0
                func put(_ byte: UInt8) { out[i] = byte; i += 1 }
                if negative { put(UInt8(ascii: "-")) }
                if exponent >= 0 {
                    for d in digitBytes { put(d) }
                    for _ in 0..<exponent { put(UInt8(ascii: "0")) }
                } else {
                    let whole = count + exponent   // digits before the point
                    if whole <= 0 {
                        put(UInt8(ascii: "0"))
                        put(UInt8(ascii: "."))
                        for _ in 0 ..< -whole { put(UInt8(ascii: "0")) }
                        for d in digitBytes { put(d) }
                    } else {
                        var k = 0
                        for d in digitBytes {
                            if k == whole { put(UInt8(ascii: ".")) }
                            put(d)
                            k += 1
                        }
                    }
                }
                return i
            }
        }
    }
}
