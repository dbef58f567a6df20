extension XMLWriter {
    /// Appends the decimal digits of `value`.
    mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude))
    }

    /// Appends the digits of `value`, at least `minimumCount` of them (with leading zeros).
    ///
    /// Eight digits at a time are packed into one word, lowest byte first, so that a number costs
    /// no division by a variable and no temporary array.
    @inline(__always)
    mutating func appendDigits(_ value: UInt64, minimumCount: Int = 1) {
        if value >= 100_000_000 || minimumCount > 8 {
            let (high, low) = value.quotientAndRemainder(dividingBy: 100_000_000)
            appendDigits(high, minimumCount: max(1, minimumCount - 8))
            appendDigits(low, minimumCount: 8)
            return
        }
        var rest = value
        var packed: UInt64 = 0
        var count = 0
        repeat {
            packed = packed << 8 | (0x30 + rest % 10)
            rest /= 10
            count += 1
        } while rest > 0 || count < minimumCount
        for _ in 0..<count {
            bytes.append(UInt8(truncatingIfNeeded: packed))
            packed >>= 8
        }
    }

    /// Appends a finite `Double` as the shortest text that reads back as the same value.
    ///
    /// Integral values print as integers (`42`, not `42.0`; `-0.0` as `0`); others as Swift's
    /// shortest round-trip `description` does, with an upper-case exponent (`1.5E-05`, `1E+16`),
    /// which is valid `xsd:double`. Amounts with a few decimals take a fast path that gives the same
    /// text without making a `String`.
    mutating func appendNumber(_ value: Double) {
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            appendInteger(Int(value))
            return
        }
        if appendShortDecimal(value) { return }
        // From 2^53 to 10^16 `description` still writes integers with a fraction (`9007199254740992.0`).
        var text = value.description.utf8[...]
        if text.last == UInt8(ascii: "0"), text.dropLast().last == UInt8(ascii: ".") { text = text.dropLast(2) }
        for byte in text {
            bytes.append(byte == UInt8(ascii: "e") ? UInt8(ascii: "E") : byte)
        }
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]

    /// Writes a non-integral `value` of 0.0001 or more in magnitude as `digits.fraction` when at most
    /// 7 decimals read back as `value`; returns false, writing nothing, otherwise.
    ///
    /// The fewest decimals that round-trip are the shortest round-trip text, which is what
    /// `description` prints in this range; the text is unique because the scaled value stays below
    /// 2^51, where one unit in the last place of `value` is smaller than 10^-decimals.
    private mutating func appendShortDecimal(_ value: Double) -> Bool {
        let magnitude = value.magnitude
        guard magnitude >= 0.0001 else { return false }
        for decimals in 1..<Self.powersOfTen.count {
            let scale = Self.powersOfTen[decimals]
            let scaled = (magnitude * scale).rounded()
            guard scaled < 2_251_799_813_685_248 else { return false }
            guard scaled / scale == magnitude else { continue }
            let (whole, fraction) = UInt64(scaled).quotientAndRemainder(dividingBy: UInt64(scale))
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            appendDigits(whole)
            bytes.append(UInt8(ascii: "."))
            // The fewest decimals: the fraction has no trailing zero.
            appendDigits(fraction, minimumCount: decimals)
            return true
        }
        return false
    }

    /// Appends an A1 reference such as `AB12`; `row` and `column` count from 0.
    mutating func appendCellReference(row: Int, column: Int) {
        appendColumnLetters(column)
        appendInteger(row + 1)
    }

    /// Appends the letters of a 0-based column index: 0 is `A`, 26 is `AA`, 16,383 is `XFD`.
    mutating func appendColumnLetters(_ column: Int) {
        if column >= 702 {
            bytes.append(UInt8(ascii: "A") + UInt8((column - 702) / 676))
        }
        if column >= 26 {
            bytes.append(UInt8(ascii: "A") + UInt8(((column - 26) / 26) % 26))
        }
        bytes.append(UInt8(ascii: "A") + UInt8(column % 26))
    }
}

extension XMLWriter {
    /// The A1 reference of a 0-based cell position, as a string (`A1`, `XFD1048576`).
    static func cellReference(row: Int, column: Int) -> String {
        var writer = XMLWriter(capacity: 12)
        writer.appendCellReference(row: row, column: column)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// An A1 range reference (`A1:C3`), or a single cell's when the corners coincide.
    static func rangeReference(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) -> String {
        let first = cellReference(row: firstRow, column: firstColumn)
        if firstRow == lastRow, firstColumn == lastColumn { return first }
        return first + ":" + cellReference(row: lastRow, column: lastColumn)
    }

    /// The text of a number as `appendNumber(_:)` writes it.
    static func numberText(_ value: Double) -> String {
        var writer = XMLWriter(capacity: 24)
        writer.appendNumber(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
