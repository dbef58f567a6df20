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

    @Test func theFuzzersInputReadsInAscendingRows() throws {
        let input = Fixtures.path("Fuzz/Regressions/FuzzWorksheetPart/rows-nested-in-a-cells-text.xml")
        let xml = try String(contentsOfFile: input, encoding: .utf8)
        let body = try #require(xml.range(of: "<sheetData>").map { xml[$0.upperBound...] }.flatMap { rest in rest.range(of: "</sheetData>").map { String(rest[..<$0.lowerBound]) } })
        let grid = try { let book = try Workbook(path: try WorkbookFixture(rows: body).write()); return try book.grid(for: book.sheets[0]) }()
        let numbers = grid.rows.map(\.number)
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count, "\(numbers)")
    }
}
