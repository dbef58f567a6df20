import Foundation

/// Rounding and the number forms of domain.md (d) "Numbers", on exact decimals.
extension Exact {
    /// Rounds half away from zero to `scale` digits after the point, on the exact decimal value:
    /// 43.25 → 43.3, 4.875 → 4.9, 1 520 833.33 → 1520833 (scale 0), −0.125 → −0.13 (scale 2).
    ///
    /// `NSDecimalRound`'s `.plain` mode is half away from zero for negatives too (checked by
    /// tests), unlike `.bankers`. A negative scale rounds to tens, hundreds, ….
    public func rounded(scale: Int) -> Exact {
        // A value with no more digits after the point than `scale` is its own rounding: most
        // amounts are whole francs or cents, and NSDecimalRound's work went for nothing (issue 11).
        if !isNaN, exponent >= -scale { return isZero ? 0 : self }
        // On the integers: drop the digits past `scale`, and carry one away from zero when the
        // dropped part is half a unit or more.
        if case .small(let m, let e) = storage, -scale - Int(e) <= 18 {
            let divisor = Self.powers[-scale - Int(e)]
            var kept = m / divisor
            let dropped = (m % divisor).magnitude
            if dropped * 2 >= UInt64(divisor) { kept += m < 0 ? -1 : 1 }
            return Exact(mantissa: kept, exponent: -scale)
        }
        var value = decimal
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result.isZero ? 0 : Exact(result)
    }

    /// The plain decimal form of (d): ASCII digits, no grouping, `.` as the decimal mark, no
    /// trailing zeros, no point for a whole number, a leading `-` when negative, `0` for zero
    /// (never `-0`): `3950000`, `0`, `1234.5`, `-45000`. Not rounded; round first if needed.
    public var plainText: String {
        if isNaN { return "NaN" }
        if isZero { return "0" }
        if let text = DecimalText.plain(self) { return text }
        // `description` never uses exponent notation; it may keep trailing fraction zeros.
        var text = decimal.description
        if text.contains(".") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    /// The signed form of (d): `+` before anything not negative: `+440000`, `-45000`, `+0`.
    public var signedText: String {
        !isNaN && !isZero && self < 0 ? plainText : "+" + plainText
    }

    /// The form for messages: rounded half away from zero to at most two decimals, thousands
    /// grouped by spaces as in (d)'s examples (`3 905 000`, `1 234.5`), negatives with the
    /// minus sign U+2212 the messages of (d) use (`−45 000`).
    ///
    /// - Parameter signed: put `+` before a value that is not negative (`+440 000`), for deltas.
    public func groupedCHF(signed: Bool = false) -> String {
        groupedCHF(signed: signed, separator: [0x20])
    }

    /// ``groupedCHF(signed:)`` with `separator`'s UTF-8 bytes between the groups (the page's
    /// narrow no-break space, U+202F, put there directly rather than replaced afterwards).
    public func groupedCHF(signed: Bool, separator: [UInt8]) -> String {
        let plain = rounded(scale: 2).plainText
        guard plain != "NaN" else { return plain }
        // On the plain form's ASCII bytes (issue 11): `-1234.5` → `−1 234.5`.
        let bytes = Array(plain.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        let digitsStart = negative ? 1 : 0
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        let whole = point - digitsStart
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + whole / 3 * separator.count + 3)
        if negative { out += [0xE2, 0x88, 0x92] } else if signed { out.append(UInt8(ascii: "+")) }   // U+2212
        for offset in 0..<whole {
            if offset > 0 && (whole - offset) % 3 == 0 { out += separator }
            out.append(bytes[digitsStart + offset])
        }
        out += bytes[point...]
        return String(decoding: out, as: UTF8.self)
    }
}
