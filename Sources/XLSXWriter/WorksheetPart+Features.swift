/// Sheet features that annotate ranges rather than hold values: merged cells, hyperlinks, notes,
/// data validations, conditional formats and tables. Each is checked when it is added and kept until
/// the part is assembled, as the elements that follow `<sheetData>` and the sheet's relationships.
extension WorksheetPart {
    struct HyperlinkEntry {
        var range: SheetRange
        var target: Hyperlink
        var tooltip: String?
    }

    /// A cell note (a comment, in SpreadsheetML's words).
    struct Note {
        var row: Int
        var column: Int
        var text: String
        var author: String
    }

    struct DataValidationEntry {
        var range: SheetRange
        var validation: DataValidation
        /// `<formula1>`: the quoted list or the range.
        var formula: String
    }

    struct ConditionalFormatEntry {
        var range: SheetRange
        var format: ConditionalFormat
        /// The differential format of a cell-value rule.
        var differentialFormat: Int?
    }

    struct TableEntry {
        var range: SheetRange
        var table: Table
        var name: String
        /// The table's number in the workbook: its id, and its part `xl/tables/tableN.xml`.
        var number: Int
    }

    static let maxHyperlinks = 65_530

    // MARK: Merged cells

    /// Records a merged range such as `A1:D1`.
    mutating func mergeCells(_ reference: String) throws(Problem) {
        guard reference.contains(":"), let range = SheetRange(reference) else {
            throw Problem(
                code: .invalidMergeRange, message: "'\(reference)' is not a range such as A1:D1 within XFD1048576")
        }
        guard !range.isSingleCell else {
            throw Problem(code: .invalidMergeRange, message: "merge range '\(reference)' is a single cell")
        }
        if let other = merges.first(where: { $0.overlaps(range) }) {
            throw Problem(
                code: .invalidMergeRange,
                message: "merge range \(range.reference) overlaps merged range \(other.reference)")
        }
        if let table = tables.first(where: { $0.range.overlaps(range) }) {
            throw Problem(
                code: .invalidMergeRange,
                message: "merge range \(range.reference) overlaps table '\(table.name)' (\(table.range.reference))")
        }
        merges.append(range)
    }

    // MARK: Hyperlinks

    /// Records a hyperlink over a cell or range; a link to a sheet is checked when the workbook closes.
    mutating func addHyperlink(at reference: String, to target: Hyperlink, tooltip: String?) throws(Problem) {
        func invalid(_ reason: String) -> Problem { Problem(code: .invalidHyperlink, message: reason) }
        guard let range = SheetRange(reference) else {
            throw invalid("'\(reference)' is not a cell or range such as B4 or B4:C4 within XFD1048576")
        }
        guard hyperlinks.count < Self.maxHyperlinks else {
            throw invalid("more than \(Self.maxHyperlinks) hyperlinks in a sheet")
        }
        if let tooltip, tooltip.utf8.count > 255, tooltip.utf16.count > 255 {
            throw invalid("tooltip of \(tooltip.utf16.count) characters exceeds Excel's limit of 255")
        }
        switch target {
        case .url(let address):
            guard address.utf16.count <= Hyperlink.maxURLLength else {
                throw invalid(
                    "address of \(address.utf16.count) characters exceeds Excel's limit of \(Hyperlink.maxURLLength)")
            }
            guard Self.hasScheme(address), !address.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw invalid("'\(address)' is not an address such as https://www.itu.int/ or mailto:rbm@itu.int")
            }
            hyperlinks.append(HyperlinkEntry(range: range, target: .url(Self.escapedURL(address)), tooltip: tooltip))
        case .cell(let sheet, let cell):
            guard let destination = SheetRange(cell) else {
                throw invalid("'\(cell)' is not a cell or range such as A1 or A1:B4 within XFD1048576")
            }
            hyperlinks.append(
                HyperlinkEntry(range: range, target: .cell(sheet: sheet, reference: destination.reference), tooltip: tooltip))
        }
    }

    /// Whether `address` starts with a URI scheme such as `https:` or `mailto:`.
    private static func hasScheme(_ address: String) -> Bool {
        let scheme = address.utf8.prefix { $0 != UInt8(ascii: ":") }
        guard scheme.count < address.utf8.count, let first = scheme.first, Self.isASCIILetter(first) else {
            return false
        }
        return scheme.allSatisfy { byte in
            Self.isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Percent-escapes the characters Excel escapes in an address, unless it is escaped already.
    static func escapedURL(_ address: String) -> String {
        let bytes = Array(address.utf8)
        let isEscaped = bytes.indices.contains { index in
            bytes[index] == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[(index + 1)...(index + 2)].allSatisfy { Character(Unicode.Scalar($0)).isHexDigit }
        }
        if isEscaped { return address }
        var escaped = ""
        for character in address {
            switch character {
            case "%": escaped += "%25"
            case "\"": escaped += "%22"
            case " ": escaped += "%20"
            case "<": escaped += "%3c"
            case ">": escaped += "%3e"
            case "[": escaped += "%5b"
            case "]": escaped += "%5d"
            case "^": escaped += "%5e"
            case "`": escaped += "%60"
            case "{": escaped += "%7b"
            case "}": escaped += "%7d"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The sheets that the hyperlinks lead to, to be checked against the workbook's sheets.
    var linkedSheets: [String] {
        hyperlinks.compactMap { link in
            if case .cell(let sheet, _) = link.target { return sheet }
            return nil
        }
    }

    private var externalLinkCount: Int {
        hyperlinks.count(where: { if case .url = $0.target { true } else { false } })
    }

    // MARK: Notes

    /// Records a note on one cell.
    mutating func addNote(at reference: String, text: String, author: String) throws(Problem) {
        func invalid(_ reason: String) -> Problem { Problem(code: .invalidNote, message: reason) }
        guard let cell = SheetRange(reference), cell.isSingleCell else {
            throw invalid("'\(reference)' is not a cell such as B4 within XFD1048576")
        }
        guard !text.isEmpty else { throw invalid("note on \(cell.reference) is empty") }
        guard text.utf8.count <= Self.maxStringLength || text.utf16.count <= Self.maxStringLength else {
            throw Problem(
                code: .stringTooLong,
                message: "note of \(text.utf16.count) characters exceeds Excel's limit of \(Self.maxStringLength)")
        }
        guard author.utf16.count <= 255 else {
            throw invalid("author of \(author.utf16.count) characters exceeds Excel's limit of 255")
        }
        guard notedCells.insert(cell.firstRow * Self.maxColumns + cell.firstColumn).inserted else {
            throw invalid("cell \(cell.reference) already has a note")
        }
        notes.append(Note(row: cell.firstRow, column: cell.firstColumn, text: text, author: author))
    }

    // MARK: Data validations

    /// Records a data validation over a cell or range.
    mutating func addDataValidation(_ reference: String, _ validation: DataValidation) throws(Problem) {
        func invalid(_ reason: String) -> Problem { Problem(code: .invalidDataValidation, message: reason) }
        guard let range = SheetRange(reference) else {
            throw invalid("'\(reference)' is not a cell or range such as C2:C100 within XFD1048576")
        }
        if let title = validation.errorTitle, title.utf16.count > 32 {
            throw invalid("error title of \(title.utf16.count) characters exceeds Excel's limit of 32")
        }
        if let message = validation.errorMessage, message.utf16.count > 255 {
            throw invalid("error message of \(message.utf16.count) characters exceeds Excel's limit of 255")
        }
        let formula: String
        switch validation.source {
        case .values(let values):
            guard !values.isEmpty else { throw invalid("a list needs at least one value") }
            if let value = values.first(where: { $0.contains(",") }) {
                throw invalid("list value '\(value)' contains a comma, which Excel reads as a separator")
            }
            let list = values.joined(separator: ",")
            guard list.utf16.count <= 255 else {
                throw invalid(
                    "list of \(list.utf16.count) characters exceeds Excel's limit of 255; put the values in cells and use list(range:)")
            }
            formula = "\"" + list.replacing("\"", with: "\"\"") + "\""
        case .range(let source):
            let text = source.hasPrefix("=") ? String(source.dropFirst()) : source
            guard !text.isEmpty, text.utf16.count <= 255 else {
                throw invalid("list source must have 1 to 255 characters, not \(text.utf16.count)")
            }
            formula = text
        }
        dataValidations.append(DataValidationEntry(range: range, validation: validation, formula: formula))
    }

    // MARK: Conditional formats

    /// Records a conditional format over a cell or range; rules take priority in the order added.
    mutating func addConditionalFormat(
        _ reference: String, _ format: ConditionalFormat, styles: inout StylesPart
    ) throws(Problem) {
        func invalid(_ reason: String) -> Problem { Problem(code: .invalidConditionalFormat, message: reason) }
        guard let range = SheetRange(reference) else {
            throw invalid("'\(reference)' is not a cell or range such as C2:C100 within XFD1048576")
        }
        var style: CellStyle?
        switch format {
        case .cellValue(_, let formula, let ruleStyle):
            guard !Self.formulaText(formula).isEmpty else { throw invalid("the rule's formula is empty") }
            style = ruleStyle
        case .cellValueBetween(let low, let high, let ruleStyle):
            guard !Self.formulaText(low).isEmpty, !Self.formulaText(high).isEmpty else {
                throw invalid("the rule's formula is empty")
            }
            style = ruleStyle
        case .threeColorScale(let low, let middle, let high):
            for color in [low, middle, high] where (try? StylesPart.argb(color)) == nil {
                throw invalid("colour '\(color)' is not hex RRGGBB or AARRGGBB")
            }
        }
        var differentialFormat: Int?
        if let style {
            do {
                differentialFormat = try styles.differentialFormatIndex(for: style)
            } catch {
                throw invalid(error.message)
            }
        }
        conditionalFormats.append(
            ConditionalFormatEntry(range: range, format: format, differentialFormat: differentialFormat))
    }

    /// A formula as written in XML: without its leading `=`.
    static func formulaText(_ formula: String) -> String {
        formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
    }

    // MARK: Tables

    /// Excel's built-in table styles: `TableStyleLight1`…21, `TableStyleMedium1`…28, `TableStyleDark1`…11.
    static func isBuiltInTableStyle(_ style: String) -> Bool {
        for (family, count) in [("TableStyleLight", 21), ("TableStyleMedium", 28), ("TableStyleDark", 11)]
        where style.hasPrefix(family) {
            let number = style.dropFirst(family.count)
            return number.first != "0" && Int(number).map { (1...count).contains($0) } ?? false
        }
        return false
    }

    /// Records a table named `name` (checked by the workbook) with the workbook-wide `number`.
    ///
    /// When the header row is still to be written, its cells are checked against the column names
    /// as it is written.
    mutating func addTable(_ table: Table, name: String, number: Int) throws(Problem) {
        func invalid(_ reason: String) -> Problem {
            Problem(code: .invalidTable, message: "table '\(name)': \(reason)")
        }
        guard table.range.contains(":"), let range = SheetRange(table.range) else {
            throw invalid("'\(table.range)' is not a range such as A1:D20 within XFD1048576")
        }
        guard range.rowCount >= 2 else { throw invalid("needs a header row and at least one row of data") }
        guard table.columns.count == range.columnCount else {
            throw invalid("\(table.columns.count) column names for the \(range.columnCount) columns of \(range.reference)")
        }
        var seen = Set<String>()
        for column in table.columns {
            guard !column.isEmpty, column.utf16.count <= 255 else {
                throw invalid("column names must have 1 to 255 characters")
            }
            guard seen.insert(column.lowercased()).inserted else {
                throw invalid("column name '\(column)' is used twice (names ignore case)")
            }
        }
        guard Self.isBuiltInTableStyle(table.style) else {
            throw invalid("'\(table.style)' is not a built-in style such as TableStyleMedium2")
        }
        guard !options.autoFilter else {
            throw invalid("the sheet has an autofilter, and a table brings its own; drop SheetOptions.autoFilter")
        }
        if let other = tables.first(where: { $0.range.overlaps(range) }) {
            throw invalid("\(range.reference) overlaps table '\(other.name)' (\(other.range.reference))")
        }
        if let merge = merges.first(where: { $0.overlaps(range) }) {
            throw invalid("\(range.reference) overlaps merged range \(merge.reference)")
        }
        tables.append(TableEntry(range: range, table: table, name: name, number: number))
    }

    /// Checks that a row which is the header of a table added before it holds the table's column
    /// names, as text: Excel repairs a table whose header cells differ from its columns.
    func checkTableHeaders(in cells: [Cell]) throws(Problem) {
        for table in tables where table.range.firstRow == rowCount {
            for (offset, name) in table.table.columns.enumerated() {
                let column = table.range.firstColumn + offset
                let value = column < cells.count ? cells[column].value : .empty
                guard case .string(let text) = value, text == name else {
                    throw Problem(
                        code: .invalidTable, column: column,
                        message: "table '\(table.name)' names this column '\(name)', so its header cell must hold that text")
                }
            }
        }
    }

    // MARK: Relationships

    /// The sheet's relationships, or `nil` when it has none, in XlsxWriter's order: external
    /// hyperlinks, the VML drawing of the notes, tables, then the comments part.
    func relationships(notesNumber: Int) -> RelationshipsPart? {
        var part = RelationshipsPart()
        for link in hyperlinks {
            if case .url(let address) = link.target { part.add(.hyperlink, target: address, isExternal: true) }
        }
        if !notes.isEmpty { part.add(.vmlDrawing, target: "../drawings/vmlDrawing\(notesNumber).vml") }
        for table in tables {
            part.add(.table, target: "../tables/table\(table.number).xml")
        }
        if !notes.isEmpty { part.add(.comments, target: "../comments\(notesNumber).xml") }
        return part.isEmpty ? nil : part
    }

    // MARK: XML

    mutating func writeMergeCells() {
        guard !merges.isEmpty else { return }
        writer.startElement("mergeCells", ["count": String(merges.count)])
        for range in merges {
            writer.emptyElement("mergeCell", ["ref": range.reference])
        }
        writer.endElement("mergeCells")
    }

    /// One `<conditionalFormatting>` per range, in order of first use; priorities in order added.
    mutating func writeConditionalFormatting() {
        var ranges: [SheetRange] = []
        for entry in conditionalFormats where !ranges.contains(entry.range) {
            ranges.append(entry.range)
        }
        for range in ranges {
            writer.startElement("conditionalFormatting", ["sqref": range.reference])
            for (offset, entry) in conditionalFormats.enumerated() where entry.range == range {
                writeCfRule(entry, priority: offset + 1)
            }
            writer.endElement("conditionalFormatting")
        }
    }

    private mutating func writeCfRule(_ entry: ConditionalFormatEntry, priority: Int) {
        let dxfID = entry.differentialFormat.map(String.init) ?? "0"
        switch entry.format {
        case .cellValue(let comparison, let formula, _):
            writer.startElement(
                "cfRule",
                ["type": "cellIs", "dxfId": dxfID, "priority": String(priority), "operator": comparison.rawValue])
            writer.textElement("formula", text: Self.formulaText(formula))
            writer.endElement("cfRule")
        case .cellValueBetween(let low, let high, _):
            writer.startElement(
                "cfRule", ["type": "cellIs", "dxfId": dxfID, "priority": String(priority), "operator": "between"])
            writer.textElement("formula", text: Self.formulaText(low))
            writer.textElement("formula", text: Self.formulaText(high))
            writer.endElement("cfRule")
        case .threeColorScale(let low, let middle, let high):
            writer.startElement("cfRule", ["type": "colorScale", "priority": String(priority)])
            writeColorScale([low, middle, high])
            writer.endElement("cfRule")
        }
    }

    // CT_ColorScale: the value objects, then one colour each.
    private mutating func writeColorScale(_ colors: [String]) {
        writer.startElement("colorScale")
        writer.emptyElement("cfvo", ["type": "min", "val": "0"])
        writer.emptyElement("cfvo", ["type": "percentile", "val": "50"])
        writer.emptyElement("cfvo", ["type": "max", "val": "0"])
        for color in colors {
            writer.emptyElement("color", ["rgb": (try? StylesPart.argb(color)) ?? color])
        }
        writer.endElement("colorScale")
    }

    mutating func writeDataValidations() {
        guard !dataValidations.isEmpty else { return }
        writer.startElement("dataValidations", ["count": String(dataValidations.count)])
        for entry in dataValidations {
            writeDataValidation(entry)
        }
        writer.endElement("dataValidations")
    }

    private mutating func writeDataValidation(_ entry: DataValidationEntry) {
        var attributes: [(key: String, value: String)] = [("type", "list")]
        if entry.validation.allowBlank { attributes.append(("allowBlank", "1")) }
        attributes += [("showInputMessage", "1"), ("showErrorMessage", "1")]
        if let title = entry.validation.errorTitle { attributes.append(("errorTitle", title)) }
        if let message = entry.validation.errorMessage { attributes.append(("error", message)) }
        attributes.append(("sqref", entry.range.reference))
        writer.startElement("dataValidation", attributes: attributes)
        writer.textElement("formula1", text: entry.formula)
        writer.endElement("dataValidation")
    }

    mutating func writeHyperlinks() {
        guard !hyperlinks.isEmpty else { return }
        writer.startElement("hyperlinks")
        var external = 0
        // Links point into a few sheets, one after another: each name is quoted once a run of them.
        var last: (sheet: String, prefix: String)?
        for link in hyperlinks {
            var attributes: [(key: String, value: String)] = [("ref", link.range.reference)]
            switch link.target {
            case .url:
                external += 1
                attributes.append(("r:id", "rId\(external)"))
            case .cell(let sheet, let reference):
                let prefix: String
                if let last, last.sheet == sheet { prefix = last.prefix } else {
                    prefix = WorkbookPart.quotedSheetName(sheet) + "!"
                    last = (sheet, prefix)
                }
                attributes.append(("location", prefix + reference))
            }
            if let tooltip = link.tooltip { attributes.append(("tooltip", tooltip)) }
            writer.emptyElement("hyperlink", attributes: attributes)
        }
        writer.endElement("hyperlinks")
    }

    /// Points at the VML drawing that Excel needs to show the notes.
    mutating func writeLegacyDrawing() {
        guard !notes.isEmpty else { return }
        writer.emptyElement("legacyDrawing", ["r:id": "rId\(externalLinkCount + 1)"])
    }

    mutating func writeTableParts() {
        guard !tables.isEmpty else { return }
        let first = externalLinkCount + (notes.isEmpty ? 0 : 1) + 1
        writer.startElement("tableParts", ["count": String(tables.count)])
        for offset in tables.indices {
            writer.emptyElement("tablePart", ["r:id": "rId\(first + offset)"])
        }
        writer.endElement("tableParts")
    }
}
