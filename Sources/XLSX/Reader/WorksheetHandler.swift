internal import XMLIO

/// SAX handler for `<worksheet>` in `xl/worksheets/sheetN.xml`: rows, cells, merged ranges,
/// dimension.
///
/// Positions follow the cells' `r` attributes; a cell or row without one takes the next
/// position (calamine #261). A cell's value is resolved here: shared strings, booleans, errors,
/// `t="d"` ISO dates, and numbers shown with a date or elapsed-time format.
final class WorksheetHandler: XMLEventHandler {
    struct Context {
        var sharedStrings: [String]
        /// Per cell format (`s`): how it shows numbers.
        var displays: [NumberFormat.Display]
        var date1904: Bool
        var maxCellCharacters: Int
    }

    static let vocabulary = XMLVocabulary(
        elements: ["row", "c", "v", "f", "is", "t", "rPh", "mergeCell", "dimension"],
        textElements: ["v", "f", "t"],
        attributes: ["r", "t", "s", "ref"]
    )
    private enum E { static let row = 0, c = 1, v = 2, f = 3, inline = 4, t = 5, rPh = 6, mergeCell = 7, dimension = 8 }

    let context: Context
    let file: String
    let part: String
    var ready = RowQueue()
    var merges: [CellRange] = []
    var dimension: CellRange?
    var failure: XLSXError?

    /// The row being read (0 before the first).
    private var rowNumber = 0
    private var cells: [SheetCell] = []
    /// The column of the last cell read in this row (0 at the row's start).
    private var column = 0
    private var cellType: String?
    private var style = 0
    private var value: String?
    private var formula: String?
    private var inline = ""
    private var inInline = false
    private var inPhonetic = false

    init(context: Context, file: String, part: String) {
        self.context = context
        self.file = file
        self.part = part
        cells.reserveCapacity(32)
    }

    private func fail(_ message: String, cell: String? = nil, code: XLSXError.Code = .invalidContent) -> XLSXError {
        let error = XLSXError(code, file: file, part: part, cell: cell, message)
        failure = error
        return error
    }

    func startElement(_ element: Int, attributes: XMLAttributes) throws {
        switch element {
        case E.row:
            flushRow()
            if let r = attributes[0] {
                guard let n = Self.rowNumber(r) else {
                    throw fail("row number '\(r.prefix(24))' is outside 1…\(CellReference.maxRow)")
                }
                guard n > rowNumber else { throw fail("row \(n) comes after row \(rowNumber) (rows out of order or repeated)") }
                rowNumber = n
            } else {
                guard rowNumber < CellReference.maxRow else { throw fail("more than \(CellReference.maxRow) rows") }
                rowNumber += 1
            }
            column = 0
        case E.c:
            if let r = attributes[0] {
                guard let ref = CellReference(r) else {
                    throw fail("cell reference '\(r.prefix(24))' is not a cell of the grid (A1…XFD1048576)", cell: String(r.prefix(24)))
                }
                if ref.row != rowNumber {
                    // A cell outside its row element: its own reference wins, as in Excel.
                    guard ref.row > rowNumber else {
                        throw fail("cell \(ref) is listed after row \(rowNumber) (cells out of order)", cell: ref.description)
                    }
                    flushRow()
                    rowNumber = ref.row
                    column = 0
                }
                guard ref.column > column else {
                    throw fail("cell \(ref) is listed after column \(CellReference.columnName(column)) (cells out of order or repeated)",
                               cell: ref.description)
                }
                column = ref.column
            } else {
                if rowNumber == 0 { rowNumber = 1 }
                guard column < CellReference.maxColumn else {
                    throw fail("more than \(CellReference.maxColumn) columns in row \(rowNumber)")
                }
                column += 1
            }
            cellType = attributes[1]
            style = attributes[2].flatMap { Int($0) } ?? 0
            value = nil
            formula = nil
            inline = ""
        case E.inline: inInline = true
        case E.rPh: inPhonetic = true
        case E.mergeCell:
            if let ref = attributes[3], let range = CellRange(ref) { merges.append(range) }
        case E.dimension:
            if let ref = attributes[3] { dimension = CellRange(ref) }
        default: break
        }
    }

    func endElement(_ element: Int, text: String?) throws {
        switch element {
        case E.v: value = text
        case E.f: formula = text
        case E.t: if inInline, !inPhonetic, let text { inline += OOXMLText.unescape(text) }
        case E.rPh: inPhonetic = false
        case E.inline: inInline = false
        case E.c: if let cell = try makeCell() { cells.append(cell) }
        case E.row: flushRow()
        default: break
        }
    }

    /// Hands out the cells read so far as one row.
    private func flushRow() {
        guard !cells.isEmpty else { return }
        ready.append(SheetRow(number: rowNumber, cells: cells))
        cells.removeAll(keepingCapacity: true)
    }

    /// `r` of a row: 1…1,048,576, at most 7 digits so nothing can overflow.
    private static func rowNumber(_ text: String) -> Int? {
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        var n = 0
        for b in digits {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return (1...CellReference.maxRow).contains(n) ? n : nil
    }

    /// The cell just closed, or nil when it holds no value (a styled blank, a formula without a
    /// cached result, an empty `<v/>`).
    private func makeCell() throws -> SheetCell? {
        let ref = CellReference(row: rowNumber, column: column)
        let cellValue: SheetCell.Value
        switch cellType {
        case "s":
            guard let v = value?.trimmingSpaces, !v.isEmpty else { return nil }
            guard let index = Int(v), index >= 0 else {
                throw fail("shared string index '\(v.prefix(20))' is not a number", cell: ref.description)
            }
            guard index < context.sharedStrings.count else {
                throw fail("shared string index \(index) out of range (\(context.sharedStrings.count) strings)", cell: ref.description)
            }
            cellValue = .string(context.sharedStrings[index])
        case "inlineStr":
            cellValue = .string(try checked(inline, ref))
        case "str":
            guard let v = value else { return nil }
            cellValue = .string(try checked(OOXMLText.unescape(v), ref))
        case "b":
            guard let v = value?.trimmingSpaces, !v.isEmpty else { return nil }
            switch v {
            case "1", "true": cellValue = .bool(true)
            case "0", "false": cellValue = .bool(false)
            default: throw fail("boolean value '\(v.prefix(20))' is not 0 or 1", cell: ref.description)
            }
        case "e":
            guard let v = value?.trimmingSpaces, !v.isEmpty else { return nil }
            cellValue = .error(v)
        case "d":
            guard let v = value?.trimmingSpaces, !v.isEmpty else { return nil }
            if let (serial, iso) = DateSerial.parse(iso: v, date1904: context.date1904) {
                cellValue = .date(serial: serial, iso: iso)
            } else {
                // Not a date this reader understands: keep the text rather than lose it (calamine does the same).
                cellValue = .string(try checked(v, ref))
            }
        case nil, "n":
            guard let raw = value else { return nil }
            let v = raw.trimmingSpaces
            if v.isEmpty { return nil }
            guard let d = Self.number(v) else { throw fail("number '\(v.prefix(40))' is not valid", cell: ref.description) }
            let display = style > 0 && style < context.displays.count ? context.displays[style] : .number
            switch display {
            case .date:
                if let iso = DateSerial.iso(serial: d, date1904: context.date1904) { cellValue = .date(serial: d, iso: iso) }
                else { cellValue = .number(d, text: v) }
            case .elapsed:
                if let iso = DateSerial.duration(serial: d) { cellValue = .date(serial: d, iso: iso) }
                else { cellValue = .number(d, text: v) }
            case .number:
                cellValue = .number(d, text: v)
            }
        case let other?:
            throw fail("unknown cell type t=\"\(other.prefix(20))\"", cell: ref.description)
        }
        return SheetCell(reference: ref, value: cellValue, formula: formula, styleIndex: style)
    }

    /// Refuses text longer than a cell can hold.
    private func checked(_ text: String, _ ref: CellReference) throws -> String {
        guard OOXMLText.fits(text, maxCharacters: context.maxCellCharacters) else {
            throw fail("cell text longer than \(context.maxCellCharacters) characters", cell: ref.description, code: .resourceLimit)
        }
        return text
    }

    /// A finite `xsd:double` in decimal notation (`-12.5`, `1E+300`, `.5`); nil for anything else,
    /// including what Swift's parser would also take (`0x1p3`, `nan`, `inf`).
    static func number(_ text: String) -> Double? {
        var sawDigit = false, sawDot = false, sawExponent = false, exponentDigit = false
        var previous: UInt8 = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigit = true } else { sawDigit = true }
            case UInt8(ascii: "."):
                guard !sawDot, !sawExponent else { return nil }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard previous == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            default: return nil
            }
            previous = b
        }
        guard sawDigit, !sawExponent || exponentDigit, let d = Double(text), d.isFinite else { return nil }
        return d
    }
}

extension String {
    /// The text without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmingSpaces: String {
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return self }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(Substring(self.utf8[start...end]))
    }
}
