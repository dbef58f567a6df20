import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// The worksheet handler reads `r=`, `s=`, `t=` and `<v>` from the parser's bytes and the sheet is
/// parsed on threads of its own: these pin what that must not change (values, texts, positions,
/// errors and their cells, rows across chunk boundaries, a cursor dropped half-way).
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbooks"))
struct ReaderWorksheetValueTests {
    static func grid(_ path: String) throws -> SheetGrid {
        let book = try Workbook(path: path)
        return try book.grid(for: try #require(book.sheets.first))
    }

    static func cells(_ path: String) throws -> [String: SheetCell] {
        Dictionary(try grid(path).rows.flatMap(\.cells).map { ($0.reference.description, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func whitespaceAroundValuesIsTrimmedExceptForFormulaStrings() throws {
        let rows = #"<row r="1"><c r="A1"><v> 12.5 </v></c><c r="B1" t="s"><v>"# + "\n\t1 " + #"</v></c><c r="C1"><v>+5</v></c>"#
            + #"<c r="D1"><v>-540516.4399999999</v></c><c r="E1" t="str"><v> a </v></c><c r="F1" t="b"><v> 1 </v></c>"#
            + #"<c r="G1" t="e"><v> #N/A </v></c><c r="H1"><v>1E+3</v></c><c r="I1"><v>  </v></c></row>"#
        let cells = try Self.cells(try WorkbookFixture(rows: rows, sharedStrings: ["zero", "one"]).write())
        #expect(cells["A1"]?.value == .number(12.5, text: "12.5"))
        #expect(cells["B1"]?.value == .string("one"))
        #expect(cells["C1"]?.value == .number(5, text: "+5"))
        #expect(cells["D1"]?.value == .number(-540_516.44, text: "-540516.44"))   // 16 digits: the double's shortest text
        #expect(cells["E1"]?.value == .string(" a "))
        #expect(cells["F1"]?.value == .bool(true))
        #expect(cells["G1"]?.value == .error("#N/A"))
        #expect(cells["H1"]?.value == .number(1000, text: "1E+3"))
        #expect(cells["I1"] == nil)
    }

    /// Issue 14: an empty `<v/>` read as blank with no trace; the row now lists it.
    @Test func emptyValuesAreLeftOutOfTheCellsButListedWithTheirRow() throws {
        let rows = #"<row r="1"><c r="A1"><v/></c><c r="B1"><v>1</v></c><c r="C1" s="1"/><c r="D1" t="b"><v></v></c>"#
            + #"<c r="E1"><f>1+1</f><v/></c><c r="F1"><v>  </v></c></row>"#
            + #"<row r="2"><c r="A2"><v/></c></row><row r="3"><c r="A3"><v>3</v></c></row>"#
        let grid = try Self.grid(try WorkbookFixture(rows: rows).write())
        #expect(grid.rows.map(\.number) == [1, 3])   // a row of nothing but <v/> is blank
        #expect(grid.rows[0].cells.map(\.reference.description) == ["B1", "E1"])
        #expect(grid.rows[0].emptyValues.map(\.description) == ["A1", "D1", "F1"])   // not the styled blank C1, not the formula E1
        #expect(grid.rows[1].emptyValues.isEmpty)
    }

    @Test func aFormulaWithoutASavedResultIsKeptWithItsText() throws {
        let rows = #"<row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1" s="1"/><c r="C1"><f>1+1</f><v></v></c>"#
            + #"<c r="D1" t="str"><f>""</f><v></v></c><c r="E1" t="b"><f>TRUE()</f></c><c r="F1"><f t="shared" ref="F1:F2" si="0">A1*2</f></c></row>"#
            + #"<row r="2"><c r="F2"><f t="shared" si="0"/></c><c r="G2"><f></f></c></row>"#
        let cells = try Self.cells(try WorkbookFixture(rows: rows).write())
        #expect(cells["A1"] == SheetCell(reference: CellReference(row: 1, column: 1), value: .uncalculated, formula: "SUM(B1:C1)"))
        #expect(cells["B1"] == nil)                                   // a styled blank
        #expect(cells["C1"]?.value == .uncalculated && cells["C1"]?.formula == "1+1")
        #expect(cells["D1"]?.value == .string(""))                     // a calculated empty string
        #expect(cells["E1"]?.value == .uncalculated)
        #expect(cells["F2"]?.value == .uncalculated && cells["F2"]?.formula == "A2*2")
        #expect(cells["G2"] == nil)                                   // an empty formula is nothing
        #expect(cells["A1"]?.text == "")
    }

    @Test("style indexes read as Int(String) would", arguments: [("3", 3), ("+3", 3), ("-1", -1), (" 2", 0), ("", 0), ("x", 0),
                                                              ("99999999999999999999", 0), ("007", 7)])
    func styleIndexes(written: String, index: Int) throws {
        let cells = try Self.cells(try WorkbookFixture(rows: #"<row r="1"><c r="A1" s=""# + written + #""><v>1</v></c></row>"#).write())
        #expect(cells["A1"]?.styleIndex == index)
    }

    /// A `<c>` nested in a cell is markup inside it, not the grid (`ReaderNestedMarkupTests`).
    @Test func theLastValueOfACellCountsAndANestedCellAddsNoCell() throws {
        let rows = #"<row r="1"><c r="A1"><v>bad</v><v>2</v></c><c r="B1"><v>1</v><c r="C1"><v>3</v></c></c></row>"#
        let grid = try Self.grid(try WorkbookFixture(rows: rows).write())
        #expect(grid.rows.map { $0.cells.map(\.reference.description) } == [["A1", "B1"]])
        #expect(grid.rows.first?.cells.map(\.value) == [.number(2, text: "2"), .number(1, text: "1")])
    }

    /// Date texts come from a small cache keyed by the day: serials that share a slot must not
    /// share a text.
    @Test func datesThatShareACacheSlotKeepTheirOwnText() throws {
        let serials = ["1", "4097", "1", "8193", "45000.5", "45000", "45000.5", "0.25", "-1", "4097"]
        let rows = "<row r=\"1\">" + serials.enumerated().map { i, serial in
            "<c r=\"\(CellReference.columnName(i + 1))1\" s=\"1\"><v>\(serial)</v></c>"
        }.joined() + "</row>"
        var fixture = WorkbookFixture(rows: rows)
        fixture.workbookRelsXML = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        let path = try fixture.write { $0.append(ZipFixture.Entry("xl/styles.xml", styles)) }
        let row = try #require(try Self.grid(path).rows.first)
        #expect(row.cells.count == serials.count)
        for (cell, serial) in zip(row.cells, serials) {
            let value = try #require(Double(serial))
            let iso = try #require(DateSerial.iso(serial: value, date1904: false))
            #expect(cell.value == .date(serial: value, iso: iso), "\(serial)")
        }
    }

    /// A sheet of many 64 KiB chunks, so values, attributes and long strings are cut at chunk
    /// boundaries, and the parsing runs well ahead of the rows being read.
    static func bigSheet(rows: Int, badRow: Int? = nil) -> WorkbookFixture {
        var xml = ""
        xml.reserveCapacity(rows * 200)
        for r in 1...rows {
            let number = r == badRow ? "1.2.3" : "\(r).25"
            xml += "<row r=\"\(r)\" spans=\"1:4\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"B\(r)\"><v>\(number)</v></c>"
            // `preserve`: every 97th text ends in a space, which a `<t>` without it would drop.
            xml += "<c r=\"C\(r)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">row \(r) " + String(repeating: "x", count: r % 97) + "</t></is></c>"
            xml += "<c r=\"D\(r)\"><f>B\(r)*2</f><v>\(-r * 2)</v></c></row>"
        }
        return WorkbookFixture(rows: xml, sharedStrings: ["zero", "one", "two"])
    }

    @Test func everyCellOfAManyChunkSheetArrivesInOrder() throws {
        let rows = 30_000
        let book = try Workbook(path: try Self.bigSheet(rows: rows).write())
        let cursor = try book.cursor(for: try #require(book.sheets.first))
        var expected = 1
        while let row = try cursor.nextRow() {
            let r = expected
            #expect(row.number == r)
            #expect(row.cells.map(\.reference.description) == ["A\(r)", "B\(r)", "C\(r)", "D\(r)"])
            #expect(row.cells[0].value == .string(["zero", "one", "two"][r % 3]))
            #expect(row.cells[1].value == .number(Double(r) + 0.25, text: "\(r).25"))
            #expect(row.cells[2].value == .string("row \(r) " + String(repeating: "x", count: r % 97)))
            #expect(row.cells[3].value == .number(Double(-r * 2), text: "\(-r * 2)") && row.cells[3].formula == "B\(r)*2")
            if row.number != r || row.cells.count != 4 { break }
            expected += 1
        }
        #expect(expected == rows + 1)
        #expect(try cursor.nextRow() == nil)
    }

    @Test func aBadCellDeepInASheetIsNamedAfterTheRowsBeforeIt() throws {
        let book = try Workbook(path: try Self.bigSheet(rows: 20_000, badRow: 15_000).write())
        let cursor = try book.cursor(for: try #require(book.sheets.first))
        var rows = 0
        let error = try #require(throws: XLSXError.self) { while try cursor.nextRow() != nil { rows += 1 } }
        #expect(rows == 14_999)
        #expect(error.code == .invalidContent)
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml] B15000: error: number '1.2.3' is not valid")
        // Asked again, the cursor repeats its error rather than going on past the bad cell.
        let again = try #require(throws: XLSXError.self) { _ = try cursor.nextRow() }
        #expect(again == error)
    }

    @Test func malformedXMLDeepInASheetComesAfterTheRowsBeforeIt() throws {
        var fixture = Self.bigSheet(rows: 5_000)
        fixture.sheetXML = fixture.sheetXML.replacingOccurrences(of: "<row r=\"4000\" ", with: "<row r=\"4000\" <")
        let book = try Workbook(path: try fixture.write())
        let cursor = try book.cursor(for: try #require(book.sheets.first))
        var rows = 0
        let error = try #require(throws: XLSXError.self) { while try cursor.nextRow() != nil { rows += 1 } }
        #expect(rows == 3_999)
        #expect(error.code == .malformedXML)
        #expect(throws: XLSXError.self) { _ = try cursor.nextRow() }
    }

    @Test func aCursorDroppedHalfWayStopsItsThreads() throws {
        let path = try Self.bigSheet(rows: 20_000).write()
        for _ in 0..<20 {
            let book = try Workbook(path: path)
            let cursor = try book.cursor(for: try #require(book.sheets.first))
            for _ in 0..<100 { _ = try cursor.nextRow() }
        }
        // Cursors made and never read start no thread at all.
        let book = try Workbook(path: path)
        let unread = try (0..<50).map { _ in try book.cursor(for: try #require(book.sheets.first)) }
        #expect(unread.count == 50)
        #expect(try Self.grid(path).rows.count == 20_000)
    }

    @Test func twoCursorsOnOneWorkbookReadSideBySide() throws {
        let path = try Self.bigSheet(rows: 10_000).write()
        let book = try Workbook(path: path)
        let sheet = try #require(book.sheets.first)
        let first = try book.cursor(for: sheet), second = try book.cursor(for: sheet)
        var count = 0
        while let a = try first.nextRow() {
            let b = try #require(try second.nextRow())
            #expect(a == b)
            count += 1
        }
        #expect(count == 10_000)
        #expect(try second.nextRow() == nil)
    }
}
