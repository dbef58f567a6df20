internal import ZipIO
internal import XMLIO

/// Streams the rows of one worksheet: `while let row = try cursor.nextRow() { … }`.
///
/// Bytes come from the zip entry in 64 KiB chunks through the SAX parser; rows are handed out as
/// soon as they are complete, so memory holds one chunk's worth of rows. Merged ranges and the
/// dimension follow `<sheetData>` in the part, so they are complete once `nextRow()` returned nil.
public final class SheetCursor {
    public let sheet: SheetInfo
    private let stream: ZipEntryReader
    private let parser: XMLPushParser
    private let handler: WorksheetHandler
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private var finished = false
    private let file: String

    init(sheet: SheetInfo, stream: ZipEntryReader, context: WorksheetHandler.Context, file: String) {
        self.sheet = sheet
        self.stream = stream
        self.file = file
        handler = WorksheetHandler(context: context, file: file, part: sheet.part)
        parser = XMLPushParser(document: sheet.part, vocabulary: WorksheetHandler.vocabulary, handler: handler)
    }

    /// Merged ranges seen so far (all of them once the cursor is exhausted).
    public var mergedRanges: [CellRange] { handler.merges }
    /// The `<dimension>` the sheet declares, if any (informative only).
    public var declaredDimension: CellRange? { handler.dimension }

    /// The next row with at least one cell, or nil at the end of the sheet.
    /// - Throws: ``XLSXError`` naming the part and, for cell problems, the cell.
    public func nextRow() throws -> SheetRow? {
        while handler.ready.isEmpty {
            if finished { return nil }
            do {
                let n = try stream.read(into: &buffer)
                if n == 0 {
                    finished = true
                    try parser.finish()
                } else {
                    try parser.feed(buffer, count: n)
                }
            } catch let error as ZipIOError {
                finished = true
                throw XLSXError(error, file: file)
            } catch let error as XMLParseError {
                finished = true
                if let cause = handler.failure { throw cause }
                throw XLSXError(error, file: file, part: sheet.part)
            }
        }
        return handler.ready.popFirst()
    }
}

/// A small FIFO that hands out rows without shifting an array on each pop.
struct RowQueue {
    private var items: [SheetRow] = []
    private var head = 0
    var isEmpty: Bool { head == items.count }

    mutating func append(_ row: SheetRow) { items.append(row) }

    mutating func popFirst() -> SheetRow? {
        guard head < items.count else { return nil }
        let row = items[head]
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        return row
    }
}

/// SAX handler for `<worksheet>`: rows, cells, merged ranges, dimension.
final class WorksheetHandler: XMLEventHandler {
    struct Context {
        var sharedStrings: [String]
        var dateStyles: [Bool]
        var date1904: Bool
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

    private var rowNumber = 0
    private var cells: [SheetCell] = []
    private var column = 0
    private var cellType: Substring = ""
    private var cellTypeStorage = ""
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

    private func fail(_ message: String, cell: String? = nil) -> XLSXError {
        let error = XLSXError(.invalidContent, file: file, part: part, cell: cell, message)
        failure = error
        return error
    }

    func startElement(_ element: Int, attributes: XMLAttributes) throws {
        switch element {
        case E.row:
            if let r = attributes[0] {
                guard let n = Int(r), n >= 1, n <= CellReference.maxRow, n > rowNumber else {
                    throw fail("row number \(r) out of order or outside 1…\(CellReference.maxRow)")
                }
                rowNumber = n
            } else {
                rowNumber += 1
                guard rowNumber <= CellReference.maxRow else { throw fail("more than \(CellReference.maxRow) rows") }
            }
            column = 0
            cells.removeAll(keepingCapacity: true)
        case E.c:
            if let r = attributes[0] {
                guard let ref = CellReference(r) else { throw fail("cell reference '\(r.prefix(40))' is not valid") }
                if ref.row != rowNumber {
                    // A cell outside its row: trust the cell, as Excel does for rows without r.
                    if rowNumber == 0 || ref.row > rowNumber { rowNumber = ref.row } else {
                        throw fail("cell \(r) listed inside row \(rowNumber)", cell: r)
                    }
                }
                column = ref.column
            } else {
                column += 1
                guard column <= CellReference.maxColumn else { throw fail("more than \(CellReference.maxColumn) columns in row \(rowNumber)") }
            }
            cellTypeStorage = attributes[1] ?? "n"
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
        case E.t: if inInline, !inPhonetic, let text { inline += text }
        case E.rPh: inPhonetic = false
        case E.inline: inInline = false
        case E.c: if let cell = try makeCell() { cells.append(cell) }
        case E.row:
            if !cells.isEmpty { ready.append(SheetRow(number: rowNumber, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
        default: break
        }
    }

    private func makeCell() throws -> SheetCell? {
        let ref = CellReference(row: max(rowNumber, 1), column: column)
        let cellValue: SheetCell.Value
        switch cellTypeStorage {
        case "s":
            guard let v = value else { return nil }
            guard let index = Int(v.trimmingSpaces), index >= 0 else { throw fail("shared string index '\(v.prefix(20))' is not a number", cell: ref.description) }
            guard index < context.sharedStrings.count else {
                throw fail("shared string index \(index) out of range (\(context.sharedStrings.count) strings)", cell: ref.description)
            }
            cellValue = .string(context.sharedStrings[index])
        case "inlineStr":
            cellValue = .string(OOXMLText.unescape(inline))
        case "str":
            cellValue = .string(OOXMLText.unescape(value ?? ""))
        case "b":
            guard let v = value else { return nil }
            cellValue = .bool(v.trimmingSpaces == "1" || v.trimmingSpaces == "true")
        case "e":
            cellValue = .error(value ?? "#N/A")
        case "d":
            guard let v = value, !v.isEmpty else { return nil }
            cellValue = .date(serial: nil, iso: v)
        default:
            guard let raw = value else { return nil }
            let v = raw.trimmingSpaces
            guard let d = Double(v), d.isFinite else { throw fail("number '\(v.prefix(40))' is not valid", cell: ref.description) }
            if style > 0, style < context.dateStyles.count, context.dateStyles[style], let iso = DateSerial.iso(serial: d, date1904: context.date1904) {
                cellValue = .date(serial: d, iso: iso)
            } else {
                cellValue = .number(d, text: v)
            }
        }
        return SheetCell(reference: ref, value: cellValue, formula: formula, styleIndex: style)
    }
}

extension String {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        if first == startIndex && last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
}
