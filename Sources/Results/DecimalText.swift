/// The plain text of an exact decimal written straight from its parts (issue 11): the mantissa's
/// digits and the point placed by the exponent, as bytes, without going through `Decimal`'s
/// general formatting. Covers every value held as a 64-bit mantissa whose exponent is within ±40,
/// which is every amount, quantity and ratio rbm meets; anything else returns nil and
/// ``Exact/plainText`` falls back to `Decimal`'s `description`.
enum DecimalText {
    static func plain(_ value: Exact) -> String? {
        guard case .small(let signed, let e) = value.storage, e >= -40, e <= 40 else { return nil }
        var mantissa = signed.magnitude
        guard mantissa != 0 else { return "0" }
        let exponent = Int(e)   // the mantissa has no trailing zero digit (``Exact``'s invariant)
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(mantissa % 10))
            mantissa /= 10
        } while mantissa > 0
        digits.reverse()
        var out: [UInt8] = []
        out.reserveCapacity(3 + max(0, -exponent) + digits.count + max(0, exponent))
        if signed < 0 { out.append(UInt8(ascii: "-")) }
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
