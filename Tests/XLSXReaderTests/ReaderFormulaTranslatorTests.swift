import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// Shared formulas: the text written on a range's first cell, moved to each other cell. Expected
/// texts are what openpyxl 3.1's `Translator` gives (checked once by hand); where openpyxl raises
/// ("Formula out of range") rbm writes `#REF!`, as Excel does.
struct ReaderFormulaTranslatorTests {
    @Test("references move with the cell, absolute parts stay", arguments: [
        ("B2*2", "C2", "C5", "B5*2"),
        ("$B$2+B$2+$B2", "C2", "E7", "$B$2+D$2+$B7"),
        ("SUM(A1:B2)", "C3", "D5", "SUM(B3:C4)"),
        ("SUM(A:C)", "A1", "C1", "SUM(C:E)"),
        ("SUM($A:C)", "A1", "C1", "SUM($A:E)"),
        ("SUM(2:4)", "A1", "A3", "SUM(4:6)"),
        ("Sheet2!A1+'My sheet'!B2", "A1", "B2", "Sheet2!B2+'My sheet'!C3"),
        (#"IF(A1="B2",LOG10(A1),"x""A1")"#, "A1", "A2", #"IF(A2="B2",LOG10(A2),"x""A1")"#),
        ("Table1[[#This Row],[A1]]*A1", "A1", "A2", "Table1[[#This Row],[A1]]*A2"),
        ("XFD1+A1048576", "A1", "A1", "XFD1+A1048576"),
        ("A2", "A2", "A1", "A1"),
        ("1.5E3*A1", "A1", "A2", "1.5E3*A2"),
        ("ROUND(A1,2)+TRUE", "A1", "B1", "ROUND(B1,2)+TRUE"),
        ("a1+b2", "A1", "B2", "B2+C3"),
        ("[1]Sheet1!A1", "A1", "A3", "[1]Sheet1!A3"),
        ("ABCD1+A1", "A1", "A2", "ABCD1+A2"),
        ("R1C1", "A1", "A2", "R1C1"),
        // Off the grid: Excel's #REF! (openpyxl raises).
        ("A1-1", "B2", "A1", "#REF!-1"),
        ("SUM(A1:B2)", "C3", "C2", "SUM(#REF!)"),
        ("XFD1+1", "A1", "B1", "#REF!+1"),
        ("Gen\u{E8}ve1+A1", "A1", "A2", "Gen\u{E8}ve1+A2"),
    ])
    func translate(formula: String, origin: String, destination: String, expected: String) throws {
        let from = try #require(CellReference(origin)), to = try #require(CellReference(destination))
        #expect(FormulaTranslator.translate(formula, rows: to.row - from.row, columns: to.column - from.column) == expected)
    }

    @Test func unclosedQuotesAndBracketsAreCopiedAsWritten() {
        #expect(FormulaTranslator.translate(#"A1&"B2"#, rows: 1, columns: 0) == #"A2&"B2"#)
        #expect(FormulaTranslator.translate("T[[A1]+A1", rows: 1, columns: 0) == "T[[A1]+A1")
        #expect(FormulaTranslator.translate("'Sheet+A1", rows: 1, columns: 0) == "'Sheet+A1")
    }

    @Test func sharedFormulasReadOnEveryCellOfTheirRange() throws {
        let rows = """
            <row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c>\
            <c r="C2"><f t="shared" ref="C2:D2" si="1">SUM($A$2:A2)</f><v>1</v></c><c r="D2"><f t="shared" si="1"/><v>3</v></c></row>\
            <row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>\
            <row r="4"><c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"></f><v>6</v></c><c r="C4"><f t="shared" si="7"/><v>0</v></c>\
            <c r="D4"><f>A4+1</f><v>4</v></c></row>
            """
        let path = try WorkbookFixture(rows: rows).write()
        let book = try Workbook(path: path)
        let grid = try book.grid(for: book.sheets[0])
        let formulas = Dictionary(uniqueKeysWithValues: grid.rows.flatMap(\.cells).compactMap { cell in
            cell.formula.map { (cell.reference.description, $0) }
        })
        #expect(formulas == ["B2": "A2*2", "C2": "SUM($A$2:A2)", "D2": "SUM($A$2:B2)", "B3": "A3*2", "B4": "A4*2", "D4": "A4+1"])
        // The cached values are the cells' values, untouched.
        #expect(grid.rows[1].cells[1].value == .number(4, text: "4"))
    }
}
