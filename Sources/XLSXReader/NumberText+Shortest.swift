/// The text a number cell carries: the file's own digits when they are exact, otherwise the
/// shortest text of the double they denote.
///
/// A worksheet's `<v>` is the decimal rendering of an IEEE double, and many writers render more
/// digits than the double holds: Excel and LibreOffice write 17 significant digits
/// (`2.2999999999999998` for 2.3, `18399999.999999999`), openpyxl and XlsxWriter 16
/// (`0.6899999999999999` for 0.69). Taken literally, that text carries binary noise into exact
/// decimals downstream: a 69 % KPI read as 68.99999999999999, a code typed as the number 2.3 read
/// as `2.2999999999999998`. Any decimal of at most 15 significant digits (`DBL_DIG`) reads back
/// unchanged from the double nearest to it, so such text is kept as written (`0.10`, `+5`,
/// `1E+3`); longer text is replaced by the shortest text that reads back as the same double
/// (Swift's `Double.description`, Steele & White / Ryū), in the file's style: plain when the file
/// wrote it plain (`18400000`, `0.69`, no `.0`), Excel's exponent form when it wrote an exponent
/// (`1.1E-7`, `1.5E+22`). The double itself is never changed.
extension NumberText {
    /// Significant digits that always survive the trip through a double (`DBL_DIG`).
    static let exactDigits = 15

    /// What ``significantDigits(_:in:)`` found in a number text.
    struct DigitCount: Equatable {
        /// Digits from the first non-zero one to the last non-zero one of the mantissa.
        var significant: Int
        /// Whether the text has an exponent (`e` or `E`).
        var exponent: Bool
    }

    /// Counts the significant digits of number text in `bytes[range]`; signs and the point are
    /// skipped, the exponent is not counted. Meant for text ``value(_:)`` or ``scan(_:in:)`` accepts.
    static func significantDigits(_ bytes: Span<UInt8>, in range: Range<Int>) -> DigitCount {
        var first = -1, last = -1, position = 0
        for i in range where i >= 0 && i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                return DigitCount(significant: first < 0 ? 0 : last - first + 1, exponent: true)
            }
            let digit = b &- UInt8(ascii: "0")
            guard digit <= 9 else { continue }
            if digit != 0 {
                if first < 0 { first = position }
                last = position
            }
            position += 1
        }
        return DigitCount(significant: first < 0 ? 0 : last - first + 1, exponent: false)
    }

    /// Whether the number text in `bytes[range]` holds more digits than a double keeps, so that the
    /// cell must carry ``shortest(_:exponent:)`` instead; nil when the file's text can be kept.
    /// Text of at most 15 bytes is answered without looking at it: it cannot hold 16 digits.
    @inline(__always)
    static func overlong(_ bytes: Span<UInt8>, in range: Range<Int>) -> DigitCount? {
        guard range.count > exactDigits else { return nil }
        let count = significantDigits(bytes, in: range)
        return count.significant > exactDigits ? count : nil
    }

    /// The shortest decimal text that reads back as `value`: plain (`0.69`, `-2.3`, `18400000`,
    /// `0.000011`) or, with `exponent`, in Excel's form (`1.1E-5`, `2.3E+0`, `1.8399999999999998E+7`).
    static func shortest(_ value: Double, exponent: Bool) -> String {
        guard value.isFinite else { return value.description }
        // `description` is the shortest round-trip text ("0.69", "18400000.0", "1.1e-07", "1e+16"):
        // its digits and the position of the point are all that is taken from it.
        var digits: [UInt8] = []
        var point: Int?
        var power = 0, powerSign = 1, inPower = false
        for b in value.magnitude.description.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inPower { power = power * 10 + Int(b - UInt8(ascii: "0")) } else { digits.append(b) }
            case UInt8(ascii: "."): point = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inPower = true
            case UInt8(ascii: "-"): if inPower { powerSign = -1 }
            default: break
            }
        }
        // value = digits × 10^scale, then without leading and trailing zeros.
        var scale = powerSign * power - (digits.count - (point ?? digits.count))
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            scale += 1
        }
        guard let firstNonZero = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }) else { return "0" }
        digits.removeFirst(firstNonZero)

        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        let n = digits.count
        if exponent {
            out.append(digits[0])
            if n > 1 {
                out.append(UInt8(ascii: "."))
                out += digits[1...]
            }
            let power = scale + n - 1
            out.append(UInt8(ascii: "E"))
            out.append(power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out += String(power.magnitude).utf8
        } else if scale >= 0 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: scale)
        } else if -scale < n {
            out += digits[..<(n + scale)]
            out.append(UInt8(ascii: "."))
            out += digits[(n + scale)...]
        } else {
            out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            out += repeatElement(UInt8(ascii: "0"), count: -scale - n)
            out += digits
        }
        return String(decoding: out, as: UTF8.self)
    }
}
