/// Maps `<worksheet>` in `xl/worksheets/sheetN.xml`, built one row at a time.
///
/// Rows go straight into the `<sheetData>` buffer as XML; no cell is kept. The elements before
/// `<sheetData>` (dimension, column widths) depend on every row, so they are written when the part
/// is assembled and handed to the archive as a separate chunk in front of the rows. Memory is
/// therefore one sheet's XML; true constant-memory streaming would hand the rows to libzip through
/// a source callback while the archive is written, instead of buffering them.
struct WorksheetPart {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxStringLength = 32_767
    static let maxColumnWidth = 255.0
    static let maxRowHeight = 409.0
    /// Excel's default column width in characters (Calibri 11); narrower estimates are not written.
    static let defaultColumnWidth = 8.43
    /// Estimated widths stop here, so that one long note does not make a column a screen wide.
    static let maxEstimatedWidth = 80.0

    /// Why a row, a cell or a merge cannot be written.
    struct Problem: Error {
        var code: WorkbookWriterError.Code
        /// The 0-based column of the cell concerned, if any.
        var column: Int?
        var message: String
    }

    /// A cell range, 0-based and inclusive.
    struct Range: Equatable {
        var firstRow: Int
        var firstColumn: Int
        var lastRow: Int
        var lastColumn: Int

        func overlaps(_ other: Range) -> Bool {
            firstRow <= other.lastRow && other.firstRow <= lastRow && firstColumn <= other.lastColumn
                && other.firstColumn <= lastColumn
        }

        var reference: String {
            XMLWriter.rangeReference(
                firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
        }
    }

    /// The style last used in a column, so that a column of equal styles is looked up once.
    private struct ColumnStyle {
        var style: CellStyle?
        var formatIndex = 0
        var layout = NumberLayout.general
        var widthFactor = 1.0
    }

    /// How a number format lays numbers out, enough to estimate their width.
    enum NumberLayout: Equatable {
        /// Up to 11 characters of the shortest text.
        case general
        /// Fixed decimals, optional thousands separators and percent sign.
        case fixed(decimals: Int, grouping: Bool, percent: Bool)
        /// Dates and other formats: as wide as the format code.
        case text(width: Int)

        init(formatCode: String?) {
            guard let code = formatCode?.split(separator: ";", omittingEmptySubsequences: false).first,
                code != "General"
            else {
                self = .general
                return
            }
            if code.contains(where: { "yYmMdDhHsS@\"".contains($0) }) {
                self = .text(width: code.count)
                return
            }
            let fraction = code.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""
            self = .fixed(
                decimals: fraction.prefix { $0 == "0" || $0 == "#" }.count, grouping: code.contains(","),
                percent: code.contains("%"))
        }
    }

    let options: SheetOptions
    let stringStorage: WorkbookOptions.StringStorage
    /// Rows written so far, empty ones included: the next row's 0-based index.
    private(set) var rowCount = 0
    private var sheetData = XMLWriter(capacity: 64 * 1024)
    /// The range of written cells, if any.
    private(set) var usedRange: Range?
    /// Estimated width in characters of the widest value per column, where not given.
    private var contentWidths: [Double] = []
    private var columnStyles: [ColumnStyle] = []
    private(set) var merges: [Range] = []

    private var writer = XMLWriter()

    init(options: SheetOptions, stringStorage: WorkbookOptions.StringStorage) {
        self.options = options
        self.stringStorage = stringStorage
    }

    /// The range shown by `<dimension>`: the written cells, or `A1` for an empty sheet.
    var dimension: String { usedRange?.reference ?? "A1" }

    /// The autofilter's range, when the sheet asks for one and has cells.
    var autoFilterRange: String? { options.autoFilter ? usedRange?.reference : nil }

    // MARK: Rows

    /// Writes the next row; a row that throws is not written.
    mutating func writeRow(
        _ cells: [Cell], height: Double?, styles: inout StylesPart, sharedStrings: inout SharedStringsPart
    ) throws(Problem) {
        guard rowCount < Self.maxRows else {
            throw Problem(code: .tooManyRows, message: "more than \(Self.maxRows) rows")
        }
        guard cells.count <= Self.maxColumns else {
            throw Problem(
                code: .tooManyColumns, column: Self.maxColumns,
                message: "row has \(cells.count) cells; a row holds at most \(Self.maxColumns)")
        }
        if let height, !(0...Self.maxRowHeight).contains(height) {
            throw Problem(
                code: .invalidRowHeight,
                message: "row height \(height) is outside 0...\(XMLWriter.numberText(Self.maxRowHeight)) points")
        }
        let rowStart = sheetData.bytes.count
        var firstColumn: Int?
        var lastColumn = 0
        do {
            for (column, cell) in cells.enumerated() {
                if case .empty = cell.value, cell.style == nil { continue }
                if firstColumn == nil { writeRowStart(height: height) }
                try writeCell(cell, column: column, styles: &styles, sharedStrings: &sharedStrings)
                firstColumn = firstColumn ?? column
                lastColumn = column
            }
        } catch {
            sheetData.removeSuffix(from: rowStart)
            throw error
        }
        if let firstColumn {
            sheetData.raw("</row>")
            extendUsedRange(row: rowCount, firstColumn: firstColumn, lastColumn: lastColumn)
        } else if height != nil {
            writeRowStart(height: height, empty: true)
        }
        rowCount += 1
    }

    private mutating func extendUsedRange(row: Int, firstColumn: Int, lastColumn: Int) {
        guard var range = usedRange else {
            usedRange = Range(firstRow: row, firstColumn: firstColumn, lastRow: row, lastColumn: lastColumn)
            return
        }
        range.firstColumn = min(range.firstColumn, firstColumn)
        range.lastColumn = max(range.lastColumn, lastColumn)
        range.lastRow = row
        usedRange = range
    }

    private mutating func writeRowStart(height: Double?, empty: Bool = false) {
        sheetData.raw("<row r=\"")
        sheetData.appendInteger(rowCount + 1)
        if let height {
            sheetData.raw("\" ht=\"")
            sheetData.appendNumber(height)
            sheetData.raw("\" customHeight=\"1")
        }
        sheetData.raw(empty ? "\"/>" : "\">")
    }

    // MARK: Cells

    /// Writes `<c>`: `r`, then `s` unless 0, then `t` unless a number.
    private mutating func writeCell(
        _ cell: Cell, column: Int, styles: inout StylesPart, sharedStrings: inout SharedStringsPart
    ) throws(Problem) {
        let shown: CellValue
        if case .formula(_, let cached) = cell.value {
            if case .formula = cached {
                throw Problem(
                    code: .invalidValue, column: column, message: "a formula's cached value cannot be a formula")
            }
            shown = cached
        } else {
            shown = cell.value
        }
        let columnStyle = try resolveStyle(cell.style, isDate: shown.isDate, column: column, styles: &styles)

        sheetData.raw("<c r=\"")
        sheetData.appendCellReference(row: rowCount, column: column)
        if columnStyle.formatIndex != 0 {
            sheetData.raw("\" s=\"")
            sheetData.appendInteger(columnStyle.formatIndex)
        }
        var width = 0
        switch cell.value {
        case .formula(let formula, let cached):
            width = try writeFormula(formula, cached: cached, column: column)
        case .string(let string):
            try checkLength(string, column: column)
            if stringStorage == .shared {
                sheetData.raw("\" t=\"s\"><v>")
                sheetData.appendInteger(sharedStrings.index(for: string))
                sheetData.raw("</v></c>")
            } else {
                sheetData.raw("\" t=\"inlineStr\"><is>")
                sheetData.writeT(string)
                sheetData.raw("</is></c>")
            }
            width = needsWidth(column) ? Self.displayWidth(of: string) : 0
        case .empty:
            sheetData.raw("\"/>")
        default:
            sheetData.raw(cell.value.isBool ? "\" t=\"b\"><v>" : "\"><v>")
            width = try writeScalar(cell.value, column: column, layout: columnStyle.layout)
            sheetData.raw("</v></c>")
        }
        if width > 0, needsWidth(column) {
            recordWidth((Double(width) * columnStyle.widthFactor).rounded(), column: column)
        }
    }

    /// Writes the rest of a formula cell; returns the cached value's estimated width.
    private mutating func writeFormula(_ formula: String, cached: CellValue, column: Int) throws(Problem) -> Int {
        let text = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
        guard text.utf16.count <= 8_192 else {
            throw Problem(code: .invalidValue, column: column, message: "formula longer than 8,192 characters")
        }
        let layout = columnStyles[column].layout
        switch cached {
        case .string(let string):
            try checkLength(string, column: column)
            sheetData.raw("\" t=\"str\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f><v>")
            sheetData.appendEscaped(string, inAttribute: false)
            sheetData.raw("</v></c>")
            return Self.displayWidth(of: string)
        case .empty:
            sheetData.raw("\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f></c>")
            return 0
        default:
            sheetData.raw(cached.isBool ? "\" t=\"b\"><f>" : "\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f><v>")
            let width = try writeScalar(cached, column: column, layout: layout)
            sheetData.raw("</v></c>")
            return width
        }
    }

    /// Writes the text of a number, decimal, date or boolean; returns its estimated width.
    private mutating func writeScalar(_ value: CellValue, column: Int, layout: NumberLayout) throws(Problem) -> Int {
        let start = sheetData.bytes.count
        switch value {
        case .number(let number):
            guard number.isFinite else {
                throw Problem(code: .invalidValue, column: column, message: "number \(number) is not finite")
            }
            sheetData.appendNumber(number)
            return Self.displayWidth(of: number, textWidth: sheetData.bytes.count - start, layout: layout)
        case .decimal(let text):
            guard Self.isDecimal(text) else {
                throw Problem(code: .invalidValue, column: column, message: "'\(text)' is not a decimal number")
            }
            sheetData.raw(text)
            return Self.displayWidth(of: Double(text) ?? 0, textWidth: text.utf8.count, layout: layout)
        case .date(let year, let month, let day):
            guard let serial = CellValue.SerialCalendar.serial(year: year, month: month, day: day) else {
                throw Problem(
                    code: .invalidValue, column: column,
                    message: "\(year)-\(month)-\(day) is not a date from 1900-01-01 to 9999-12-31")
            }
            sheetData.appendInteger(serial)
            if case .text(let width) = layout { return width }
            return 10
        case .bool(let flag):
            sheetData.bytes.append(flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            return 5
        case .empty, .string, .formula:
            preconditionFailure("not a scalar: \(value)")
        }
    }

    private func checkLength(_ string: String, column: Int) throws(Problem) {
        let length = string.utf16.count
        guard length <= Self.maxStringLength else {
            throw Problem(
                code: .stringTooLong, column: column,
                message: "string of \(length) characters exceeds Excel's limit of \(Self.maxStringLength)")
        }
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`, the decimal text written verbatim into `<v>`.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Bool {
            let count = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    // MARK: Styles and widths

    /// The cell format of a cell, through the column's cache; dates without a number format get
    /// `yyyy-mm-dd`.
    private mutating func resolveStyle(
        _ style: CellStyle?, isDate: Bool, column: Int, styles: inout StylesPart
    ) throws(Problem) -> ColumnStyle {
        var style = style
        if isDate, style?.numberFormat == nil {
            style = style ?? CellStyle()
            style!.numberFormat = "yyyy-mm-dd"
        }
        while columnStyles.count <= column { columnStyles.append(ColumnStyle()) }
        if columnStyles[column].style == style { return columnStyles[column] }
        var formatIndex = 0
        if let style {
            do {
                formatIndex = try styles.formatIndex(for: style)
            } catch {
                throw Problem(code: .invalidStyle, column: column, message: error.message)
            }
        }
        let resolved = ColumnStyle(
            style: style, formatIndex: formatIndex, layout: NumberLayout(formatCode: style?.numberFormat),
            widthFactor: style?.bold == true ? 1.1 : 1.0)
        columnStyles[column] = resolved
        return resolved
    }

    private func needsWidth(_ column: Int) -> Bool {
        column >= options.columnWidths.count || options.columnWidths[column] == nil
    }

    private mutating func recordWidth(_ width: Double, column: Int) {
        while contentWidths.count <= column { contentWidths.append(0) }
        if width > contentWidths[column] { contentWidths[column] = width }
    }

    /// Characters of the longest line.
    static func displayWidth(of string: String) -> Int {
        guard string.utf8.contains(UInt8(ascii: "\n")) else { return string.utf16.count }
        return string.split(separator: "\n").map(\.utf16.count).max() ?? 0
    }

    /// Characters a number takes in its format, estimated; `textWidth` is its written text's length.
    static func displayWidth(of number: Double, textWidth: Int, layout: NumberLayout) -> Int {
        switch layout {
        case .general:
            return min(textWidth, 11)
        case .text(let width):
            return width
        case .fixed(let decimals, let grouping, let percent):
            let magnitude = (percent ? number * 100 : number).magnitude
            var integerDigits = 1
            var limit = 10.0
            while magnitude >= limit, integerDigits < 16 {
                integerDigits += 1
                limit *= 10
            }
            return integerDigits + (grouping ? (integerDigits - 1) / 3 : 0) + (decimals > 0 ? decimals + 1 : 0)
                + (number < 0 ? 1 : 0) + (percent ? 1 : 0)
        }
    }

    /// The `<col>` widths: given ones, else estimates wider than Excel's default.
    var columnWidths: [(column: Int, width: Double)] {
        let count = max(options.columnWidths.count, contentWidths.count)
        return (0..<count).compactMap { column in
            if column < options.columnWidths.count, let width = options.columnWidths[column] {
                return (column, width)
            }
            guard column < contentWidths.count else { return nil }
            let estimate = min(contentWidths[column] + 2, Self.maxEstimatedWidth)
            return estimate > Self.defaultColumnWidth ? (column, estimate) : nil
        }
    }

    // MARK: Merged cells

    /// Records a merged range such as `A1:D1`.
    mutating func mergeCells(_ reference: String) throws(Problem) {
        guard let range = Self.parseRange(reference) else {
            throw Problem(
                code: .invalidMergeRange, message: "'\(reference)' is not a range such as A1:D1 within XFD1048576")
        }
        guard range.firstRow != range.lastRow || range.firstColumn != range.lastColumn else {
            throw Problem(code: .invalidMergeRange, message: "merge range '\(reference)' is a single cell")
        }
        if let other = merges.first(where: { $0.overlaps(range) }) {
            throw Problem(
                code: .invalidMergeRange,
                message: "merge range \(range.reference) overlaps merged range \(other.reference)")
        }
        merges.append(range)
    }

    /// Parses `A1:D1` (letters in either case), putting the corners in order.
    static func parseRange(_ reference: String) -> Range? {
        let corners = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard corners.count == 2, let first = parseCell(corners[0]), let last = parseCell(corners[1]) else {
            return nil
        }
        return Range(
            firstRow: min(first.row, last.row), firstColumn: min(first.column, last.column),
            lastRow: max(first.row, last.row), lastColumn: max(first.column, last.column))
    }

    private static func parseCell(_ text: Substring) -> (row: Int, column: Int)? {
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        let digits = text.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0", let row = Int(digits)
        else { return nil }
        let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        guard row <= maxRows, column < maxColumns else { return nil }
        return (row - 1, column)
    }

    // MARK: XML

    /// The part's XML in three chunks: the elements before the rows, the rows, and the rest.
    ///
    /// Hands over the row buffer, so the part is spent afterwards.
    mutating func assembleXML(isSelected: Bool) -> [[UInt8]] {
        writer.writeDeclaration()
        writeWorksheetStart()
        writeSheetPr()
        writeDimension()
        writeSheetViews(isSelected: isSelected)
        writeSheetFormatPr()
        writeCols()
        let rows = sheetData.take()
        if rows.isEmpty {
            writer.emptyElement("sheetData")
        } else {
            writer.startElement("sheetData")
        }
        let head = writer.take()
        if !rows.isEmpty { writer.endElement("sheetData") }
        writeAutoFilter()
        writeMergeCells()
        writePageMargins()
        writer.endElement("worksheet")
        return [head, rows, writer.take()]
    }

    private mutating func writeWorksheetStart() {
        writer.startElement(
            "worksheet",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ])
    }

    private mutating func writeSheetPr() {
        guard let tabColor = options.tabColor, let argb = try? StylesPart.argb(tabColor) else { return }
        writer.startElement("sheetPr")
        writer.emptyElement("tabColor", ["rgb": argb])
        writer.endElement("sheetPr")
    }

    private mutating func writeDimension() {
        writer.emptyElement("dimension", ["ref": dimension])
    }

    private mutating func writeSheetViews(isSelected: Bool) {
        writer.startElement("sheetViews")
        writeSheetView(isSelected: isSelected)
        writer.endElement("sheetViews")
    }

    private mutating func writeSheetView(isSelected: Bool) {
        let frozen = options.freezeRows > 0 || options.freezeColumns > 0
        let attributes: KeyValuePairs<String, String> =
            isSelected ? ["tabSelected": "1", "workbookViewId": "0"] : ["workbookViewId": "0"]
        guard frozen else {
            writer.emptyElement("sheetView", attributes)
            return
        }
        writer.startElement("sheetView", attributes)
        writePane()
        writer.endElement("sheetView")
    }

    /// Writes the frozen `<pane>` and its `<selection>`s, as Excel does.
    private mutating func writePane() {
        let rows = options.freezeRows
        let columns = options.freezeColumns
        let topLeft = XMLWriter.cellReference(row: rows, column: columns)
        switch (rows > 0, columns > 0) {
        case (true, true):
            writer.emptyElement(
                "pane",
                [
                    "xSplit": String(columns), "ySplit": String(rows), "topLeftCell": topLeft,
                    "activePane": "bottomRight", "state": "frozen",
                ])
            let topRight = XMLWriter.cellReference(row: 0, column: columns)
            let bottomLeft = XMLWriter.cellReference(row: rows, column: 0)
            writeSelection(pane: "topRight", activeCell: topRight)
            writeSelection(pane: "bottomLeft", activeCell: bottomLeft)
            writeSelection(pane: "bottomRight", activeCell: nil)
        case (false, true):
            writer.emptyElement(
                "pane",
                ["xSplit": String(columns), "topLeftCell": topLeft, "activePane": "topRight", "state": "frozen"])
            writeSelection(pane: "topRight", activeCell: nil)
        default:
            writer.emptyElement(
                "pane", ["ySplit": String(rows), "topLeftCell": topLeft, "activePane": "bottomLeft", "state": "frozen"])
            writeSelection(pane: "bottomLeft", activeCell: nil)
        }
    }

    private mutating func writeSelection(pane: String, activeCell: String?) {
        if let activeCell {
            writer.emptyElement("selection", ["pane": pane, "activeCell": activeCell, "sqref": activeCell])
        } else {
            writer.emptyElement("selection", ["pane": pane])
        }
    }

    private mutating func writeSheetFormatPr() {
        writer.emptyElement("sheetFormatPr", ["defaultRowHeight": "15"])
    }

    private mutating func writeCols() {
        let widths = columnWidths
        guard !widths.isEmpty else { return }
        writer.startElement("cols")
        for (column, width) in widths {
            writeCol(column: column, width: width)
        }
        writer.endElement("cols")
    }

    private mutating func writeCol(column: Int, width: Double) {
        let number = String(column + 1)
        writer.emptyElement(
            "col",
            ["min": number, "max": number, "width": XMLWriter.numberText(Self.storedWidth(width)), "customWidth": "1"])
    }

    /// The stored `width` of a column `characters` wide as Excel shows it: Excel adds 5 pixels of
    /// padding to the digits (7 pixels each in Calibri 11) and keeps 1/256 of a character, so 20
    /// is stored as 20.7109375 (as Excel and XlsxWriter write it).
    static func storedWidth(_ characters: Double) -> Double {
        guard characters > 0 else { return 0 }
        let digit = 7.0
        let padding = 5.0
        let pixels =
            characters < 1 ? (characters * (digit + padding)).rounded() : (characters * digit).rounded() + padding
        return (pixels / digit * 256).rounded(.down) / 256
    }

    private mutating func writeAutoFilter() {
        guard let range = autoFilterRange else { return }
        writer.emptyElement("autoFilter", ["ref": range])
    }

    private mutating func writeMergeCells() {
        guard !merges.isEmpty else { return }
        writer.startElement("mergeCells", ["count": String(merges.count)])
        for range in merges {
            writeMergeCell(range)
        }
        writer.endElement("mergeCells")
    }

    private mutating func writeMergeCell(_ range: Range) {
        writer.emptyElement("mergeCell", ["ref": range.reference])
    }

    private mutating func writePageMargins() {
        writer.emptyElement(
            "pageMargins",
            ["left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"])
    }
}

extension CellValue {
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}

extension XMLWriter {
    /// Drops the bytes from `offset` on, to undo a partly written row.
    mutating func removeSuffix(from offset: Int) {
        bytes.removeSubrange(offset...)
    }
}
