/// A rectangle of cells of a sheet, 0-based and inclusive, as written in A1 notation (`B2:D9`, or `B2` alone).
struct SheetRange: Hashable {
    var firstRow: Int
    var firstColumn: Int
    var lastRow: Int
    var lastColumn: Int

    init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// A single cell.
    init(row: Int, column: Int) {
        self.init(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column)
    }

    /// Parses `A1:D1` or `B2` (letters in either case, no `$`), putting the corners in order.
    init?(_ reference: String) {
        // Split at the first `:` on the bytes (issue 11: `split` cost about 2,000 instructions a
        // reference); a second `:` stays in the last corner, which then does not parse.
        let colon = reference.utf8.firstIndex(of: UInt8(ascii: ":"))
        guard let first = Self.parseCell(reference[..<(colon ?? reference.endIndex)]) else { return nil }
        guard let colon else {
            self.init(row: first.row, column: first.column)
            return
        }
        guard let last = Self.parseCell(reference[reference.utf8.index(after: colon)...]) else { return nil }
        self.init(
            firstRow: min(first.row, last.row), firstColumn: min(first.column, last.column),
            lastRow: max(first.row, last.row), lastColumn: max(first.column, last.column))
    }

    /// Parses one cell such as `AB12` into its 0-based row and column.
    /// Read on the UTF-8 bytes (every hyperlink and note parses its cell; issue 11): any byte
    /// outside ASCII letters and digits refuses the text, as a character outside them did.
    static func parseCell(_ text: Substring) -> (row: Int, column: Int)? {
        let bytes = text.utf8
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte) - 64
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte) - 96
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                if digits == 0 && byte == UInt8(ascii: "0") { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 7 { return nil }
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, digits > 0 else { return nil }
        column -= 1
        guard row <= WorksheetPart.maxRows, column < WorksheetPart.maxColumns else { return nil }
        return (row - 1, column)
    }

    var isSingleCell: Bool { firstRow == lastRow && firstColumn == lastColumn }
    var rowCount: Int { lastRow - firstRow + 1 }
    var columnCount: Int { lastColumn - firstColumn + 1 }

    func overlaps(_ other: SheetRange) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow && firstColumn <= other.lastColumn
            && other.firstColumn <= lastColumn
    }

    /// `A1:C3`, or `A1` for a single cell.
    var reference: String {
        XMLWriter.rangeReference(
            firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
    }

    /// `$A$1:$C$3`, or `$A$1` for a single cell.
    var absoluteReference: String {
        func corner(_ row: Int, _ column: Int) -> String {
            var writer = XMLWriter(capacity: 16)
            writer.bytes.append(UInt8(ascii: "$"))
            writer.appendColumnLetters(column)
            writer.bytes.append(UInt8(ascii: "$"))
            writer.appendInteger(row + 1)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        let first = corner(firstRow, firstColumn)
        return isSingleCell ? first : first + ":" + corner(lastRow, lastColumn)
    }
}
