import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// A `<row>` nested inside a cell (in its `<t>`; well-formed XML, found by `FuzzWorksheetPart`)
/// is markup within the cell's text, not the grid, with everything inside it: the reader used to
/// take it as a row and hand out row 12 twice.
@Suite struct ReaderNestedMarkupTests {
    @Test func aRowInsideACellIsNotTheGrid() throws {
        let rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Lunch<row r="5"><c r="B5"><v>9</v></c></row></t></is></c>"#
            + #"<c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>"#
        let path = try WorkbookFixture(rows: rows).write()
        let book = try Workbook(path: path)
        let grid = try book.grid(for: book.sheets[0])
        #expect(grid.rows.map(\.number) == [1, 2])
        #expect(grid.rows[0].cells.map(\.reference.description) == ["A1", "B1"])
        #expect(grid.rows[0].cells[1].value == .number(2, text: "2"))
        #expect(grid.rows[1].cells.map(\.reference.description) == ["A2"])
        if case .string(let text) = grid.rows[0].cells[0].value { #expect(text.hasPrefix("Lunch")) } else { Issue.record("A1 is not text") }
    }

    /// Cells without `r` nested in an inline string's `<t>` (found by `FuzzReader` in a damaged
    /// package): the reader used to count them as columns B and C and then read the outer cell again
    /// in column C, handing out C11 twice. They are text, and the next real cell is column B.
    @Test func aCellInsideACellsTextIsNotTheGrid() throws {
        let rows = #"<row><c t="inlineStr"><is><t>3 ><c t="inlineStr"><is><t>0.004070</t></is></c><c t="inlineStr"><is><t>0.001000</t></is></c>900</t></is></c>"#
            + #"<c t="inlineStr"><is><t>next</t></is></c><c><v>7</v></c></row><row><c><v>8</v></c></row>"#
        let book = try Workbook(path: try WorkbookFixture(rows: rows).write())
        let grid = try book.grid(for: book.sheets[0])
        #expect(grid.rows.map { $0.cells.map(\.reference.description) } == [["A1", "B1", "C1"], ["A2"]])
        #expect(grid.rows[0].cells[1].value == .string("next"))
        #expect(grid.rows[0].cells[2].value == .number(7, text: "7"))
        #expect(grid.rows[1].cells[0].value == .number(8, text: "8"))
        if case .string(let text) = grid.rows[0].cells[0].value { #expect(text.hasPrefix("3 >")) } else { Issue.record("A1 is not text") }
    }

    /// The fuzzer's whole input: every sheet reads with strictly ascending columns in each row.
    @Test func theReaderFuzzersInputReadsInAscendingColumns() throws {
        let input = Fixtures.path("Fuzz/Regressions/FuzzReader/duplicate-column-in-a-row.xlsx")
        let book = try Workbook(path: input)
        let sheet = try #require(book.sheets.first { $0.name == "LIBOR Indexed Advances" })
        // The part turns ill-formed at line 24 (row 14): the rows before it arrive, then the error.
        let cursor = try book.cursor(for: sheet)
        var rows = 0
        do {
            while let row = try cursor.nextRow() {
                rows += 1
                let columns = row.cells.map(\.reference.column)
                #expect(columns == columns.sorted() && Set(columns).count == columns.count, "row \(row.number): \(columns)")
            }
            Issue.record("the ill-formed part read to its end")
        } catch let error as XLSXError {
            #expect(error.description.contains("not well-formed"), "\(error)")
        }
        #expect(rows >= 11)
    }

    @Test func theFuzzersInputReadsInAscendingRows() throws {
        let input = Fixtures.path("Fuzz/Regressions/FuzzWorksheetPart/rows-nested-in-a-cells-text.xml")
        let xml = try String(contentsOfFile: input, encoding: .utf8)
        let body = try #require(xml.range(of: "<sheetData>").map { xml[$0.upperBound...] }.flatMap { rest in rest.range(of: "</sheetData>").map { String(rest[..<$0.lowerBound]) } })
        let grid = try { let book = try Workbook(path: try WorkbookFixture(rows: body).write()); return try book.grid(for: book.sheets[0]) }()
        let numbers = grid.rows.map(\.number)
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count, "\(numbers)")
    }
}
