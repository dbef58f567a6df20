import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// Issue 15, "numbers as the spreadsheet holds them": a `<v>` with more digits than a double holds
/// (`0.6899999999999999` from openpyxl and XlsxWriter, `0.68999999999999995` from Excel and
/// LibreOffice) must reach the cell as the number the spreadsheet shows (`0.69`), in percent,
/// thousands and millions cells and in codes typed as numbers, while every text of at most 15
/// significant digits stays exactly as written.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbooks"))
struct ReaderNumberFidelityTests {
    /// A workbook of `rows` whose cell formats 1-4 show percent (`0%`, `0.00%`), thousands
    /// (`#,##0,`) and millions (`#,##0.0,,`).
    static func book(_ rows: String) throws -> Workbook {
        var fixture = WorkbookFixture(rows: rows)
        fixture.stylesXML = WorkbookFixture.styles(numberFormats: ["9", "10", "#,##0,", "#,##0.0,,"])
        return try Workbook(path: try fixture.write())
    }

    static func cells(_ book: Workbook) throws -> [String: SheetCell] {
        let grid = try book.grid(for: try #require(book.sheets.first))
        return Dictionary(grid.rows.flatMap(\.cells).map { ($0.reference.description, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each writer's way of storing the same cells: a 69 % KPI actual, a 71 % one, a target code
    /// typed as 2.3, 1.84 million and 1,234.56 thousand.
    @Test("numbers as openpyxl, XlsxWriter, LibreOffice and Excel store them read as the spreadsheet shows them", arguments: [
        // openpyxl 3.1: `t="n"` and Python's "%.16g".
        ("openpyxl", #"<row r="1"><c r="A1" s="1" t="n"><v>0.6899999999999999</v></c><c r="B1" s="2" t="n"><v>0.71</v></c>"#
            + #"<c r="C1" t="n"><v>2.3</v></c><c r="D1" s="4" t="n"><v>1.84</v></c><c r="E1" s="3" t="n"><v>1234.56</v></c></row>"#),
        // XlsxWriter 3.3: no `t`, "%.16G".
        ("XlsxWriter", #"<row r="1" spans="1:5"><c r="A1" s="1"><v>0.6899999999999999</v></c><c r="B1" s="2"><v>0.71</v></c>"#
            + #"<c r="C1"><v>2.3</v></c><c r="D1" s="4"><v>1.84</v></c><c r="E1" s="3"><v>1234.56</v></c></row>"#),
        // LibreOffice 7: `t="n"`, 17 significant digits.
        ("LibreOffice", #"<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false">"#
            + #"<c r="A1" s="1" t="n"><v>0.68999999999999995</v></c><c r="B1" s="2" t="n"><v>0.70999999999999996</v></c>"#
            + #"<c r="C1" s="0" t="n"><v>2.2999999999999998</v></c><c r="D1" s="4" t="n"><v>1.8400000000000001</v></c>"#
            + #"<c r="E1" s="3" t="n"><v>1234.5599999999999</v></c></row>"#),
        // Excel: no `t`, 17 significant digits.
        ("Excel", #"<row r="1" spans="1:5" x14ac:dyDescent="0.25" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">"#
            + #"<c r="A1" s="1"><v>0.68999999999999995</v></c><c r="B1" s="2"><v>0.70999999999999996</v></c>"#
            + #"<c r="C1"><v>2.2999999999999998</v></c><c r="D1" s="4"><v>1.8400000000000001</v></c><c r="E1" s="3"><v>1234.5599999999999</v></c></row>"#),
    ])
    func writersNumbers(writer: String, rows: String) throws {
        let book = try Self.book(rows)
        let cells = try Self.cells(book)
        #expect(cells["A1"]?.value == .number(0.69, text: "0.69"), "\(writer)")
        #expect(cells["B1"]?.value == .number(0.71, text: "0.71"), "\(writer)")
        #expect(cells["C1"]?.value == .number(2.3, text: "2.3"), "\(writer)")
        #expect(cells["C1"]?.text == "2.3", "\(writer): a code typed as a number")
        #expect(cells["D1"]?.value == .number(1.84, text: "1.84"), "\(writer)")
        #expect(cells["E1"]?.value == .number(1234.56, text: "1234.56"), "\(writer)")
        // The cells keep their formats: percent, thousands, millions.
        #expect(["A1", "B1", "C1", "D1", "E1"].map { book.numberFormat(style: cells[$0]?.styleIndex ?? -1) }
                == ["0%", "0.00%", "General", "#,##0.0,,", "#,##0,"], "\(writer)")
        // What `rbm inspect --format jsonl` prints.
        #expect(["A1", "C1", "E1"].compactMap { cells[$0].flatMap { cell in
            if case .number(let d, let text) = cell.value { SheetCell.jsonNumber(d, text: text) } else { nil } } } == ["0.69", "2.3", "1234.56"])
    }

    @Test("only the digits change: the double, the sign, the style of the text and every exact text stay", arguments: [
        ("18399999.999999999", 18_400_000, "18400000"),                     // Excel: an integer, written with 17 digits
        ("-0.68999999999999995", -0.69, "-0.69"),
        ("0.30000000000000004", 0.1 + 0.2, "0.30000000000000004"),         // real binary noise: a different double, kept
        ("1.0000000000000001E-5", 1e-5, "1E-5"),                            // Excel's exponent form stays an exponent
        ("6.8999999999999995e-01", 0.69, "6.9E-1"),
        ("  2.2999999999999998\n", 2.3, "2.3"),                             // trimmed first, as every <v>
        ("1234567890123456789", 1_234_567_890_123_456_789, "1234567890123456800"),
        ("0.10", 0.1, "0.10"), ("+5", 5, "+5"), ("1E+3", 1000, "1E+3"), ("1.1e-07", 1.1e-7, "1.1e-07"),   // 15 digits or fewer: as written
        ("123456789012345", 123_456_789_012_345, "123456789012345"), ("0.100000000000000000", 0.1, "0.100000000000000000"),
        ("540516.440000000000", 540_516.44, "540516.440000000000"),
    ])
    func onlyTheDigitsChange(stored: String, value: Double, text: String) throws {
        let cells = try Self.cells(try Self.book(#"<row r="1"><c r="A1"><v>\#(stored)</v></c></row>"#))
        #expect(cells["A1"]?.value == .number(value, text: text))
    }

    /// Real files from the writers in the Makefile's virtual environment: the numbers they store
    /// with 16 digits (`%.16g`) read as the floats the script wrote.
    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"), arguments: ["openpyxl", "xlsxwriter"])
    func realFiles(writer: String) throws {
        let python = try #require(Fixtures.python)
        let path = Fixtures.temporaryDirectory("numbers").appendingPathComponent("\(writer).xlsx").path
        let result = try Subprocess.run(python, ["-c", Self.writerScript, writer, path])
        try #require(result.status == 0, "\(result.errors)")
        // The script prints, per cell, the float's repr and the text the writer stored.
        let lines = result.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == Self.values.count)
        #expect(lines.filter { $0[2].count > 15 }.count == 6, "the writer stored other texts than expected: \(lines)")
        let book = try Workbook(path: path)
        let cells = try Self.cells(book)
        for line in lines {
            let (ref, shortest, stored) = (line[0], line[1], line[2])
            let cell = try #require(cells[ref])
            #expect(cell.value == .number(Double(shortest)!, text: shortest), "\(writer) \(ref): stored \(stored)")
        }
        #expect(book.numberFormat(style: cells["A1"]?.styleIndex ?? 0) == "0%")
        #expect(book.numberFormat(style: cells["C1"]?.styleIndex ?? 0) == "#,##0,")
    }

    /// The floats written by `realFiles`, as Python's `repr` gives their shortest text: percents
    /// (`0%`), codes (General), thousands (`#,##0,`), millions (`#,##0.0,,`).
    /// Python writes all but 2.3, 1234.56 and 18.4 with a 16th digit (`0.6899999999999999`, `8.050000000000001`).
    static let values = [("A1", "0.69"), ("A2", "0.56"), ("A3", "0.07"), ("B1", "2.3"), ("B2", "8.2"), ("C1", "1234.56"),
                         ("C2", "8.11"), ("D1", "8.05"), ("D2", "18.4")]

    static var writerScript: String {
        let cells = values.map { "(\"\($0.0)\", \($0.1))" }.joined(separator: ", ")
        return #"""
        import sys, re, zipfile
        writer, path = sys.argv[1], sys.argv[2]
        cells = [\#(cells)]
        formats = {"A": "0%", "B": "General", "C": "#,##0,", "D": "#,##0.0,,"}
        if writer == "openpyxl":
            import openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            for ref, x in cells:
                ws[ref] = x; ws[ref].number_format = formats[ref[0]]
            wb.save(path)
        else:
            import xlsxwriter
            wb = xlsxwriter.Workbook(path); ws = wb.add_worksheet()
            styles = {k: wb.add_format({"num_format": v}) for k, v in formats.items()}
            for ref, x in cells:
                ws.write_number(ref, x, styles[ref[0]])
            wb.close()
        xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
        stored = dict(re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*><v>([^<]*)</v>', xml))
        for ref, x in cells:
            print(ref, repr(x), stored[ref])
        """#
    }
}
