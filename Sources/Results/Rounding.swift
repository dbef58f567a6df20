import Foundation

/// Rounding and the number forms of domain.md (d) "Numbers", on exact decimals.
extension Decimal {
    /// Rounds half away from zero to `scale` digits after the point, on the exact decimal value:
    /// 43.25 → 43.3, 4.875 → 4.9, 1 520 833.33 → 1520833 (scale 0), −0.125 → −0.13 (scale 2).
    ///
    /// `NSDecimalRound`'s `.plain` mode is half away from zero for negatives too (checked by
    /// tests), unlike `.bankers`. A negative scale rounds to tens, hundreds, ….
    public func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result.isZero ? 0 : result
    }

    /// The plain decimal form of (d): ASCII digits, no grouping, `.` as the decimal mark, no
    /// trailing zeros, no point for a whole number, a leading `-` when negative, `0` for zero
    /// (never `-0`): `3950000`, `0`, `1234.5`, `-45000`. Not rounded; round first if needed.
    public var plainText: String {
        if isNaN { return "NaN" }
        if isZero { return "0" }
        // `description` never uses exponent notation; it may keep trailing fraction zeros.
        var text = description
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
        let plain = rounded(scale: 2).plainText
        guard plain != "NaN" else { return plain }
        let negative = plain.hasPrefix("-")
        let unsigned = negative ? plain.dropFirst() : Substring(plain)
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (offset, digit) in parts[0].enumerated() {
            if offset > 0 && (parts[0].count - offset) % 3 == 0 { grouped.append(" ") }
            grouped.append(digit)
        }
        if parts.count == 2 { grouped += "." + parts[1] }
        let sign = negative ? "\u{2212}" : (signed ? "+" : "")
        return sign + grouped
    }
}
