internal import XLSXCore
internal import XMLIO

/// SAX handler for `<worksheet>` in `xl/worksheets/sheetN.xml`: rows, cells, merged ranges,
/// dimension.
///
/// Positions follow the cells' `r` attributes; a cell or row without one takes the next
/// position (calamine #261). A cell's value is resolved here: shared strings, booleans, errors,
/// `t="d"` ISO dates, and numbers shown with a date or elapsed-time format.
///
/// It runs for every event of every cell, so `r`, `s`, `t` and `<v>` are read from the parser's
/// bytes and a string is made only for what a cell keeps.
struct WorksheetHandler: XMLEventHandler {
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
        attributes: ["r", "t", "s", "ref", "si", "space"]
    )
    private enum E { static let row = 0, c = 1, v = 2, f = 3, inline = 4, t = 5, rPh = 6, mergeCell = 7, dimension = 8 }
    private enum A { static let r = 0, t = 1, s = 2, ref = 3, si = 4, space = 5 }

    /// The cell types of `t=` (ECMA-376 Part 1, 18.18.11).
    private enum Kind {
        case number, sharedString, inlineString, formulaString, bool, error, date, unknown
    }

    let context: Context
    let file: String
    let part: String
    /// Complete rows not yet handed out.
    var ready = RowQueue()
    var merges: [CellRange] = []
    var dimension: CellRange?
    /// The error the handler threw, if any.
    var failure: XLSXError?

    /// The row being read (0 before the first).
    private var rowNumber = 0
    private var cells: [SheetCell] = []
    /// Cells of this row whose `<v>` held nothing (see ``SheetRow/emptyValues``).
    private var emptyValues: [CellReference] = []
    /// Whether the cell being read had a `<v>` element at all.
    private var sawValue = false
    /// The column of the last cell read in this row (0 at the row's start).
    private var column = 0
    private var kind = Kind.number
    /// The `t=` text when `kind` is `.unknown`, for the message.
    private var unknownType = ""
    private var style = 0
    /// The value a number or shared-string `<v>` made, waiting for `</c>` (when `hasReady`).
    private var readyValue = SheetCell.Value.bool(false)
    private var hasReady = false
    /// Any other `<v>`, or a problem with it, waiting for `</c>`.
    private var value = Value.none
    private var formula: String?
    /// The `si` of the cell's `<f t="shared">`, nil for any other formula.
    private var sharedIndex: String?
    /// Each shared formula's text and the cell it was written on, by `si`.
    private var sharedFormulas: [String: (text: String, row: Int, column: Int)] = [:]
    private var inline = ""
    private var inInline = false
    private var inPhonetic = false
    /// Whether the inline `<t>` being read says `xml:space="preserve"`.
    private var preserve = false
    /// Whether a `<c>` is open: a `<row>` or `<c>` inside one is markup within the cell's text
    /// (well-formed XML can nest it in a `<t>`; found by fuzzing), not the grid. A nested `<c>` used
    /// to be read as a cell of the next column, and the outer one then again in that column: two
    /// cells C11 (`ReaderNestedMarkupTests`).
    private var inCell = false
    /// Elements open inside such an inert `<row>` or `<c>` (0 outside it): skipped, start and end alike.
    private var inert = 0
    private var dates = DateTextCache()

    init(context: Context, file: String, part: String) {
        self.context = context
        self.file = file
        self.part = part
        cells.reserveCapacity(32)
    }

    private mutating func fail(_ message: String, cell: String? = nil, code: XLSXError.Code = .invalidContent) -> XLSXError {
        let error = XLSXError(code, file: file, part: part, cell: cell, message)
        failure = error
        return error
    }

    mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
        if inert > 0 || (inCell && (element == E.row || element == E.c)) {
            inert += 1
            return
        }
        switch element {
        case E.c: try startCell(attributes)
        case E.row: try startRow(attributes)
        case E.inline: inInline = true
        case E.rPh: inPhonetic = true
        case E.t: preserve = OOXMLText.preserves(attributes, A.space)
        case E.mergeCell:
            if let ref = attributes[A.ref], let range = CellRange(ref) { merges.append(range) }
        case E.dimension:
            if let ref = attributes[A.ref] { dimension = CellRange(ref) }
        case E.f:
            sharedIndex = attributes[A.t] == "shared" ? attributes[A.si] : nil
        default: break
        }
    }

    mutating func endElement(_ element: Int, text: borrowing XMLText) throws {
        if inert > 0 {
            inert -= 1
            return
        }
        switch element {
        case E.v:
            hasReady = false
            value = .none
            sawValue = true
            if text.isCollected { read(text) }
        case E.c:
            inCell = false
            try appendCell()
        case E.f: endFormula(text.isCollected ? text.string() : nil)
        case E.t: if inInline, !inPhonetic, text.isCollected { inline += OOXMLText.unescape(OOXMLText.shown(text, preserve: preserve)) }
        case E.rPh: inPhonetic = false
        case E.inline: inInline = false
        case E.row: flushRow()
        default: break
        }
    }

    private mutating func startRow(_ attributes: borrowing XMLAttributes) throws {
        flushRow()
        if let number = attributes.withValue(A.r, { Self.rowNumber($0) }) {
            guard let n = number else {
                throw fail("row number '\((attributes[A.r] ?? "").prefix(24))' is outside 1…\(CellReference.maxRow)")
            }
            guard n > rowNumber else { throw fail("row \(n) comes after row \(rowNumber) (rows out of order or repeated)") }
            rowNumber = n
        } else {
            guard rowNumber < CellReference.maxRow else { throw fail("more than \(CellReference.maxRow) rows") }
            rowNumber += 1
        }
        column = 0
    }

    private mutating func startCell(_ attributes: borrowing XMLAttributes) throws {
        if let parsed = attributes.withValue(A.r, { CellReference(utf8: $0) }) {
            guard let ref = parsed else {
                let r = (attributes[A.r] ?? "").prefix(24)
                throw fail("cell reference '\(r)' is not a cell of the grid (A1…XFD1048576)", cell: String(r))
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
        inCell = true
        kind = attributes.withValue(A.t, { Self.kind($0) }) ?? .number
        if kind == .unknown { unknownType = attributes[A.t] ?? "" }
        switch attributes.withValue(A.s, { NumberText.digits($0, in: 0..<$0.count) }) {
        case .none: style = 0
        case .some(.some(let index)): style = index
        case .some(.none): style = attributes[A.s].flatMap { Int($0) } ?? 0   // signs, long or odd text
        }
        hasReady = false
        value = .none
        sawValue = false
        formula = nil
        inline = ""
    }

    /// Keeps a formula's text; a shared formula's first cell records it, later cells of the same
    /// `si` (written without text) get it moved to their own position.
    private mutating func endFormula(_ text: String?) {
        guard let si = sharedIndex else {
            formula = text
            return
        }
        if let text, !text.isEmpty {
            sharedFormulas[si] = (text, rowNumber, column)
            formula = text
        } else if let master = sharedFormulas[si] {
            formula = FormulaTranslator.translate(master.text, rows: rowNumber - master.row, columns: column - master.column)
        } else {
            formula = nil   // a shared formula whose first cell is missing: nothing to show
        }
    }

    /// Hands out the cells read so far as one row.
    private mutating func flushRow() {
        // A row of nothing but empty `<v/>` cells is as blank as a row of styled blanks.
        guard !cells.isEmpty else { return emptyValues.removeAll() }
        ready.append(SheetRow(number: rowNumber, cells: cells, emptyValues: emptyValues))
        cells.removeAll(keepingCapacity: true)
        emptyValues.removeAll()
    }

    /// `r` of a row: 1…1,048,576, at most 7 digits so nothing can overflow.
    private static func rowNumber(_ bytes: Span<UInt8>) -> Int? {
        guard bytes.count <= 7, let n = NumberText.digits(bytes, in: 0..<bytes.count) else { return nil }
        return (1...CellReference.maxRow).contains(n) ? n : nil
    }

    private static let inlineStr = Array("inlineStr".utf8)

    /// The type a `t=` value names.
    private static func kind(_ bytes: Span<UInt8>) -> Kind {
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .bool
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .date
            default: return .unknown
            }
        case 3:
            let str = bytes[0] == UInt8(ascii: "s") && bytes[1] == UInt8(ascii: "t") && bytes[2] == UInt8(ascii: "r")
            return str ? .formulaString : .unknown
        case inlineStr.count:
            for i in bytes.indices where bytes[i] != inlineStr[i] { return .unknown }
            return .inlineString
        default: return .unknown
        }
    }

    /// A `<v>` that did not make a cell at once; the cell is added (or refused) at `</c>`, so the
    /// last `<v>` of a cell counts.
    private enum Value {
        case none
        /// Number text that is not a valid number, trimmed.
        case invalidNumber(String)
        /// A shared-string index that is not a number, trimmed.
        case invalidIndex(String)
        case indexOutOfRange(Int)
        /// Other types: the text exactly as written.
        case text(String)
    }

    /// Reads a `<v>` for the current cell's type: numbers and shared-string indexes straight from
    /// the parser's bytes, into `readyValue`; anything else into `value`.
    private mutating func read(_ text: borrowing XMLText) {
        switch kind {
        case .number:
            let (range, scan, overlong) = text.withBytes { bytes in
                let range = NumberText.trimmed(bytes)
                return (range, NumberText.scan(bytes, in: range), NumberText.overlong(bytes, in: range))
            }
            if range.isEmpty { return }
            let digits = text.string(range)
            let number: Double
            switch scan {
            case .exact(let exact): number = exact
            case .other:
                guard let parsed = NumberText.value(digits) else {
                    value = .invalidNumber(digits)
                    return
                }
                number = parsed
            }
            // More digits than a double holds (`0.6899999999999999`): the cell carries the
            // shortest text of its double instead (NumberText+Shortest.swift).
            let shown = overlong.map { NumberText.shortest(number, exponent: $0.exponent) } ?? digits
            readyValue = numberValue(number, text: shown)
            hasReady = true
        case .sharedString:
            let (range, parsed) = text.withBytes { bytes in
                let range = NumberText.trimmed(bytes)
                return (range, NumberText.digits(bytes, in: range))
            }
            if range.isEmpty { return }
            let index: Int
            if let parsed {
                index = parsed
            } else {
                // Signs and long digit runs: as `Int(String)` reads them.
                let digits = text.string(range)
                guard let n = Int(digits), n >= 0 else {
                    value = .invalidIndex(digits)
                    return
                }
                index = n
            }
            guard index < context.sharedStrings.count else {
                value = .indexOutOfRange(index)
                return
            }
            readyValue = .string(context.sharedStrings[index])
            hasReady = true
        default:
            value = .text(text.string())
        }
    }

    /// A number as its cell format shows it: a number, a date or an elapsed time.
    private mutating func numberValue(_ number: Double, text: String) -> SheetCell.Value {
        let display = style > 0 && style < context.displays.count ? context.displays[style] : .number
        switch display {
        case .number:
            return .number(number, text: text)
        case .date:
            guard let iso = dates.iso(serial: number, date1904: context.date1904) else { return .number(number, text: text) }
            return .date(serial: number, iso: iso)
        case .elapsed:
            guard let iso = DateSerial.duration(serial: number) else { return .number(number, text: text) }
            return .date(serial: number, iso: iso)
        }
    }

    /// Adds the cell just closed to the row, unless it holds no value (a styled blank, an empty
    /// `<v/>`); a formula without a cached result is added as ``SheetCell/Value/uncalculated``.
    private mutating func appendCell() throws {
        let ref = CellReference(row: rowNumber, column: column)
        if hasReady {
            // The value is moved into a new cell rather than built into it: Swift 6.3 copies a
            // SheetCell it builds (retaining and releasing its strings) before storing it. Moved
            // out, too, so one `<v>` makes at most one cell.
            hasReady = false
            cells.append(SheetCell(reference: ref, value: .bool(false), formula: formula, styleIndex: style))
            swap(&cells[cells.count - 1].value, &readyValue)
            return
        }
        var read = Value.none
        swap(&read, &value)
        let cellValue: SheetCell.Value
        switch read {
        case .none:
            guard kind == .inlineString || kind == .unknown else { return appendUncalculated(ref) }
            cellValue = try inlineValue(ref)
        case .text(let text):
            guard let resolved = try resolveText(text, ref) else { return appendUncalculated(ref) }
            cellValue = resolved
        case .invalidNumber(let text):
            throw fail("number '\(text.prefix(40))' is not valid", cell: ref.description)
        case .invalidIndex(let text):
            throw fail("shared string index '\(text.prefix(20))' is not a number", cell: ref.description)
        case .indexOutOfRange(let index):
            throw fail("shared string index \(index) out of range (\(context.sharedStrings.count) strings)", cell: ref.description)
        }
        cells.append(SheetCell(reference: ref, value: cellValue, formula: formula, styleIndex: style))
    }

    /// A cell with no value: kept when it holds a formula (its result was never saved), so that
    /// callers can tell an uncalculated workbook from a blank cell; dropped otherwise, and listed
    /// in the row's `emptyValues` when it had an empty `<v/>`.
    private mutating func appendUncalculated(_ ref: CellReference) {
        guard let formula, !formula.isEmpty else {
            if sawValue { emptyValues.append(ref) }
            return
        }
        cells.append(SheetCell(reference: ref, value: .uncalculated, formula: formula, styleIndex: style))
    }

    /// The value of an inline string (kept in `<is>`, not `<v>`); refuses a type it does not know.
    private mutating func inlineValue(_ ref: CellReference) throws -> SheetCell.Value {
        if kind == .unknown { throw fail("unknown cell type t=\"\(unknownType.prefix(20))\"", cell: ref.description) }
        return .string(try checked(inline, ref))
    }

    /// The value of a cell whose `<v>` is text: formula strings, booleans, errors, ISO dates;
    /// nil when it holds nothing.
    private mutating func resolveText(_ raw: String, _ ref: CellReference) throws -> SheetCell.Value? {
        let v = raw.trimmingXMLSpaces
        switch kind {
        case .inlineString, .unknown:
            return try inlineValue(ref)
        case .formulaString:
            return .string(try checked(OOXMLText.unescape(raw), ref))
        case .bool:
            switch v {
            case "": return nil
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw fail("boolean value '\(v.prefix(20))' is not 0 or 1", cell: ref.description)
            }
        case .error:
            return v.isEmpty ? nil : .error(v)
        case .date:
            if v.isEmpty { return nil }
            if let (serial, iso) = DateSerial.parse(iso: v, date1904: context.date1904) {
                return .date(serial: serial, iso: iso)
            }
            // Not a date this reader understands: keep the text rather than lose it (calamine does the same).
            return .string(try checked(v, ref))
        case .number, .sharedString:
            return nil   // read as numbers at `</v>`
        }
    }

    /// Refuses text longer than a cell can hold.
    private mutating func checked(_ text: String, _ ref: CellReference) throws -> String {
        guard OOXMLText.fits(text, maxCharacters: context.maxCellCharacters) else {
            throw fail("cell text longer than \(context.maxCellCharacters) characters", cell: ref.description, code: .resourceLimit)
        }
        return text
    }
}

/// The ISO text of recent date serials: a date column repeats its days, and formatting a date
/// costs far more than looking it up. Direct-mapped on the day number; allocated at the first date.
struct DateTextCache {
    private static let size = 4096
    private var serials: [Double] = []
    private var texts: [String?] = []
    private var date1904 = false

    mutating func iso(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= DateSerial.minSerial, serial < DateSerial.maxSerial else { return nil }
        if serials.isEmpty || date1904 != self.date1904 {
            serials = Array(repeating: .nan, count: Self.size)
            texts = Array(repeating: nil, count: Self.size)
            self.date1904 = date1904
        }
        let slot = Int(serial.rounded(.down)) & (Self.size - 1)
        if serials[slot] == serial, let text = texts[slot] { return text }
        let text = DateSerial.iso(serial: serial, date1904: date1904)
        if let text {
            serials[slot] = serial
            texts[slot] = text
        }
        return text
    }
}

extension String {
    /// The text without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmingXMLSpaces: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last, NumberText.isSpace(first) || NumberText.isSpace(last) else { return self }
        guard let start = bytes.firstIndex(where: { !NumberText.isSpace($0) }),
              let end = bytes.lastIndex(where: { !NumberText.isSpace($0) }) else { return "" }
        return String(Substring(self.utf8[start...end]))
    }
}
