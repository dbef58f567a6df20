extension XMLWriter {
    /// Appends the decimal digits of `value`.
    mutating func appendInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var scale: UInt = 1
        while scale <= rest / 10 { scale *= 10 }
        while scale > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / scale))
            rest %= scale
            scale /= 10
        }
    }

    /// Appends a finite `Double` as the shortest text that reads back as the same value.
    ///
    /// Integral values print as integers (`42`, not `42.0`; `-0.0` as `0`); others use Swift's
    /// shortest round-trip `description` with an upper-case exponent (`1.5E-05`, `1E+16`), which is
    /// valid `xsd:double`.
    mutating func appendNumber(_ value: Double) {
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            appendInteger(Int(value))
            return
        }
        // From 2^53 to 10^16 `description` still writes integers with a fraction (`9007199254740992.0`).
        var text = value.description.utf8[...]
        if text.last == UInt8(ascii: "0"), text.dropLast().last == UInt8(ascii: ".") { text = text.dropLast(2) }
        for byte in text {
            bytes.append(byte == UInt8(ascii: "e") ? UInt8(ascii: "E") : byte)
        }
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
