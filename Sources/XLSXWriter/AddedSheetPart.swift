internal import XLSXCore

/// Maps `<worksheet>` for the sheet an amendment adds (``AddedSheet``): text as inline strings
/// (the workbook's shared strings stay untouched), formats appended to its styles, the first row
/// frozen, and links as `<hyperlink location>` to cells of the same workbook (no relationship).
struct AddedSheetPart {
    let sheet: AddedSheet
    let styles: StylesAmendment
    private var writer = XMLWriter()

    init(sheet: AddedSheet, styles: StylesAmendment) {
        self.sheet = sheet
        self.styles = styles
    }

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writer.startElement(
            "worksheet",
            ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "xmlns:r": AmendedPackage.relationshipsNamespace])
        // Printed one page wide (A4 landscape), as many pages long as it takes.
        writer.startElement("sheetPr")
        writer.emptyElement("pageSetUpPr", ["fitToPage": "1"])
        writer.endElement("sheetPr")
        writeSheetViews()
        writer.emptyElement("sheetFormatPr", ["defaultRowHeight": "15"])
        writeColumns()
        let links = writeSheetData()
        writeHyperlinks(links)
        writer.emptyElement(
            "pageMargins", ["left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"])
        writer.emptyElement("pageSetup", ["paperSize": "9", "orientation": "landscape", "fitToWidth": "1", "fitToHeight": "0"])
        writer.endElement("worksheet")
        return writer.take()
    }

    private mutating func writeSheetViews() {
        writer.startElement("sheetViews")
        writer.startElement("sheetView", ["workbookViewId": "0"])
        if sheet.rows.count > 1 {
            writer.emptyElement("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
        }
        writer.endElement("sheetView")
        writer.endElement("sheetViews")
    }

    private mutating func writeColumns() {
        guard !sheet.columnWidths.isEmpty else { return }
        writer.startElement("cols")
        for (offset, width) in sheet.columnWidths.enumerated() {
            let number = String(offset + 1)
            writer.emptyElement(
                "col", ["min": number, "max": number, "width": XMLWriter.numberText(min(max(width, 0), 255)), "customWidth": "1"])
        }
        writer.endElement("cols")
    }

    /// Writes the rows; returns each linked cell's reference and its target. The markup of a row
    /// and its cells is written piece by piece (issue 11): the references and style numbers need
    /// no escaping.
    private mutating func writeSheetData() -> [(ref: String, location: String, display: String)] {
        var links: [(ref: String, location: String, display: String)] = []
        // The formats looked up so far, by bold, link and fill: a Findings sheet's rows take the
        // same few (issue 11: looked up anew whenever a cell's differed from the one before it,
        // every other cell, about 1,000 instructions each).
        var formats: [(key: (Bool, Bool, String?), index: Int)] = []
        writer.startElement("sheetData")
        for (rowOffset, row) in sheet.rows.prefix(CellReference.maxRow).enumerated() {
            let lines = lineCount(row)
            writer.raw("<row r=\"")
            writer.appendInteger(rowOffset + 1)
            if lines > 1 {
                writer.raw("\" ht=\"")
                writer.appendNumber(Double(lines) * 15)
                writer.raw("\" customHeight=\"1")
            }
            writer.raw("\">")
            for (columnOffset, cell) in row.prefix(CellReference.maxColumn).enumerated() {
                // The format looked up again only when the cell's differs from the one before.
                let key = (cell.bold, cell.link != nil, cell.fill)
                let style: Int
                if let known = formats.first(where: { $0.key == key }) { style = known.index } else {
                    style = styles.plainFormat(bold: key.0, link: key.1, fill: key.2)
                    if formats.count < 16 { formats.append((key, style)) }
                }
                writer.raw("<c r=\"")
                writer.appendCellReference(row: rowOffset, column: columnOffset)
                writer.raw("\" s=\"")
                writer.appendInteger(style)
                switch cell.value {
                case .text(let text):
                    writer.raw("\" t=\"inlineStr\"><is>")
                    // No more characters than UTF-8 bytes: most texts are whole without counting them.
                    writer.writeT(text.utf8.count <= 32_767 ? text : String(text.prefix(32_767)))
                    writer.raw("</is></c>")
                    if let link = cell.link, (1...CellReference.maxRow).contains(link.row), (1...CellReference.maxColumn).contains(link.column) {
                        let ref = CellReference(row: rowOffset + 1, column: columnOffset + 1).description
                        let target = CellReference(row: link.row, column: link.column).description
                        let quoted = link.sheet.utf8.contains(UInt8(ascii: "'")) ? String(link.sheet.flatMap { $0 == "'" ? ["'", "'"] : [$0] }) : link.sheet
                        links.append((ref, "'\(quoted)'!\(target)", text))
                    }
                case .number(let number):
                    writer.raw("\"><v>")
                    writer.appendNumber(number.isFinite ? number : 0)
                    writer.raw("</v></c>")
                }
            }
            writer.endElement("row")
        }
        writer.endElement("sheetData")
        return links
    }

    /// The lines the row's wrapped text takes: each text's characters over its column's width
    /// (about one character per unit of width), at most 20.
    private func lineCount(_ row: [AddedSheet.Cell]) -> Int {
        var lines = 1
        for (offset, cell) in row.enumerated() {
            guard case .text(let text) = cell.value, offset < sheet.columnWidths.count else { continue }
            let width = max(Int(sheet.columnWidths[offset] * 1.1), 1)
            let needed = Self.simpleLineCount(text, width: width)
                ?? text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
            lines = max(lines, needed)
        }
        return min(lines, 20)
    }

    /// ``lineCount(_:)``'s count for one text, on Unicode scalars, when each scalar is one
    /// character: ASCII without a carriage return (which joins a following line feed), Latin and
    /// Greek letters (`Δ`), and the punctuation, currency, letter-like, arrow and mathematical symbols messages
    /// use; nil for a text with any other scalar (a combining mark, a joiner), which is counted by
    /// characters. Every finding's message goes through here (issue 11).
    static func simpleLineCount(_ text: String, width: Int) -> Int? {
        // On the text's own UTF-8 bytes, each scalar decoded where it starts (issue 11: through
        // the scalar view, a text with one `−` or `é` cost about 40 instructions a character).
        // Four-byte scalars lie outside every range counted here.
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var lines = 0, line = 0, i = 0
            let count = bytes.count
            while i < count {
                // Eight ASCII characters without a line break at a time.
                let plain = ByteWords.skip(bytes, from: i, while: isPlainLine)
                line += plain - i
                i = plain
                guard i < count else { break }
                let lead = bytes[i]
                let value: UInt32
                if lead < 0x80 {
                    value = UInt32(lead)
                    i += 1
                } else if lead >= 0xC2, lead <= 0xDF, i + 1 < count {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead >= 0xE0, lead <= 0xEF, i + 2 < count {
                    value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    return nil
                }
                switch value {
                case 10:
                    lines += max(1, (line + width - 1) / width)
                    line = 0
                case 13: return nil
                case 0..<0x80, 0xA0...0x2FF, 0x370...0x3FF, 0x2010...0x2027, 0x202F...0x205E, 0x2070...0x20CF, 0x2100...0x214F, 0x2190...0x23FF: line += 1
                default: return nil
                }
            }
            return lines + max(1, (line + width - 1) / width)
        }
    }

    /// Whether eight bytes are ASCII characters of one line (no line feed, no carriage return).
    @inline(__always)
    private static func isPlainLine(_ word: UInt64) -> Bool {
        !(ByteWords.hasHighByte(word) || ByteWords.contains(word, 10) || ByteWords.contains(word, 13))
    }

    private mutating func writeHyperlinks(_ links: [(ref: String, location: String, display: String)]) {
        guard !links.isEmpty else { return }
        writer.startElement("hyperlinks")
        for link in links {
            writer.emptyElement(
                "hyperlink",
                ["ref": link.ref, "location": link.location, "display": SpreadsheetLimits.clipped(link.display, to: SpreadsheetLimits.linkText)])
        }
        writer.endElement("hyperlinks")
    }
}
