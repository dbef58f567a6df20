import Testing

@testable import XLSXWriter

/// The parts that hang off a sheet: notes (`CommentsPart` with its `VMLDrawingPart`) and tables
/// (`TablePart`), compared with what XlsxWriter 3.3 writes for the same content.
@Suite struct WriterSheetPartsTests {
    private let declaration = WriterTestSupport.declaration

    private func note(_ reference: String, _ text: String, author: String = "") -> WorksheetPart.Note {
        let cell = SheetRange(reference)!
        return WorksheetPart.Note(row: cell.firstRow, column: cell.firstColumn, text: text, author: author)
    }

    @Test func notesAreWrittenAsXlsxWriterWritesThem() {
        let notes = [note("C3", "Another"), note("B2", "Ten francs\nnote")]
        var comments = CommentsPart(notes: notes)
        var drawing = VMLDrawingPart(notes: notes, firstBlock: 1, columnWidths: [])
        #expect(String(decoding: comments.assembleXML(), as: UTF8.self) == xlsxWriterComments)
        #expect(String(decoding: drawing.assembleXML(), as: UTF8.self) == xlsxWriterDrawing)
    }

    /// XlsxWriter 3.3's `xl/comments1.xml` for notes on B2 and C3 with no author.
    private let xlsxWriterComments =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<comments xmlns=\"http://schemas.open"
            + "xmlformats.org/spreadsheetml/2006/main\"><authors><author></author></authors><commentList><comment r"
            + "ef=\"B2\" authorId=\"0\"><text><r><rPr><sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/>"
            + "<family val=\"2\"/></rPr><t>Ten francs\nnote</t></r></text></comment><comment ref=\"C3\" authorId=\""
            + "0\"><text><r><rPr><sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></"
            + "rPr><t>Another</t></r></text></comment></commentList></comments>"

    /// XlsxWriter 3.3's `xl/drawings/vmlDrawing1.vml` for the same notes, columns at their default width.
    private let xlsxWriterDrawing =
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" x"
            + "mlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edi"
            + "t\" data=\"1\"/></o:shapelayout><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"20"
            + "2\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" "
            + "o:connecttype=\"rect\"/></v:shapetype><v:shape id=\"_x0000_s1025\" type=\"#_x0000_t202\" style=\"pos"
            + "ition:absolute;margin-left:107.25pt;margin-top:7.5pt;width:96pt;height:55.5pt;z-index:1;visibility:h"
            + "idden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" co"
            + "lor=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:a"
            + "uto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWith"
            + "Cells/><x:SizeWithCells/><x:Anchor>2, 15, 0, 10, 4, 15, 4, 4</x:Anchor><x:AutoFill>False</x:AutoFill"
            + "><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape><v:shape id=\"_x0000_s1026\" type=\""
            + "#_x0000_t202\" style=\"position:absolute;margin-left:155.25pt;margin-top:22.5pt;width:96pt;height:55"
            + ".5pt;z-index:2;visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffff"
            + "e1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox "
            + "style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData Obje"
            + "ctType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>3, 15, 1, 10, 5, 15, 5, 4</x:Anchor><x"
            + ":AutoFill>False</x:AutoFill><x:Row>2</x:Row><x:Column>2</x:Column></x:ClientData></v:shape></xml>"

    @Test func authorsAreListedOnceInOrderOfFirstUse() {
        var comments = CommentsPart(notes: [note("A2", "b", author: "Ana"), note("A1", " a ", author: "Li"), note("A3", "c", author: "Li")])
        let xml = String(decoding: comments.assembleXML(), as: UTF8.self)
        #expect(xml.contains("<authors><author>Li</author><author>Ana</author></authors>"))
        #expect(xml.contains("<comment ref=\"A1\" authorId=\"0\">"))
        #expect(xml.contains("<comment ref=\"A2\" authorId=\"1\">"))
        #expect(xml.contains("<t xml:space=\"preserve\"> a </t>"))
    }

    /// Box positions as XlsxWriter 3.3 computes them, at the corners and edges of the sheet.
    @Test(arguments: [
        ("A1", [], "59.25", "1.5", "1, 15, 0, 2, 3, 15, 3, 16"),
        ("B2", [], "107.25", "7.5", "2, 15, 0, 10, 4, 15, 4, 4"),
        ("C10", [], "155.25", "127.5", "3, 15, 8, 10, 5, 15, 12, 4"),
        ("XFD1048576", [], "786276.75", "15728575.5", "16380, 49, 1048571, 14, 16382, 49, 1048575, 8"),
        ("XFC1048575", [], "786228.75", "15728562", "16379, 49, 1048570, 16, 16381, 49, 1048574, 10"),
        ("XFB1048574", [], "786180.75", "15728547", "16378, 49, 1048569, 16, 16380, 49, 1048573, 10"),
        ("XFA1048573", [], "786299.25", "15728572.5", "16381, 15, 1048571, 10, 16383, 15, 1048575, 4"),
        ("B2", [(1, 20.0), (2, 0.5)], "168", "7.5", "3, 9, 0, 10, 5, 9, 4, 4"),
        ("A3", [(1, 20.0), (2, 0.5)], "59.25", "22.5", "1, 15, 1, 10, 1, 143, 5, 4"),
    ])
    func noteBoxesSitBesideTheirCellsAsInXlsxWriter(
        cell: String, widths: [(Int, Double)], left: String, top: String, anchor: String
    ) {
        var drawing = VMLDrawingPart(
            notes: [note(cell, "x")], firstBlock: 1, columnWidths: widths.map { (column: $0.0, width: $0.1) })
        let xml = String(decoding: drawing.assembleXML(), as: UTF8.self)
        #expect(xml.contains("margin-left:\(left)pt;margin-top:\(top)pt;width:96pt;height:55.5pt;"))
        #expect(xml.contains("<x:Anchor>\(anchor)</x:Anchor>"))
    }

    @Test func drawingsTakeBlocksOf1024ShapeIds() {
        let notes = (0..<1_024).map { WorksheetPart.Note(row: $0, column: 0, text: "n", author: "") }
        #expect(VMLDrawingPart.blockCount(notes: 1_023) == 1)
        #expect(VMLDrawingPart.blockCount(notes: 1_024) == 2)
        var drawing = VMLDrawingPart(notes: notes, firstBlock: 3, columnWidths: [])
        let xml = String(decoding: drawing.assembleXML(), as: UTF8.self)
        #expect(xml.contains("<o:idmap v:ext=\"edit\" data=\"3,4\"/>"))
        #expect(xml.contains("<v:shape id=\"_x0000_s3073\" "))
        #expect(xml.contains("<v:shape id=\"_x0000_s4096\" "))
    }

    @Test func tablesAreWrittenAsXlsxWriterWritesThem() throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.addTable(Table(range: "A1:B2", name: "Codes", columns: ["Name", "Value"]), name: "Codes", number: 1)
        var table = TablePart(table: part.tables[0])
        #expect(String(decoding: table.assembleXML(), as: UTF8.self) == xlsxWriterTable)
        #expect(TablePart.name(3) == "xl/tables/table3.xml")
    }

    /// XlsxWriter 3.3's `xl/tables/table1.xml` for a two-column table named Codes.
    private let xlsxWriterTable =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<table xmlns=\"http://schemas.openxml"
            + "formats.org/spreadsheetml/2006/main\" id=\"1\" name=\"Codes\" displayName=\"Codes\" ref=\"A1:B2\" to"
            + "talsRowShown=\"0\"><autoFilter ref=\"A1:B2\"/><tableColumns count=\"2\"><tableColumn id=\"1\" name=\""
            + "Name\"/><tableColumn id=\"2\" name=\"Value\"/></tableColumns><tableStyleInfo name=\"TableStyleMedium"
            + "2\" showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"1\" showColumnStripes=\"0\"/></table"
            + ">"

    @Test func unbandedTablesTurnOffRowStripes() throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.addTable(
            Table(range: "B2:B9", columns: ["Only"], style: "TableStyleLight9", bandedRows: false), name: "T", number: 4)
        var table = TablePart(table: part.tables[0])
        let xml = String(decoding: table.assembleXML(), as: UTF8.self)
        #expect(xml.contains("id=\"4\" name=\"T\" displayName=\"T\" ref=\"B2:B9\""))
        #expect(
            xml.contains(
                "<tableStyleInfo name=\"TableStyleLight9\" showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"0\" showColumnStripes=\"0\"/>"))
    }
}

/// A note box's position in points, written from whole quarters of a point, is the text
/// `appendNumber` writes for the same `Double`.
@Suite struct WriterNotePointsTests {
    @Test func pointsAreWhatAppendNumberWrites() {
        for pixels in Array(-9...5_000) + [1_048_575, 16_383 * 64, Int(Int32.max)] {
            var quick = XMLWriter(), slow = XMLWriter()
            VMLDrawingPart.appendPoints(pixels, to: &quick)
            slow.appendNumber(VMLDrawingPart.pointValue(pixels))
            #expect(quick.bytes == slow.bytes, "\(pixels)")
        }
    }
}
