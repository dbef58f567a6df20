/// Maps `<xml>` in `xl/drawings/vmlDrawingN.vml`: the boxes Excel shows a sheet's notes in.
///
/// VML is a legacy format, but Excel still needs it to show notes. The layout follows XlsxWriter:
/// each box is hidden, 128 × 74 pixels, anchored one column right of its cell and a little above
/// it. Anchors count column widths as the sheet sets or estimates them, and rows at the default
/// height (20 pixels).
struct VMLDrawingPart {
    /// The notes, by row and then column (as `CommentsPart` lists them).
    var notes: [WorksheetPart.Note]
    /// The first of the drawing's blocks of 1,024 shape ids (`o:idmap`); shape ids follow on from
    /// `1024 × firstBlock`.
    var firstBlock: Int
    /// Each column's width in pixels, from the sheet's column widths.
    var columnPixels: [Int: Int]

    private var writer = XMLWriter()

    static let defaultColumnPixels = 64
    static let rowPixels = 20
    static let noteWidth = 128
    static let noteHeight = 74

    init(notes: [WorksheetPart.Note], firstBlock: Int, columnWidths: [(column: Int, width: Double)]) {
        self.notes = notes.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        self.firstBlock = firstBlock
        self.columnPixels = Dictionary(
            uniqueKeysWithValues: columnWidths.map { ($0.column, Self.pixels(forCharacters: $0.width)) })
    }

    static func name(_ number: Int) -> String { "xl/drawings/vmlDrawing\(number).vml" }

    /// The blocks of 1,024 shape ids that `count` notes take, as XlsxWriter counts them.
    static func blockCount(notes count: Int) -> Int { (1024 + count) / 1024 }

    /// A column `characters` wide in pixels, in Calibri 11 (see `WorksheetPart.storedWidth`).
    static func pixels(forCharacters characters: Double) -> Int {
        characters < 1 ? Int((characters * 12).rounded()) : Int((characters * 7).rounded()) + 5
    }

    mutating func assembleXML() -> [UInt8] {
        writer.startElement(
            "xml",
            [
                "xmlns:v": "urn:schemas-microsoft-com:vml", "xmlns:o": "urn:schemas-microsoft-com:office:office",
                "xmlns:x": "urn:schemas-microsoft-com:office:excel",
            ])
        writeShapeLayout()
        writeShapeType()
        for (offset, note) in notes.enumerated() {
            writeShape(note, number: offset + 1)
        }
        writer.endElement("xml")
        return writer.take()
    }

    private mutating func writeShapeLayout() {
        let blocks = (0..<Self.blockCount(notes: notes.count)).map { String(firstBlock + $0) }
        writer.startElement("o:shapelayout", ["v:ext": "edit"])
        writer.emptyElement("o:idmap", ["v:ext": "edit", "data": blocks.joined(separator: ",")])
        writer.endElement("o:shapelayout")
    }

    /// The text-box shape type (202) every note box uses.
    ///
    /// Shape ids such as `_x0000_t202` are VML names, not SpreadsheetML's `_xHHHH_` escapes, so
    /// they are written as they are.
    private mutating func writeShapeType() {
        writer.raw(
            "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">")
        writer.emptyElement("v:stroke", ["joinstyle": "miter"])
        writer.emptyElement("v:path", ["gradientshapeok": "t", "o:connecttype": "rect"])
        writer.endElement("v:shapetype")
    }

    /// The markup is fixed but for the numbers, so it is written as raw pieces (issue 11): a
    /// drawing has a shape per note, thousands in a large log.
    private mutating func writeShape(_ note: WorksheetPart.Note, number: Int) {
        let box = position(of: note)
        writer.raw("<v:shape id=\"_x0000_s")
        writer.appendInteger(1024 * firstBlock + number)
        writer.raw("\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:")
        Self.appendPoints(box.left, to: &writer)
        writer.raw("pt;margin-top:")
        Self.appendPoints(box.top, to: &writer)
        writer.bytes.append(contentsOf: Self.sizeMarkup)
        writer.appendInteger(number)
        writer.raw(";visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>")
        writer.raw("<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>")
        writer.raw("<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>")
        writeClientData(note, anchor: box.anchor)
        writer.raw("</v:shape>")
    }

    private mutating func writeClientData(_ note: WorksheetPart.Note, anchor: [Int]) {
        writer.raw("<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>")
        for (offset, value) in anchor.enumerated() {
            if offset > 0 { writer.raw(", ") }
            writer.appendInteger(value)
        }
        writer.raw("</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>")
        writer.appendInteger(note.row)
        writer.raw("</x:Row><x:Column>")
        writer.appendInteger(note.column)
        writer.raw("</x:Column></x:ClientData>")
    }

    /// Pixels as points (3/4 of a point each).
    static func pointValue(_ pixels: Int) -> Double { Double(pixels) * 0.75 }

    /// `pt;width:96pt;height:55.5pt;z-index:`: every box's size (``noteWidth`` × ``noteHeight``
    /// pixels), made once.
    private static let sizeMarkup = Array(
        "pt;width:\(XMLWriter.numberText(pointValue(noteWidth)))pt;height:\(XMLWriter.numberText(pointValue(noteHeight)))pt;z-index:".utf8)

    /// ``pointValue(_:)`` of `pixels` as `appendNumber` writes it (`251.25`, `0.5`, `12`), from
    /// whole quarters of a point without a `Double` (a drawing has a shape per note).
    static func appendPoints(_ pixels: Int, to writer: inout XMLWriter) {
        guard pixels >= 0 else { return writer.appendNumber(pointValue(pixels)) }
        let (whole, quarters) = (pixels * 3).quotientAndRemainder(dividingBy: 4)
        writer.appendInteger(whole)
        switch quarters {
        case 1: writer.raw(".25")
        case 2: writer.raw(".5")
        case 3: writer.raw(".75")
        default: break
        }
    }

    private func width(ofColumn column: Int) -> Int {
        columnPixels[column] ?? Self.defaultColumnPixels
    }

    /// The box's top-left corner in pixels and its anchor: start column, x offset, start row,
    /// y offset, end column, x offset, end row, y offset (XlsxWriter's `_position_object_pixels`).
    func position(of note: WorksheetPart.Note) -> (left: Int, top: Int, anchor: [Int]) {
        let (startRow, yOffset) = Self.startRow(of: note.row)
        let (startColumn, xOffset) = Self.startColumn(of: note.column)
        let left = (0..<startColumn).reduce(0) { $0 + width(ofColumn: $1) } + xOffset
        let top = startRow * Self.rowPixels + yOffset
        var (column, x) = (startColumn, xOffset)
        while x >= width(ofColumn: column) {
            x -= width(ofColumn: column)
            column += 1
        }
        var (row, y) = (startRow, yOffset)
        while y >= Self.rowPixels {
            y -= Self.rowPixels
            row += 1
        }
        var (endColumn, remainingWidth) = (column, Self.noteWidth + x)
        while remainingWidth >= width(ofColumn: endColumn) {
            remainingWidth -= width(ofColumn: endColumn)
            endColumn += 1
        }
        var (endRow, remainingHeight) = (row, Self.noteHeight + y)
        while remainingHeight >= Self.rowPixels {
            remainingHeight -= Self.rowPixels
            endRow += 1
        }
        return (left, top, [column, x, row, y, endColumn, remainingWidth, endRow, remainingHeight])
    }

    /// The box starts a row above its cell, except at the top and bottom edges of the sheet.
    private static func startRow(of row: Int) -> (row: Int, offset: Int) {
        let last = WorksheetPart.maxRows - 1
        switch row {
        case 0: return (0, 2)
        case last - 2: return (last - 6, 16)
        case last - 1: return (last - 5, 16)
        case last: return (last - 4, 14)
        default: return (row - 1, 10)
        }
    }

    /// The box starts a column right of its cell, except at the right edge of the sheet.
    private static func startColumn(of column: Int) -> (column: Int, offset: Int) {
        let last = WorksheetPart.maxColumns - 1
        switch column {
        case last - 2: return (last - 5, 49)
        case last - 1: return (last - 4, 49)
        case last: return (last - 3, 49)
        default: return (column + 1, 15)
        }
    }
}
