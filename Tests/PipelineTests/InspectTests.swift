import Foundation
import Pipeline
import Testing
import TestSupport
import XLSXReader
import XLSXWriter

/// `rbm inspect`: the text view, one JSON object per cell, and the per-sheet statistics that
/// benchmarks and users diff against other readers.
@Suite struct InspectTests {
    /// `Budget` (values of every type, a formula, a merge, an Excel table) and a hidden `Codes`.
    static func workbook() throws -> String {
        let folder = Fixtures.temporaryDirectory("rbm-inspect")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("inspect.xlsx").path
        let book = try WorkbookWriter(path: path)
        let budget = try book.addSheet("Budget")
        try budget.writeRow(["Output", "Amount", "Due", "Funded", "Twice"])
        try budget.writeRow(["R.1-3", 1234.5, Cell(.date(year: 2022, month: 9, day: 30)), true,
                             Cell(.formula("=B2*2", cached: .number(2469)))])
        try budget.writeRow(["Line \"two\"\nnext", -0.25])
        try budget.writeRow(["Note across"])
        try budget.mergeCells("A4:C4")
        try budget.addTable(Table(range: "A1:E3", name: "Plan", columns: ["Output", "Amount", "Due", "Funded", "Twice"]))
        let codes = try book.addSheet("Codes", options: SheetOptions(hidden: true))
        try codes.writeRow(["RB"])
        try book.close()
        return path
    }

    static func lines(_ path: String, _ format: Inspect.Format, stats: Bool = false) throws -> [String] {
        var lines: [String] = []
        try Inspect.run(path: path, format: format, stats: stats) { lines.append($0) }
        return lines
    }

    @Test func theTextViewShowsSheetsCellsFormulasDimensionMergesAndTables() throws {
        let lines = try Self.lines(try Self.workbook(), .text)
        #expect(lines == [
            "# Budget [visible]",
            "A1\ts\tOutput", "B1\ts\tAmount", "C1\ts\tDue", "D1\ts\tFunded", "E1\ts\tTwice",
            "A2\ts\tR.1-3", "B2\tn\t1234.5", "C2\td\t2022-09-30", "D2\tb\tTRUE", "E2\tn\t2469\t=B2*2",
            "A3\ts\tLine \"two\"\nnext", "B3\tn\t-0.25",
            "A4\ts\tNote across",
            "dimension: A1:E4",
            "merged: A4:C4",
            "table: Plan A1:E3 (header row 1): \"Output\", \"Amount\", \"Due\", \"Funded\", \"Twice\"",
            "# Codes [hidden]",
            "A1\ts\tRB",
            "dimension: A1",
        ])
    }

    @Test func jsonLinesGiveOneObjectPerCellWithTypedValues() throws {
        let lines = try Self.lines(try Self.workbook(), .jsonl)
        #expect(lines.count == 14)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        for object in objects { #expect(Set(object.keys) == ["sheet", "ref", "type", "value"]) }
        func cell(_ sheet: String, _ ref: String) -> [String: Any]? {
            objects.first { $0["sheet"] as? String == sheet && $0["ref"] as? String == ref }
        }
        #expect(cell("Budget", "B2")?["type"] as? String == "n")
        #expect((cell("Budget", "B2")?["value"] as? NSNumber)?.doubleValue == 1234.5)
        #expect((cell("Budget", "B3")?["value"] as? NSNumber)?.doubleValue == -0.25)
        #expect(cell("Budget", "C2")?["type"] as? String == "d" && cell("Budget", "C2")?["value"] as? String == "2022-09-30")
        #expect(cell("Budget", "D2")?["type"] as? String == "b" && (cell("Budget", "D2")?["value"] as? NSNumber)?.boolValue == true)
        #expect(cell("Budget", "A3")?["value"] as? String == "Line \"two\"\nnext")
        #expect(cell("Codes", "A1")?["value"] as? String == "RB")
    }

    @Test func statsCountCellsByTypeAndSumTheNumbers() throws {
        #expect(try Self.lines(try Self.workbook(), .text, stats: true) == [
            "Budget: n=3 s=8 b=1 d=1 e=0 sum=3703.25",
            "Codes: n=0 s=1 b=0 d=0 e=0 sum=0.0",
        ])
    }

    @Test func oneSheetCanBeChosenAndAWrongNameListsTheSheets() throws {
        let path = try Self.workbook()
        var lines: [String] = []
        try Inspect.run(path: path, format: .jsonl, stats: false, sheet: "codes") { lines.append($0) }
        #expect(lines == [#"{"sheet":"Codes","ref":"A1","type":"s","value":"RB"}"#])
        let error = try #require(throws: XLSXError.self) { try Inspect.run(path: path, format: .text, stats: false, sheet: "Plan") { _ in } }
        #expect(error.description == "inspect.xlsx: error: no sheet named 'Plan'; its sheets: 'Budget', 'Codes'")
    }

    @Test func aFormulaWithoutASavedResultIsShownButNotExported() throws {
        let path = try WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f></c></row>"#).write()
        #expect(try Self.lines(path, .text).contains("B1\t-\t(no saved result)\t=A1*3"))
        #expect(try Self.lines(path, .jsonl) == [#"{"sheet":"Sheet1","ref":"A1","type":"n","value":2}"#])
        #expect(try Self.lines(path, .text, stats: true) == ["Sheet1: n=1 s=0 b=0 d=0 e=0 sum=2.0"])
    }

    /// A worksheet with a value, a shared-string and an inline empty string, and a chartsheet.
    static func chartAndBlanks() throws -> String {
        var book = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>"#
                                       + #"<c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1"><v>7</v></c></row>"#,
                                   sharedStrings: ["Output", ""])
        book.workbookXML = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/><sheet name="Chart &quot;1&quot;" sheetId="2" r:id="rId3"/></sheets></workbook>"#
        return try book.write { entries in
            let rels = #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#
            if let i = entries.firstIndex(where: { $0.name == "xl/_rels/workbook.xml.rels" }) {
                entries[i].runs = [.init(entries[i].runs.map(\.text).joined().replacingOccurrences(of: "</Relationships>", with: rels))]
            }
            entries.append(.init("xl/chartsheets/sheet1.xml",
                                 #"<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#))
        }
    }

    /// issue 15: every line of `--format jsonl` parses as JSON (a chartsheet is an object, not a
    /// `#` remark), and a cell holding the empty string is left out, as the help says.
    @Test func everyJSONLineParsesAndEmptyStringCellsAreLeftOut() throws {
        let path = try Self.chartAndBlanks()
        let lines = try Self.lines(path, .jsonl)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        #expect(lines == [
            #"{"sheet":"Sheet1","ref":"A1","type":"s","value":"Output"}"#,
            #"{"sheet":"Sheet1","ref":"D1","type":"n","value":7}"#,
            #"{"sheet":"Chart \"1\"","kind":"chartsheet","note":"not read as a grid"}"#,
        ])
        #expect(objects.last?["sheet"] as? String == "Chart \"1\"")
        // The text view still lists every cell as read, and remarks on the chartsheet.
        let text = try Self.lines(path, .text)
        #expect(text.contains("B1\ts\t") && text.contains("C1\ts\t"))
        #expect(text.contains("# Chart \"1\" (chartsheet, not read as a grid)"))
    }

    @Test func theCommandLineNamesAFileItCannotRead() throws {
        let folder = Fixtures.temporaryDirectory("rbm-inspect")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("Plan.xlsx").path
        try Data("Output,Amount\nR.1-3,10\n".utf8).write(to: URL(fileURLWithPath: path))
        let (code, output) = try #require(try CommandLineTests.rbm(["inspect", path]))
        #expect(code == 2)
        #expect(output.contains("Plan.xlsx"), "\(output)")
        #expect(output.lowercased().contains("csv"), "\(output)")
        let format = try #require(try CommandLineTests.rbm(["inspect", path, "--format", "xml"]))
        #expect(format.status != 0 && format.output.contains("--format must be text or jsonl"))
    }
}
