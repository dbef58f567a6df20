internal import XLSXCore

/// Moves the relative references of an A1-style formula by a row and column offset: how a shared
/// formula's text (`<f t="shared" si="0">`, written once on its first cell) reads in another cell
/// of its range (ECMA-376 Part 1, 18.3.1.40).
///
/// `B2*2` written on C2 reads `B5*2` on C5; `$B$2`, `$B2` and `B$2` keep what is absolute; a
/// reference pushed off the grid becomes `#REF!`, as in Excel. Text in double quotes, sheet names
/// in single quotes and structured references in brackets are copied as written. Column ranges
/// (`A:C`) and row ranges (`2:4`) move too; function and defined names are left alone.
public enum FormulaTranslator {
    public static func translate(_ formula: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return formula }
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let end = quotedEnd(b, from: i, quote: c)
                out += b[i..<end]
                i = end
                continue
            case UInt8(ascii: "["):
                let end = bracketEnd(b, from: i)
                out += b[i..<end]
                i = end
                continue
            default: break
            }
            if i == 0 || !isNameByte(b[i - 1]), let match = reference(b, at: i) {
                out += match.shifted(rows: rows, columns: columns)
                i = match.end
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One part of a reference: a column or a row, absolute when written with `$`.
    private struct Part {
        var absolute: Bool
        var value: Int
        var isColumn: Bool

        func shifted(by delta: Int) -> Part? {
            if absolute { return self }
            let moved = value + delta
            let limit = isColumn ? CellReference.maxColumn : CellReference.maxRow
            guard (1...limit).contains(moved) else { return nil }
            return Part(absolute: absolute, value: moved, isColumn: isColumn)
        }

        var bytes: [UInt8] {
            let text = isColumn ? CellReference.columnName(value) : String(value)
            return (absolute ? [UInt8(ascii: "$")] : []) + Array(text.utf8)
        }
    }

    /// A cell (`B2`), a cell range (`B2:C9`), a column range (`A:C`) or a row range (`2:4`).
    private struct Match {
        var parts: [Part]
        var end: Int

        func shifted(rows: Int, columns: Int) -> [UInt8] {
            var moved: [Part] = []
            for part in parts {
                guard let p = part.shifted(by: part.isColumn ? columns : rows) else { return Array("#REF!".utf8) }
                moved.append(p)
            }
            // parts: [column, row] per cell, or one part per side for column and row ranges.
            let perSide = parts.count == 4 || (parts.count == 2 && parts[0].isColumn && !parts[1].isColumn) ? 2 : 1
            var out: [UInt8] = []
            for (index, part) in moved.enumerated() {
                if index == perSide { out.append(UInt8(ascii: ":")) }
                out += part.bytes
            }
            return out
        }
    }

    /// The reference starting at `i`, if one does and it is not part of a longer name or a call.
    private static func reference(_ b: [UInt8], at i: Int) -> Match? {
        if let (first, afterFirst) = cell(b, at: i) {
            if afterFirst < b.count, b[afterFirst] == UInt8(ascii: ":"), let (second, end) = cell(b, at: afterFirst + 1), ends(b, at: end) {
                return Match(parts: first + second, end: end)
            }
            return ends(b, at: afterFirst) ? Match(parts: first, end: afterFirst) : nil
        }
        // Whole columns or rows: both sides the same kind, `A:C` or `2:4`.
        for isColumn in [true, false] {
            if let (a, afterA) = part(b, at: i, column: isColumn), afterA < b.count, b[afterA] == UInt8(ascii: ":"),
               let (z, end) = part(b, at: afterA + 1, column: isColumn), ends(b, at: end) {
                return Match(parts: [a, z], end: end)
            }
        }
        return nil
    }

    /// `$?COL$?ROW` at `i`.
    private static func cell(_ b: [UInt8], at i: Int) -> ([Part], Int)? {
        guard let (column, afterColumn) = part(b, at: i, column: true),
              let (row, end) = part(b, at: afterColumn, column: false) else { return nil }
        return ([column, row], end)
    }

    /// `$?` then 1-3 letters (a column up to XFD) or 1-7 digits (a row up to 1,048,576).
    private static func part(_ b: [UInt8], at start: Int, column: Bool) -> (Part, Int)? {
        var i = start
        let absolute = i < b.count && b[i] == UInt8(ascii: "$")
        if absolute { i += 1 }
        let first = i
        var value = 0
        while i < b.count, i - first < (column ? 3 : 7) {
            let c = b[i]
            if column, let letter = letterValue(c) {
                value = value * 26 + letter
            } else if !column, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            } else {
                break
            }
            i += 1
        }
        guard i > first, value >= 1, value <= (column ? CellReference.maxColumn : CellReference.maxRow) else { return nil }
        if !column, b[first] == UInt8(ascii: "0") { return nil }
        // A fourth letter or an eighth digit: a longer name, not a reference.
        if i < b.count, column ? letterValue(b[i]) != nil : (b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9")) { return nil }
        return (Part(absolute: absolute, value: value, isColumn: column), i)
    }

    /// Whether a reference may end at `i`: not followed by more of a name, a call or a sheet mark.
    private static func ends(_ b: [UInt8], at i: Int) -> Bool {
        guard i < b.count else { return true }
        return !isNameByte(b[i]) && b[i] != UInt8(ascii: "(") && b[i] != UInt8(ascii: "!")
    }

    private static func letterValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(c - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(c - UInt8(ascii: "a")) + 1
        default: nil
        }
    }

    /// Bytes that continue a name: letters, digits, `_`, `.`, `\` and anything non-ASCII.
    private static func isNameByte(_ c: UInt8) -> Bool {
        letterValue(c) != nil || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "\\") || c >= 0x80
    }

    /// The index after a quoted run starting at `i` (a doubled quote stays inside); the end of the
    /// text when it never closes.
    private static func quotedEnd(_ b: [UInt8], from i: Int, quote: UInt8) -> Int {
        var j = i + 1
        while j < b.count {
            if b[j] == quote {
                if j + 1 < b.count, b[j + 1] == quote { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return b.count
    }

    /// The index after the bracket opened at `i`, brackets nested (`T[[#This Row],[Amount]]`).
    private static func bracketEnd(_ b: [UInt8], from i: Int) -> Int {
        var depth = 0
        var j = i
        while j < b.count {
            if b[j] == UInt8(ascii: "[") { depth += 1 }
            if b[j] == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return b.count
    }
}
