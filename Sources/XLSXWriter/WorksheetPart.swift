internal import ZipIO

/// Maps `<worksheet>` in `xl/worksheets/sheetN.xml`, built one row at a time.
///
/// Rows go straight into the `<sheetData>` buffer as XML; no cell is kept. Once the buffer holds
/// `spoolThreshold` bytes (256 KiB) it moves to a spool file, so memory stays constant however many rows are
/// written. The elements before `<sheetData>` (dimension, column widths) depend on every row, so
/// they are written when the part is assembled and handed to the archive in front of the spooled
/// rows; the archive reads the spool back while it compresses the part.
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
    /// Row XML kept in memory before it moves to the spool file, in bytes.
    static let defaultSpoolThreshold = 256 * 1024

    /// Why a row, a cell or a sheet feature cannot be written.
    struct Problem: Error {
        var code: WorkbookWriterError.Code
        /// The 0-based column of the cell concerned, if any.
        var column: Int?
        var message: String
        /// The error that caused this one, such as a `ZipIOError` from the spool file.
        var underlying: (any Error & Sendable)?

        init(
            code: WorkbookWriterError.Code, column: Int? = nil, message: String,
            underlying: (any Error & Sendable)? = nil
        ) {
            self.code = code
            self.column = column
            self.message = message
            self.underlying = underlying
        }
    }

    /// The cell format last resolved in a column, so that a column of equal styles is looked up once.
    private struct ColumnFormat {
        /// The style as the cell gave it, before a date's default format.
        var style: CellStyle?
        var isDate = false
        var isResolved = false
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

        /// The layout of a format code's first section (before any `;`), read on its bytes: the
        /// code is looked at each time a column's style changes (issue 11: as characters, about
        /// 18,000 instructions a time).
        init(formatCode: String?) {
            guard let formatCode else {
                self = .general
                return
            }
            let all = formatCode.utf8
            let code = all[..<(all.firstIndex(of: UInt8(ascii: ";")) ?? all.endIndex)]
            if code.elementsEqual("General".utf8) {
                self = .general
                return
            }
            // y m d h s (either case), @ and a quoted text make a date, time or text format.
            if code.contains(where: Self.isTextMark) {
                self = .text(width: Substring(code).count)
                return
            }
            let fraction = code.firstIndex(of: UInt8(ascii: ".")).map { code[all.index(after: $0)...] } ?? code[code.endIndex...]
            self = .fixed(
                decimals: fraction.prefix { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "#") }.count,
                grouping: code.contains(UInt8(ascii: ",")), percent: code.contains(UInt8(ascii: "%")))
        }

        private static func isTextMark(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "m"), UInt8(ascii: "M"), UInt8(ascii: "d"), UInt8(ascii: "D"),
                 UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "@"), UInt8(ascii: "\""): true
            default: false
            }
        }
    }

    let options: SheetOptions
    let stringStorage: WorkbookOptions.StringStorage
    /// Row XML kept in memory before it moves to the spool file (small in tests).
    var spoolThreshold = Self.defaultSpoolThreshold
    /// The folder of the spool file; `$TMPDIR` or `/tmp` when `nil`.
    var spoolDirectory: String?
    /// Rows written so far, empty ones included: the next row's 0-based index.
    private(set) var rowCount = 0
    private var sheetData = XMLWriter(capacity: 64 * 1024)
    /// Each column's last shared text and its index (``SharedStringsPart/index(for:recent:)``); as
    /// long as `columnFormats`, grown with it.
    private var recentShared: [SharedStringsPart.Recent?] = []
    /// Rows moved out of memory, in order, before those still in `sheetData`.
    private var spool: ZipSpoolFile?
    /// Set when the spool file failed: the rows are incomplete and the part cannot be written.
    private(set) var spoolFailure: Problem?
    /// The range of written cells, if any.
    private(set) var usedRange: SheetRange?
    /// Estimated width in characters of the widest value per column, where not given.
    private var contentWidths: [Double] = []
    private var columnFormats: [ColumnFormat] = []

    // Sheet features, recorded until the part is assembled (see WorksheetPart+Features.swift).
    var merges: [SheetRange] = []
    var hyperlinks: [HyperlinkEntry] = []
    var notes: [Note] = []
    /// The cells holding a note (`row * maxColumns + column`): a note's cell is checked against
    /// this, not against every note before it (issue 11).
    var notedCells: Set<Int> = []
    var dataValidations: [DataValidationEntry] = []
    var conditionalFormats: [ConditionalFormatEntry] = []
    var tables: [TableEntry] = []

    var writer = XMLWriter()

    init(options: SheetOptions, stringStorage: WorkbookOptions.StringStorage) {
        self.options = options
        self.stringStorage = stringStorage
    }

    /// Row XML held in memory, and moved to the spool file, so far.
    var rowBytes: (buffered: Int, spooled: Int) { (sheetData.bytes.count, spool?.count ?? 0) }

    /// The range shown by `<dimension>`: the written cells, or `A1` for an empty sheet.
    var dimension: String { usedRange?.reference ?? "A1" }

    /// The autofilter's range, when the sheet asks for one and has cells.
    var autoFilterRange: String? { options.autoFilter ? usedRange?.reference : nil }

    // MARK: Rows

    /// Writes the next row; a row that throws is not written.
    mutating func writeRow(
        _ cells: [Cell], height: Double?, styles: inout StylesPart, sharedStrings: inout SharedStringsPart
    ) throws(Problem) {
        if let spoolFailure { throw spoolFailure }
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
        if !tables.isEmpty { try checkTableHeaders(in: cells) }
        if sheetData.bytes.count >= spoolThreshold { try spillRows() }
        if columnFormats.count < cells.count {
            columnFormats.append(contentsOf: repeatElement(ColumnFormat(), count: cells.count - columnFormats.count))
            recentShared.append(contentsOf: repeatElement(nil, count: cells.count - recentShared.count))
        }
        let rowStart = sheetData.bytes.count
        var firstColumn = -1
        var lastColumn = 0
        do {
            for column in cells.indices {
                if case .empty = cells[column].value, cells[column].style == nil { continue }
                if firstColumn < 0 {
                    writeRowStart(height: height)
                    firstColumn = column
                }
                try writeCell(cells[column], column: column, styles: &styles, sharedStrings: &sharedStrings)
                lastColumn = column
            }
        } catch {
            sheetData.removeSuffix(from: rowStart)
            throw error
        }
        if firstColumn >= 0 {
            sheetData.raw("</row>")
            extendUsedRange(row: rowCount, firstColumn: firstColumn, lastColumn: lastColumn)
        } else if height != nil {
            writeRowStart(height: height, empty: true)
        }
        rowCount += 1
    }

    /// Moves the rows written so far to the spool file.
    private mutating func spillRows() throws(Problem) {
        do throws(ZipIOError) {
            if spool == nil { spool = try ZipSpoolFile(directory: spoolDirectory) }
            try spool?.append(sheetData.bytes)
        } catch {
            let failure = Problem(
                code: .archiveFailed, message: "cannot keep rows in a spool file: \(error.message)", underlying: error)
            spoolFailure = failure
            throw failure
        }
        sheetData.removeAll()
    }

    private mutating func extendUsedRange(row: Int, firstColumn: Int, lastColumn: Int) {
        guard var range = usedRange else {
            usedRange = SheetRange(firstRow: row, firstColumn: firstColumn, lastRow: row, lastColumn: lastColumn)
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
        let isDate: Bool
        switch cell.value {
        case .date:
            isDate = true
        case .formula(_, let cached):
            if case .formula = cached {
                throw Problem(
                    code: .invalidValue, column: column, message: "a formula's cached value cannot be a formula")
            }
            isDate = cached.isDate
        default:
            isDate = false
        }
        try resolveFormat(cell.style, isDate: isDate, column: column, styles: &styles)
        let measures = needsWidth(column)

        sheetData.raw("<c r=\"")
        sheetData.appendColumnLetters(column)
        sheetData.appendDigits(UInt64(rowCount + 1))
        let formatIndex = columnFormats[column].formatIndex
        if formatIndex != 0 {
            sheetData.raw("\" s=\"")
            sheetData.appendDigits(UInt64(formatIndex))
        }
        switch cell.value {
        case .formula(let formula, let cached):
            let width = try writeFormula(formula, cached: cached, column: column, measures: measures)
            if measures { recordWidth(width, column: column) }
        case .string(let string):
            try checkLength(string, column: column)
            if stringStorage == .shared {
                sheetData.raw("\" t=\"s\"><v>")
                sheetData.appendDigits(UInt64(sharedStrings.index(for: string, recent: &recentShared[column])))
                sheetData.raw("</v></c>")
            } else {
                sheetData.raw("\" t=\"inlineStr\"><is>")
                sheetData.writeT(string)
                sheetData.raw("</is></c>")
            }
            if measures { recordWidth(of: string, column: column) }
        case .empty:
            sheetData.raw("\"/>")
        case .bool:
            sheetData.raw("\" t=\"b\"><v>")
            let width = try writeScalar(cell.value, column: column, measures: measures)
            sheetData.raw("</v></c>")
            if measures { recordWidth(width, column: column) }
        default:
            sheetData.raw("\"><v>")
            let width = try writeScalar(cell.value, column: column, measures: measures)
            sheetData.raw("</v></c>")
            if measures { recordWidth(width, column: column) }
        }
    }

    /// Writes the rest of a formula cell; returns the cached value's estimated width.
    private mutating func writeFormula(
        _ formula: String, cached: CellValue, column: Int, measures: Bool
    ) throws(Problem) -> Int {
        let text = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
        guard text.utf16.count <= 8_192 else {
            throw Problem(code: .invalidValue, column: column, message: "formula longer than 8,192 characters")
        }
        switch cached {
        case .string(let string):
            try checkLength(string, column: column)
            sheetData.raw("\" t=\"str\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f><v>")
            sheetData.appendEscaped(string, inAttribute: false)
            sheetData.raw("</v></c>")
            return measures ? Self.displayWidth(of: string) : 0
        case .empty:
            sheetData.raw("\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f></c>")
            return 0
        default:
            sheetData.raw(cached.isBool ? "\" t=\"b\"><f>" : "\"><f>")
            sheetData.appendEscaped(text, inAttribute: false)
            sheetData.raw("</f><v>")
            let width = try writeScalar(cached, column: column, measures: measures)
            sheetData.raw("</v></c>")
            return width
        }
    }

    /// Writes the text of a number, decimal, date or boolean; returns its estimated width when
    /// `measures`, else 0.
    private mutating func writeScalar(_ value: CellValue, column: Int, measures: Bool) throws(Problem) -> Int {
        switch value {
        case .number(let number):
            guard number.isFinite else {
                throw Problem(code: .invalidValue, column: column, message: "number \(number) is not finite")
            }
            let start = sheetData.bytes.count
            sheetData.appendNumber(number)
            guard measures else { return 0 }
            return Self.displayWidth(
                of: number, textWidth: sheetData.bytes.count - start, layout: columnFormats[column].layout)
        case .decimal(let text):
            guard Self.isDecimal(text) else {
                throw Problem(code: .invalidValue, column: column, message: "'\(text)' is not a decimal number")
            }
            sheetData.rawText(text)
            guard measures else { return 0 }
            let layout = columnFormats[column].layout
            let number = if case .fixed = layout { Double(text) ?? 0 } else { 0.0 }
            return Self.displayWidth(of: number, textWidth: text.utf8.count, layout: layout)
        case .date(let year, let month, let day):
            guard let serial = CellValue.SerialCalendar.serial(year: year, month: month, day: day) else {
                throw Problem(
                    code: .invalidValue, column: column,
                    message: "\(year)-\(month)-\(day) is not a date from 1900-01-01 to 9999-12-31")
            }
            sheetData.appendInteger(serial)
            if case .text(let width) = columnFormats[column].layout { return width }
            return 10
        case .bool(let flag):
            sheetData.bytes.append(flag ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            return 5
        case .empty, .string, .formula:
            preconditionFailure("not a scalar: \(value)")
        }
    }

    private func checkLength(_ string: String, column: Int) throws(Problem) {
        // A string has no more UTF-16 code units than UTF-8 bytes, and the byte count is stored.
        guard string.utf8.count > Self.maxStringLength else { return }
        let length = string.utf16.count
        guard length <= Self.maxStringLength else {
            throw Problem(
                code: .stringTooLong, column: column,
                message: "string of \(length) characters exceeds Excel's limit of \(Self.maxStringLength)")
        }
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`, the decimal text written verbatim into `<v>`.
    static func isDecimal(_ text: String) -> Bool {
        // By index on the contiguous bytes (issue 11: on slices of the UTF-8 view, about 800
        // instructions a number, and every amount of the consolidated workbook is checked).
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var i = 0
            func digits() -> Bool {
                let start = i
                while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
                return i > start
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return false }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() else { return false }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() else { return false }
            }
            return i == bytes.count
        }
    }

    // MARK: Styles and widths

    /// Resolves the cell format of a cell into `columnFormats[column]`, looking it up only when
    /// the column's last style differs.
    @inline(__always)
    private mutating func resolveFormat(
        _ style: CellStyle?, isDate: Bool, column: Int, styles: inout StylesPart
    ) throws(Problem) {
        if columnFormats[column].isResolved, columnFormats[column].isDate == isDate,
            columnFormats[column].style == style
        {
            return
        }
        try lookUpFormat(style, isDate: isDate, column: column, styles: &styles)
    }

    /// Dates without a number format get `yyyy-mm-dd`.
    private mutating func lookUpFormat(
        _ style: CellStyle?, isDate: Bool, column: Int, styles: inout StylesPart
    ) throws(Problem) {
        var effective = style
        if isDate, effective?.numberFormat == nil {
            effective = effective ?? CellStyle()
            effective!.numberFormat = "yyyy-mm-dd"
        }
        var formatIndex = 0
        if let effective {
            do {
                formatIndex = try styles.formatIndex(for: effective)
            } catch {
                throw Problem(code: .invalidStyle, column: column, message: error.message)
            }
        }
        columnFormats[column] = ColumnFormat(
            style: style, isDate: isDate, isResolved: true, formatIndex: formatIndex,
            layout: NumberLayout(formatCode: effective?.numberFormat),
            widthFactor: effective?.bold == true ? 1.1 : 1.0)
    }

    private func needsWidth(_ column: Int) -> Bool {
        column >= options.columnWidths.count || options.columnWidths[column] == nil
    }

    /// Records a value `characters` wide in `column`, widened for bold text.
    private mutating func recordWidth(_ characters: Int, column: Int) {
        guard characters > 0 else { return }
        let width = (Double(characters) * columnFormats[column].widthFactor).rounded()
        while contentWidths.count <= column { contentWidths.append(0) }
        if width > contentWidths[column] { contentWidths[column] = width }
    }

    /// Records the width of `string`, measuring it only when it could be the column's widest.
    private mutating func recordWidth(of string: String, column: Int) {
        // Characters never outnumber UTF-8 bytes, whose count is stored.
        let bound = (Double(string.utf8.count) * columnFormats[column].widthFactor).rounded()
        if column < contentWidths.count, bound <= contentWidths[column] { return }
        recordWidth(Self.displayWidth(of: string), column: column)
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

    // MARK: XML

    /// The part's XML, ready for the archive: the elements before the rows, the rows (spooled
    /// ones first), and the rest.
    ///
    /// `notesNumber` names the sheet's comments part when it has notes (`xl/comments1.xml`…).
    /// Hands over the rows, so the part is spent afterwards.
    mutating func assembleXML(isSelected: Bool, notesNumber: Int = 1) -> PartBytes {
        writer.writeDeclaration()
        writeWorksheetStart()
        writeSheetPr()
        writeDimension()
        writeSheetViews(isSelected: isSelected)
        writeSheetFormatPr()
        writeCols()
        let hasRows = spool != nil || !sheetData.bytes.isEmpty
        if hasRows {
            writer.startElement("sheetData")
        } else {
            writer.emptyElement("sheetData")
        }
        var segments: [ZipArchiveWriter.Segment] = [.bytes(writer.take())]
        if let spool { segments.append(.spool(spool)) }
        spool = nil
        if !sheetData.bytes.isEmpty { segments.append(.bytes(sheetData.take())) }
        if hasRows { writer.endElement("sheetData") }
        // ECMA-376 CT_Worksheet order from here: autoFilter, mergeCells, conditionalFormatting,
        // dataValidations, hyperlinks, pageMargins, pageSetup, headerFooter, legacyDrawing, tableParts.
        writeAutoFilter()
        writeMergeCells()
        writeConditionalFormatting()
        writeDataValidations()
        writeHyperlinks()
        writePageMargins()
        writePageSetup()
        writeHeaderFooter()
        writeLegacyDrawing()
        writeTableParts()
        writer.endElement("worksheet")
        segments.append(.bytes(writer.take()))
        return PartBytes(segments: segments)
    }

    private mutating func writeWorksheetStart() {
        writer.startElement(
            "worksheet",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ])
    }

    // CT_SheetPr order: tabColor, outlinePr, pageSetUpPr.
    private mutating func writeSheetPr() {
        let tabColor = options.tabColor.flatMap { try? StylesPart.argb($0) }
        let fits = options.fitToWidth || options.fitToPage
        guard tabColor != nil || fits else { return }
        writer.startElement("sheetPr")
        if let tabColor { writer.emptyElement("tabColor", ["rgb": tabColor]) }
        if fits { writer.emptyElement("pageSetUpPr", ["fitToPage": "1"]) }
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

    private mutating func writePageMargins() {
        let m = options.margins ?? .normal
        writer.emptyElement(
            "pageMargins",
            [
                "left": XMLWriter.numberText(m.left), "right": XMLWriter.numberText(m.right),
                "top": XMLWriter.numberText(m.top), "bottom": XMLWriter.numberText(m.bottom),
                "header": XMLWriter.numberText(m.header), "footer": XMLWriter.numberText(m.footer),
            ])
    }

    /// Paper, landscape and fit-to-page printing: one page wide and as tall as needed
    /// (`fitToHeight="0"`), or the whole sheet on one page (both default to 1).
    private mutating func writePageSetup() {
        var attributes: [(key: String, value: String)] = []
        if let paper = options.paperSize { attributes.append(("paperSize", String(paper.rawValue))) }
        if options.fitToWidth, !options.fitToPage { attributes.append(("fitToHeight", "0")) }
        if options.landscape { attributes.append(("orientation", "landscape")) }
        guard !attributes.isEmpty else { return }
        writer.emptyElement("pageSetup", attributes: attributes)
    }

    /// `<headerFooter>`: the same header and footer on every page.
    mutating func writeHeaderFooter() {
        guard options.pageHeader != nil || options.pageFooter != nil else { return }
        writer.startElement("headerFooter")
        if let header = options.pageHeader { writer.textElement("oddHeader", text: header) }
        if let footer = options.pageFooter { writer.textElement("oddFooter", text: footer) }
        writer.endElement("headerFooter")
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
