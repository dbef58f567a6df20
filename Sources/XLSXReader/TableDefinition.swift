public import XLSXCore
internal import XMLIO

/// An Excel table (a ListObject) as a worksheet declares it: `xl/tables/tableN.xml`, reached
/// through the worksheet's relationships (ECMA-376 Part 1, 18.5.1.2).
///
/// A table names a block of cells: its first `headerRowCount` rows hold the column headers, its
/// last `totalsRowCount` rows the totals, and the rows between them the data. The header cells in
/// the sheet normally equal ``columns``; the sheet's cells remain the source of the values.
public struct TableDefinition: Sendable, Equatable {
    /// The name formulas use (`Budget[Amount]`): the table's `displayName`, else its `name`.
    public var name: String
    /// The sheet the table sits on.
    public var sheet: String
    /// The cells the table covers, header and totals rows included.
    public var range: CellRange
    /// Rows of headers at the top: 1 as written by Excel, 0 for a table without a header row.
    public var headerRowCount: Int
    /// Rows of totals at the bottom (0 when the totals row is off).
    public var totalsRowCount: Int
    /// The column names, left to right, `_xHHHH_` escapes decoded.
    public var columns: [String]
    /// The part holding the definition, e.g. `xl/tables/table1.xml`.
    public var part: String

    public init(name: String, sheet: String, range: CellRange, headerRowCount: Int = 1, totalsRowCount: Int = 0,
                columns: [String], part: String) {
        self.name = name
        self.sheet = sheet
        self.range = range
        self.headerRowCount = headerRowCount
        self.totalsRowCount = totalsRowCount
        self.columns = columns
        self.part = part
    }

    /// The header row's number, nil for a table without one.
    public var headerRow: Int? { headerRowCount > 0 ? range.first.row : nil }

    /// The data rows: the range without its header and totals rows (nil when nothing is left).
    public var dataRange: CellRange? {
        let top = range.first.row + headerRowCount, bottom = range.last.row - totalsRowCount
        guard top <= bottom else { return nil }
        return CellRange(first: CellReference(row: top, column: range.first.column),
                         last: CellReference(row: bottom, column: range.last.column))
    }

    /// Reads one table part.
    /// - Throws: ``XLSXError`` naming the part when it is missing, malformed or has no usable `ref`.
    static func read(_ part: String, sheet: String, with reader: PartReader) throws -> TableDefinition {
        let handler = try reader.parse(part, handler: Handler(file: reader.file, part: part))
        guard handler.sawTable else {
            throw XLSXError(.invalidContent, file: reader.file, part: part, "the part holds no <table>")
        }
        guard let refText = handler.ref, let range = CellRange(refText) else {
            throw XLSXError(.invalidContent, file: reader.file, part: part,
                            "table '\(handler.name ?? "?")' has no valid range (ref=\"\(handler.ref ?? "")\")")
        }
        guard let name = handler.name, !name.isEmpty else {
            throw XLSXError(.invalidContent, file: reader.file, part: part, "the table over \(range) has no name")
        }
        let rows = range.last.row - range.first.row + 1
        guard handler.headerRowCount + handler.totalsRowCount <= rows else {
            throw XLSXError(.invalidContent, file: reader.file, part: part,
                            "table '\(name)' declares \(handler.headerRowCount) header and \(handler.totalsRowCount) totals rows in \(rows) rows (\(range))")
        }
        return TableDefinition(name: name, sheet: sheet, range: range, headerRowCount: handler.headerRowCount,
                               totalsRowCount: handler.totalsRowCount, columns: handler.columns, part: part)
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(
            elements: ["table", "tableColumn"],
            attributes: ["name", "displayName", "ref", "headerRowCount", "totalsRowCount"]
        )
        let file: String
        let part: String
        var sawTable = false
        var name: String?
        var ref: String?
        var headerRowCount = 1
        var totalsRowCount = 0
        var columns: [String] = []

        init(file: String, part: String) {
            self.file = file
            self.part = part
        }

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            switch element {
            case 0 where !sawTable:
                sawTable = true
                name = attributes[1] ?? attributes[0]
                ref = attributes[2]
                headerRowCount = try count(attributes[3], "headerRowCount") ?? 1
                totalsRowCount = try count(attributes[4], "totalsRowCount") ?? 0
            case 1:
                columns.append(OOXMLText.unescape(attributes[0] ?? ""))
            default: break
            }
        }

        func endElement(_ element: Int, text: borrowing XMLText) throws {}

        /// A row count attribute: a small non-negative integer (xsd:unsignedInt, rows fit the grid).
        private func count(_ text: String?, _ attribute: String) throws -> Int? {
            guard let text else { return nil }
            guard let n = Int(text), (0...CellReference.maxRow).contains(n) else {
                throw XLSXError(.invalidContent, file: file, part: part, "\(attribute)=\"\(text)\" is not a row count")
            }
            return n
        }
    }
}
