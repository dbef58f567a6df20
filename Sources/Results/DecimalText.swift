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
        // The digits on the stack, least significant first, then the text written once into the
        // string's own storage (issue 11: appending the pieces to a string cost about 1,000
        // instructions a value, and every amount of the workbook and the logs is written so).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits -> String in
            var count = 0, rest = signed.magnitude
            repeat {
                digits[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                count += 1
            } while rest > 0
            let negative = signed < 0
            let whole = count + exponent   // digits before the point
            let body = exponent >= 0 ? count + exponent : whole <= 0 ? 2 - whole + count : count + 1
            return String(unsafeUninitializedCapacity: body + (negative ? 1 : 0)) { out -> Int in
                var i = 0
                func put(_ byte: UInt8) {
                    out[i] = byte
                    i += 1
                }
                if negative { put(UInt8(ascii: "-")) }
                if exponent >= 0 {
                    for k in stride(from: count - 1, through: 0, by: -1) { put(digits[k]) }
                    for _ in 0..<exponent { put(UInt8(ascii: "0")) }
                } else if whole <= 0 {
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "."))
                    for _ in 0..<(-whole) { put(UInt8(ascii: "0")) }
                    for k in stride(from: count - 1, through: 0, by: -1) { put(digits[k]) }
                } else {
                    for k in stride(from: count - 1, through: count - whole, by: -1) { put(digits[k]) }
                    put(UInt8(ascii: "."))
                    for k in stride(from: count - whole - 1, through: 0, by: -1) { put(digits[k]) }
                }
                return i
            }
        }
    }
}
