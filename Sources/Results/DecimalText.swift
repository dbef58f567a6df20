/// The plain text of an exact decimal written straight from its parts (issue 11): the mantissa's
/// digits and the point placed by the exponent, as bytes, without going through `Decimal`'s
/// general formatting. Covers every value held as a 64-bit mantissa whose exponent is within ±40,
/// which is every amount, quantity and ratio rbm meets; anything else returns nil and
/// ``Exact/plainText`` falls back to `Decimal`'s `description`.
enum DecimalText {
    static func plain(_ value: Exact) -> String? {
        guard case .small(let signed, let e) = value.storage, e >= -40, e <= 40 else { return nil }
        if signed == 0 { return "0" }
        let exponent = Int(e)   // the mantissa has no trailing zero digit (``Exact``'s invariant)
        // The standard library's integer text, then the point placed: short texts stay in the
        // string itself, with no buffer to allocate (two arrays a value, before).
        let digits = String(signed.magnitude)
        var out = signed < 0 ? "-" : ""
        if exponent >= 0 {
            out += digits
            if exponent > 0 { out += String(repeating: "0", count: exponent) }
            return out
        }
        let whole = digits.utf8.count + exponent   // digits before the point
        if whole <= 0 {
            out += "0."
            if whole < 0 { out += String(repeating: "0", count: -whole) }
            out += digits
        } else {
            let split = digits.utf8.index(digits.utf8.startIndex, offsetBy: whole)
            out += digits[..<split]
            out += "."
            out += digits[split...]
        }
        return out
    }
}
