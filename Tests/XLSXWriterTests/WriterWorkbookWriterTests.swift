import Foundation
import Testing
import XLSXCore
import XLSXReader
@testable import XLSXWriter

@Suite struct WriterWorkbookWriterTests {
    /// Writes the same small workbook each time.
    private func writeSample(to path: String, options: WorkbookOptions = .init()) throws -> WorkbookWriter {
        let workbook = try WorkbookWriter(path: path, options: options)
        let header = CellStyle(bold: true, fillColor: "DDEBF7", border: .thin)
        let budget = try workbook.addSheet("Budget", options: SheetOptions(freezeRows: 1, autoFilter: true))
        try budget.writeRow([Cell("Output", style: header), Cell("CHF", style: header)])
        try budget.writeRow(["R.1-3", Cell(.decimal("45000.50"), style: CellStyle(numberFormat: "#,##0.00"))])
        try budget.mergeCells("C1:D1")
        let codes = try workbook.addSheet("Codes", options: SheetOptions(hidden: true))
        try codes.writeRow(["R.1-3", Cell(.date(year: 2026, month: 1, day: 31))])
        return workbook
    }

    @Test func aWholeWorkbookHasEveryPartInExcelsOrder() throws {
        let workbook = try writeSample(
            to: WriterTestSupport.temporaryPath(),
            options: WorkbookOptions(properties: DocumentProperties(title: "Sample", creator: "rbm", company: "ITU")))
        let parts = try WriterTestSupport.parts(of: workbook)
        #expect(
            parts.map(\.name) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/theme/theme1.xml", "xl/styles.xml",
                "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml",
            ])
        let xml = Dictionary(uniqueKeysWithValues: parts.map { ($0.name, WriterTestSupport.withoutDeclaration($0.xml)) })
        let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        #expect(
            xml["xl/_rels/workbook.xml.rels"]
                == "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(officeDocument)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(officeDocument)/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(officeDocument)/theme\" Target=\"theme/theme1.xml\"/>"
                + "<Relationship Id=\"rId4\" Type=\"\(officeDocument)/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId5\" Type=\"\(officeDocument)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "</Relationships>")
        #expect(
            xml["xl/worksheets/sheet1.xml"]
                == WriterTestSupport.worksheetStart + "<dimension ref=\"A1:B2\"/>"
                + "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>"
                + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
                + "<cols><col min=\"1\" max=\"1\" width=\"9.7109375\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"11.7109375\" customWidth=\"1\"/></cols>"
                + "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"2\"><v>45000.50</v></c></row></sheetData>"
                + "<autoFilter ref=\"A1:B2\"/><mergeCells count=\"1\"><mergeCell ref=\"C1:D1\"/></mergeCells>"
                + WriterTestSupport.pageMargins + "</worksheet>")
        #expect(
            xml["xl/worksheets/sheet2.xml"]
                == WriterTestSupport.worksheetStart + "<dimension ref=\"A1:B1\"/>"
                + "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
                + "<cols><col min=\"2\" max=\"2\" width=\"12.7109375\" customWidth=\"1\"/></cols>"
                + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c><c r=\"B1\" s=\"3\"><v>46053</v></c></row></sheetData>"
                + WriterTestSupport.pageMargins + "</worksheet>")
        #expect(
            xml["xl/sharedStrings.xml"]
                == "<sst \(WriterTestSupport.mainNamespace) count=\"4\" uniqueCount=\"3\">"
                + "<si><t>Output</t></si><si><t>CHF</t></si><si><t>R.1-3</t></si></sst>")
        #expect(xml["xl/workbook.xml"]?.contains("<sheet name=\"Codes\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>") == true)
        #expect(
            xml["xl/workbook.xml"]?.contains(
                "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">Budget!$A$1:$B$2</definedName></definedNames>")
                == true)
        #expect(xml["xl/styles.xml"]?.contains("<cellXfs count=\"4\">") == true)
        #expect(xml["docProps/core.xml"]?.contains("<dc:title>Sample</dc:title>") == true)
        #expect(xml["docProps/app.xml"]?.contains("<Company>ITU</Company>") == true)
    }

    /// Sheets written in one order and arranged in another: the tabs, the worksheet parts, the
    /// selected tab and the sheet-scoped names follow the arranged order; the rows stay with their sheet.
    @Test func sheetsWrittenInAnyOrderAreArrangedBeforeClose() throws {
        let path = WriterTestSupport.temporaryPath()
        let workbook = try WorkbookWriter(path: path)
        let later = try workbook.addSheet("Later", options: SheetOptions(autoFilter: true))
        try later.writeRow(["written first"])
        let first = try workbook.addSheet("First")
        try first.writeRow(["written second"])
        #expect { try workbook.arrangeSheets(["First"]) } throws: { ($0 as? WorkbookWriterError)?.code == .invalidWorkbook }
        #expect { try workbook.arrangeSheets(["First", "Nope"]) } throws: { ($0 as? WorkbookWriterError)?.code == .invalidWorkbook }
        #expect { try workbook.arrangeSheets(["First", "First"]) } throws: { ($0 as? WorkbookWriterError)?.code == .invalidWorkbook }
        try workbook.arrangeSheets(["First", "Later"])
        #expect(workbook.sheetNames == ["First", "Later"])
        try workbook.close()
        let book = try Workbook(path: path)
        #expect(book.sheets.map(\.name) == ["First", "Later"])
        #expect(book.sheets.map(\.part) == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let xml = try WriterTestSupport.partText(path, "xl/workbook.xml")
        #expect(xml.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">Later!$A$1</definedName>"), "\(xml)")
        #expect(try WriterTestSupport.partText(path, "xl/worksheets/sheet1.xml").contains("tabSelected=\"1\""))
        #expect(try !WriterTestSupport.partText(path, "xl/worksheets/sheet2.xml").contains("tabSelected"))
        // Shared strings are numbered as written ("written first" is 0): each sheet keeps its own text.
        #expect(try "\(book.grid(for: book.sheets[0]).rows)".contains("written second"))
        #expect(try "\(book.grid(for: book.sheets[1]).rows)".contains("written first"))
    }

    /// A workbook begun for one path and closed to another: the other gets the file, the first nothing.
    @Test func aWorkbookClosedToAnotherPathIsWrittenThereOnly() throws {
        let begun = WriterTestSupport.temporaryPath("begun.xlsx")
        let workbook = try writeSample(to: begun)
        let folder = URL(fileURLWithPath: begun).deletingLastPathComponent().appendingPathComponent("made-later")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = folder.appendingPathComponent("final.xlsx").path
        try workbook.close(to: destination)
        #expect(!FileManager.default.fileExists(atPath: begun))
        #expect(try Workbook(path: destination).sheets.map(\.name) == ["Budget", "Codes"])
    }

    @Test func inlineStringsLeaveOutTheSharedStringsPart() throws {
        let workbook = try writeSample(
            to: WriterTestSupport.temporaryPath(), options: WorkbookOptions(stringStorage: .inline))
        let parts = try WriterTestSupport.parts(of: workbook)
        #expect(!parts.map(\.name).contains("xl/sharedStrings.xml"))
        #expect(!parts.contains { $0.xml.contains("sharedStrings") })
        #expect(parts[4].xml.contains("<c r=\"A2\" t=\"inlineStr\"><is><t>R.1-3</t></is></c>"))
    }

    @Test func theSameContentGivesByteIdenticalFiles() throws {
        let first = WriterTestSupport.temporaryPath()
        let second = WriterTestSupport.temporaryPath()
        try writeSample(to: first).close()
        try writeSample(to: second).close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
    }

    @Test func aWorkbookThatIsNotClosedLeavesNoFile() throws {
        let path = WriterTestSupport.temporaryPath()
        do {
            _ = try writeSample(to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [
        ("", "sheet name '' is empty"),
        ("A name that is far too long for Excel", "sheet name 'A name that is far too long for Excel' has 37 characters; the limit is 31"),
        ("Q1/Q2", "sheet name 'Q1/Q2' contains '/'; sheet names cannot contain [ ] : * ? / \\"),
        ("[draft]", "sheet name '[draft]' contains '['; sheet names cannot contain [ ] : * ? / \\"),
        ("What?", "sheet name 'What?' contains '?'; sheet names cannot contain [ ] : * ? / \\"),
        ("'quoted'", "sheet name ''quoted'' begins or ends with an apostrophe"),
        ("history", "sheet name 'history' is reserved by Excel"),
        ("tab\tname", "sheet name 'tab\tname' contains a control character"),
        ("tail \u{FFFF}", "sheet name 'tail \u{FFFF}' contains U+FFFE or U+FFFF, which XML cannot carry"),
        ("\u{FFFE}", "sheet name '\u{FFFE}' contains U+FFFE or U+FFFF, which XML cannot carry"),
    ])
    func invalidSheetNamesAreRejectedWithTheirReason(name: String, message: String) throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        #expect {
            _ = try workbook.addSheet(name)
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == .invalidSheetName && error?.description == "out.xlsx: error: \(message)"
        }
    }

    /// A sheet name is written as it is, a literal `_xHHHH_` included: readers take sheet names
    /// literally (found by `FuzzWriterRoundTrip`: `_xFFFF_` written for U+FFFF came back as text).
    @Test func aSheetNameThatLooksEscapedReadsBackAsWritten() throws {
        let path = WriterTestSupport.temporaryPath("escape-like-sheet-name.xlsx")
        let workbook = try WorkbookWriter(path: path)
        let names = ["_x0041_ plan", "_x005F_", "R&D <draft>", "_xFFFF_"]
        for name in names { try workbook.addSheet(name).writeRow(["x"]) }
        try workbook.close()
        let book = try Workbook(path: path)
        #expect(book.sheets.map(\.name) == names)
    }

    @Test func sheetNamesMustBeUniqueIgnoringCase() throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        _ = try workbook.addSheet("Budget 2026")
        _ = try workbook.addSheet("Écarts")
        #expect(workbook.sheetNames == ["Budget 2026", "Écarts"])
        for name in ["BUDGET 2026", "écarts"] {
            #expect {
                _ = try workbook.addSheet(name)
            } throws: { error in
                (error as? WorkbookWriterError)?.code == .duplicateSheetName
            }
        }
        #expect(throws: Never.self) { _ = try workbook.addSheet("Budget 2027") }
    }

    @Test(arguments: [
        (SheetOptions(freezeRows: -1), "sheet 'S': cannot freeze -1 rows"),
        (SheetOptions(freezeColumns: 16_384), "sheet 'S': cannot freeze 16384 columns"),
        (SheetOptions(columnWidths: [10, 300]), "sheet 'S': width 300.0 of column 2 is outside 0...255"),
        (SheetOptions(tabColor: "green"), "sheet 'S': tab colour 'green' is not hex RRGGBB or AARRGGBB"),
        (SheetOptions(pageFooter: String(repeating: "x", count: 256)), "sheet 'S': page footer of 256 characters exceeds Excel's limit of 255"),
    ])
    func invalidSheetOptionsAreRejected(options: SheetOptions, message: String) throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        #expect {
            _ = try workbook.addSheet("S", options: options)
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == .invalidSheetOptions && error?.message == message
        }
    }

    /// A row Excel cannot hold, named briefly so that test logs stay short.
    struct RejectedRow: Sendable, CustomTestStringConvertible {
        var label: String
        var row: [Cell]
        var code: WorkbookWriterError.Code
        var description: String
        var testDescription: String { label }
    }

    @Test(arguments: [
        RejectedRow(
            label: "string too long", row: [1, Cell(.string(String(repeating: "x", count: 32_768)))], code: .stringTooLong,
            description:
                "out.xlsx[xl/worksheets/sheet1.xml] B2: error: sheet 'Data': string of 32768 characters exceeds Excel's limit of 32767"
        ),
        RejectedRow(
            label: "NaN", row: [Cell(.number(.nan))], code: .invalidValue,
            description: "out.xlsx[xl/worksheets/sheet1.xml] A2: error: sheet 'Data': number nan is not finite"
        ),
        RejectedRow(
            label: "malformed decimal", row: ["a", "b", Cell(.decimal("1,5"))], code: .invalidValue,
            description: "out.xlsx[xl/worksheets/sheet1.xml] C2: error: sheet 'Data': '1,5' is not a decimal number"
        ),
        RejectedRow(
            label: "impossible date", row: [Cell(.date(year: 2026, month: 2, day: 29))], code: .invalidValue,
            description:
                "out.xlsx[xl/worksheets/sheet1.xml] A2: error: sheet 'Data': 2026-2-29 is not a date from 1900-01-01 to 9999-12-31"
        ),
        RejectedRow(
            label: "nested formula", row: [Cell(.formula("A1", cached: .formula("A2", cached: .empty)))],
            code: .invalidValue,
            description:
                "out.xlsx[xl/worksheets/sheet1.xml] A2: error: sheet 'Data': a formula's cached value cannot be a formula"
        ),
        RejectedRow(
            label: "malformed colour", row: [Cell(1, style: CellStyle(fillColor: "yellow"))], code: .invalidStyle,
            description:
                "out.xlsx[xl/worksheets/sheet1.xml] A2: error: sheet 'Data': colour 'yellow' is not hex RRGGBB or AARRGGBB"
        ),
        RejectedRow(
            label: "16,385 cells", row: Array(repeating: Cell(1), count: 16_385), code: .tooManyColumns,
            description:
                "out.xlsx[xl/worksheets/sheet1.xml] XFE2: error: sheet 'Data': row has 16385 cells; a row holds at most 16384"
        ),
    ])
    func cellsExcelCannotHoldAreRejectedWithTheirPlace(rejected: RejectedRow) throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        let sheet = try workbook.addSheet("Data")
        try sheet.writeRow(["header"])
        #expect {
            try sheet.writeRow(rejected.row)
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == rejected.code && error?.description == rejected.description
        }
        // The failed row left nothing behind: the next row takes its place.
        try sheet.writeRow(["next"])
        #expect(sheet.rowCount == 2)
        let xml = try WriterTestSupport.parts(of: workbook)[4].xml
        #expect(xml.contains("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>"))
        #expect(!xml.contains("<row r=\"3\""))
    }

    @Test func rowHeightsOutsideExcelsRangeAreRejected() throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        let sheet = try workbook.addSheet("Data")
        #expect {
            try sheet.writeRow(["x"], height: 410)
        } throws: { error in
            (error as? WorkbookWriterError)?.description
                == "out.xlsx[xl/worksheets/sheet1.xml]: error: sheet 'Data': row height 410.0 is outside 0...409 points"
        }
    }

    @Test func aSheetHoldsAtMostExcelsRowCount() throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        let sheet = try workbook.addSheet("Data")
        for _ in 0..<1_048_576 {
            try sheet.writeRow([])
        }
        #expect {
            try sheet.writeRow([])
        } throws: { error in
            (error as? WorkbookWriterError)?.code == .tooManyRows
        }
    }

    @Test func closingNeedsAVisibleSheetAndHappensOnce() throws {
        let path = WriterTestSupport.temporaryPath()
        let workbook = try WorkbookWriter(path: path)
        #expect { try workbook.close() } throws: { ($0 as? WorkbookWriterError)?.code == .invalidWorkbook }
        let hidden = try workbook.addSheet("Hidden", options: SheetOptions(hidden: true))
        #expect { try workbook.close() } throws: { ($0 as? WorkbookWriterError)?.code == .invalidWorkbook }
        _ = try workbook.addSheet("Shown")
        try workbook.close()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect { try workbook.close() } throws: { ($0 as? WorkbookWriterError)?.code == .alreadyClosed }
        #expect { try hidden.writeRow(["late"]) } throws: { ($0 as? WorkbookWriterError)?.code == .alreadyClosed }
        #expect { _ = try workbook.addSheet("Late") } throws: { ($0 as? WorkbookWriterError)?.code == .alreadyClosed }
    }

    @Test func aFolderThatDoesNotExistFailsAtCloseWithLibzipsReason() throws {
        let workbook = try WorkbookWriter(path: "/nonexistent-rbm-folder/out.xlsx")
        try workbook.addSheet("Data").writeRow(["x"])
        #expect {
            try workbook.close()
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == .archiveFailed
                && error?.description
                    == "out.xlsx: error: cannot write archive: Failure to create temporary file: No such file or directory"
        }
    }

    @Test func compressionLevelsOutsideZeroToNineAreRejected() {
        #expect {
            _ = try WorkbookWriter(path: "out.xlsx", options: WorkbookOptions(compressionLevel: 10))
        } throws: { error in
            (error as? WorkbookWriterError)?.description == "out.xlsx: error: compression level 10 is outside 0...9"
        }
    }

    // MARK: Streaming

    @Test func rowsMoveToASpoolFileAndTheFileIsTheSameAsWhenHeldInMemory() throws {
        let spooled = WriterTestSupport.temporaryPath("spooled.xlsx")
        let held = WriterTestSupport.temporaryPath("held.xlsx")
        try WriterSampleWorkbooks.writeStreamed(spooled, rows: 3_000, spoolThreshold: 4 * 1024)
        try WriterSampleWorkbooks.writeStreamed(held, rows: 3_000, spoolThreshold: .max)
        #expect(try Data(contentsOf: URL(fileURLWithPath: spooled)) == Data(contentsOf: URL(fileURLWithPath: held)))
    }

    @Test func aSpooledSheetReadsBackThroughRbmsReader() throws {
        let path = WriterTestSupport.temporaryPath()
        try WriterSampleWorkbooks.writeStreamed(path, rows: 3_000, spoolThreshold: 4 * 1024)
        let book = try Workbook(path: path)
        let cursor = try book.cursor(for: try #require(book.sheets.first))
        var rows = 0
        var sum = 0.0
        var last = ""
        while let row = try cursor.nextRow() {
            rows += 1
            for cell in row.cells {
                switch cell.value {
                case .number(let value, _) where cell.reference.column == 1: sum += value
                case .string(let text): last = text
                default: break
                }
            }
        }
        #expect(rows == 3_001)
        #expect(sum == 3_000 * 3_001 / 2)
        #expect(last == "Name 3000")
    }

    @Test func memoryHoldsAtMostTheThresholdAndOneRow() throws {
        let workbook = try WorkbookWriter(path: WriterTestSupport.temporaryPath())
        let sheet = try workbook.addSheet("Rows")
        sheet.part.spoolThreshold = 8 * 1024
        var largest = 0
        for row in 1...5_000 {
            try sheet.writeRow([Cell(.number(Double(row))), Cell(.string("Name \(row)")), Cell(.number(Double(row) / 7))])
            largest = max(largest, sheet.part.rowBytes.buffered)
        }
        #expect(largest < 8 * 1024 + 200)
        #expect(sheet.part.rowBytes.spooled > 100_000)
        try workbook.close()
    }

    @Test func aSpoolFileThatCannotBeMadeFailsTheRowAndTheClose() throws {
        let workbook = try WorkbookWriter(path: WriterTestSupport.temporaryPath())
        let sheet = try workbook.addSheet("Rows")
        sheet.part.spoolThreshold = 64
        sheet.part.spoolDirectory = "/nonexistent-rbm-folder"
        try sheet.writeRow(["a fairly long first row that passes the threshold of sixty-four bytes", 1, 2, 3])
        let expected =
            "test.xlsx[xl/worksheets/sheet1.xml]: error: sheet 'Rows': cannot keep rows in a spool file: "
            + "cannot create a spool file: No such file or directory"
        #expect {
            try sheet.writeRow(["second"])
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == .archiveFailed && error?.description == expected && error?.underlying != nil
        }
        #expect { try workbook.close() } throws: { ($0 as? WorkbookWriterError)?.description == expected }
    }

    // MARK: Sheet features

    @Test func aWorkbookWithEveryFeatureHasItsPartsInOrder() throws {
        let path = WriterTestSupport.temporaryPath()
        try WriterSampleWorkbooks.writeFeatures(path)
        let archive = try ZipArchiveReaderForTests(path: path)
        #expect(
            archive.names == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet1.xml.rels",
                "xl/worksheets/_rels/sheet2.xml.rels", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml",
                "xl/tables/table1.xml", "xl/theme/theme1.xml", "xl/styles.xml", "xl/sharedStrings.xml", "docProps/core.xml",
                "docProps/app.xml",
            ])
    }

    /// rbm's reader finds the table the writer wrote, with its header row, data rows and columns.
    @Test func aTableWrittenByRbmReadsBack() throws {
        let path = WriterTestSupport.temporaryPath("tables.xlsx")
        try WriterSampleWorkbooks.writeFeatures(path)
        let book = try Workbook(path: path)
        let tables = try book.tables()
        #expect(tables.count == 1)
        let table = try #require(tables.first)
        #expect(table.name == "CodeList")
        #expect(table.sheet == "Codes")
        #expect(table.range == CellRange("A1:B3"))
        #expect(table.headerRow == 1)
        #expect(table.dataRange == CellRange("A2:B3"))
        #expect(table.columns == ["Name", "Value"])
        #expect(table.part == "xl/tables/table1.xml")
        #expect(try book.table(named: "codelist")?.range == CellRange("A1:B3"))
        #expect(try book.table(named: "Other") == nil)
        #expect(try book.tables(in: try #require(book.sheet(named: "Data"))).isEmpty)
    }

    @Test func notesOnSeveralSheetsNumberTheirPartsAndShapeIdsInTabOrder() throws {
        let workbook = try WorkbookWriter(path: WriterTestSupport.temporaryPath())
        let first = try workbook.addSheet("First")
        _ = try workbook.addSheet("Plain")
        let third = try workbook.addSheet("Third")
        try third.addNote(at: "A1", "third")
        try first.addNote(at: "B2", "first", author: "Ana")
        let parts = Dictionary(uniqueKeysWithValues: try WriterTestSupport.parts(of: workbook).map { ($0.name, $0.xml) })
        #expect(parts["xl/comments1.xml"]?.contains("<author>Ana</author>") == true)
        #expect(parts["xl/comments2.xml"]?.contains("<t>third</t>") == true)
        #expect(parts["xl/drawings/vmlDrawing2.vml"]?.contains("<o:idmap v:ext=\"edit\" data=\"2\"/>") == true)
        #expect(parts["xl/drawings/vmlDrawing2.vml"]?.contains("<v:shape id=\"_x0000_s2049\"") == true)
        #expect(parts["xl/worksheets/_rels/sheet3.xml.rels"]?.contains("Target=\"../comments2.xml\"") == true)
        #expect(parts["xl/worksheets/_rels/sheet2.xml.rels"] == nil)
    }

    @Test func notesWithoutAnAuthorCarryTheCreator() throws {
        let workbook = try WorkbookWriter(
            path: WriterTestSupport.temporaryPath(), options: WorkbookOptions(properties: DocumentProperties(creator: "rbm")))
        try workbook.addSheet("Data").addNote(at: "A1", "checked")
        let comments = try WriterTestSupport.parts(of: workbook).first { $0.name == "xl/comments1.xml" }
        #expect(comments?.xml.contains("<authors><author>rbm</author></authors>") == true)
    }

    @Test func aHyperlinkToAMissingSheetFailsTheCloseUntilTheSheetIsAdded() throws {
        let path = WriterTestSupport.temporaryPath()
        let workbook = try WorkbookWriter(path: path)
        let summary = try workbook.addSheet("Summary")
        try summary.addHyperlink(at: "A1", to: .cell(sheet: "Detail", reference: "A1"))
        #expect {
            try workbook.close()
        } throws: { error in
            (error as? WorkbookWriterError)?.description
                == "test.xlsx[xl/worksheets/sheet1.xml]: error: sheet 'Summary': a hyperlink leads to sheet 'Detail', which the workbook does not have"
        }
        _ = try workbook.addSheet("Detail")
        try workbook.close()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func tablesAreNumberedAcrossTheWorkbookAndNamedUniquely() throws {
        let workbook = try WorkbookWriter(path: WriterTestSupport.temporaryPath())
        let first = try workbook.addSheet("First")
        let second = try workbook.addSheet("Second")
        try second.addTable(Table(range: "A1:A3", columns: ["A"]))
        try first.addTable(Table(range: "A1:A3", name: "Budget", columns: ["A"]))
        try first.addTable(Table(range: "C1:C3", columns: ["C"]))
        try workbook.addDefinedName(name: "Total", formula: "First!$A$3")
        for (name, message) in [
            ("budget", "table name 'budget' is already used by a table or a defined name"),
            ("TOTAL", "table name 'TOTAL' is already used by a table or a defined name"),
            ("A1", "table name 'A1' is not a name Excel accepts (a letter or _ first, then letters, digits, _ or ., not a cell reference)"),
        ] {
            #expect {
                try second.addTable(Table(range: "E1:E3", name: name, columns: ["E"]))
            } throws: { error in
                let error = error as? WorkbookWriterError
                return error?.code == .invalidTable && error?.message == "sheet 'Second': \(message)"
            }
        }
        // A refused table frees its name and number.
        #expect(throws: WorkbookWriterError.self) { try second.addTable(Table(range: "E1:E1", name: "Late", columns: ["E"])) }
        try second.addTable(Table(range: "E1:E3", name: "Late", columns: ["E"]))
        let parts = try WriterTestSupport.parts(of: workbook)
        let tables = parts.filter { $0.name.hasPrefix("xl/tables/") }
        #expect(tables.map(\.name) == ["xl/tables/table1.xml", "xl/tables/table2.xml", "xl/tables/table3.xml", "xl/tables/table4.xml"])
        #expect(tables.map { $0.xml.contains("name=\"Table1\"") } == [true, false, false, false])
        #expect(tables[1].xml.contains("id=\"2\" name=\"Budget\""))
        #expect(tables[2].xml.contains("id=\"3\" name=\"Table3\""))
        #expect(tables[3].xml.contains("id=\"4\" name=\"Late\""))
        let sheet1Rels = parts.first { $0.name == "xl/worksheets/_rels/sheet1.xml.rels" }?.xml ?? ""
        #expect(sheet1Rels.contains("Target=\"../tables/table2.xml\"") && sheet1Rels.contains("Target=\"../tables/table3.xml\""))
    }

    @Test func aTableAddedBeforeItsHeaderRowChecksTheHeaderCells() throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        let sheet = try workbook.addSheet("Data")
        try sheet.writeRow(["Title"])
        try sheet.addTable(Table(range: "B2:C9", name: "Budget", columns: ["Code", "Amount"]))
        #expect {
            try sheet.writeRow([.empty, "Code", 2026])
        } throws: { error in
            (error as? WorkbookWriterError)?.description
                == "out.xlsx[xl/worksheets/sheet1.xml] C2: error: sheet 'Data': table 'Budget' names this column 'Amount', so its header cell must hold that text"
        }
        try sheet.writeRow([.empty, "Code", "Amount"])
        try sheet.writeRow([.empty, "R.1", 10])
        #expect(sheet.rowCount == 3)
    }

    @Test(arguments: [
        ("2026", "=1", nil as String?, "defined name '2026' is not a name Excel accepts (a letter or _ first, then letters, digits, _ or ., not a cell reference)"),
        ("B12", "=1", nil, "defined name 'B12' is not a name Excel accepts (a letter or _ first, then letters, digits, _ or ., not a cell reference)"),
        ("_xlnm.Print_Area", "Data!$A$1:$B$2", nil, "defined name '_xlnm.Print_Area' is reserved: the writer makes Excel's built-in names from the sheet options"),
        ("Rate", "=", nil, "defined name 'Rate' needs a formula of 1 to 8,192 characters"),
        ("Rate", "0.5", "Missing", "defined name 'Rate' belongs to sheet 'Missing', which the workbook does not have"),
        ("threshold", "0.5", nil, "defined name 'threshold' is already defined for the workbook"),
        ("Local", "0.5", "Data", "defined name 'Local' is already defined for sheet 'Data'"),
        ("Budget", "0.5", nil, "defined name 'Budget' is already the name of a table"),
    ])
    func definedNamesExcelWouldRejectAreRefused(name: String, formula: String, sheet: String?, message: String) throws {
        let workbook = try WorkbookWriter(path: "out.xlsx")
        let data = try workbook.addSheet("Data")
        try data.addTable(Table(range: "A1:A2", name: "Budget", columns: ["A"]))
        try workbook.addDefinedName(name: "Threshold", formula: "=Data!$B$2")
        try workbook.addDefinedName(name: "Local", formula: "Data!$A$1", localSheet: "Data")
        try workbook.addDefinedName(name: "Local", formula: "Data!$A$2")
        #expect {
            try workbook.addDefinedName(name: name, formula: formula, localSheet: sheet)
        } throws: { error in
            let error = error as? WorkbookWriterError
            return error?.code == .invalidDefinedName && error?.message == message
        }
    }
}

/// The entry names of a written archive, in central-directory order (a minimal reader: no zip64).
struct ZipArchiveReaderForTests {
    var names: [String] = []

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func uint16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func uint32(_ offset: Int) -> Int { uint16(offset) | uint16(offset + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { uint32($0) == 0x0605_4B50 })
        else { return }
        var offset = uint32(end + 16)
        for _ in 0..<uint16(end + 10) where uint32(offset) == 0x0201_4B50 {
            let nameLength = uint16(offset + 28)
            names.append(String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self))
            offset += 46 + nameLength + uint16(offset + 30) + uint16(offset + 32)
        }
    }
}

/// A number format's layout, the width estimate's input (read on the code's bytes since session 12).
@Suite struct NumberLayoutTests {
    @Test(arguments: [
        (nil, WorksheetPart.NumberLayout.general), ("General", .general), ("General;-General", .general), ("", .fixed(decimals: 0, grouping: false, percent: false)),
        ("0", .fixed(decimals: 0, grouping: false, percent: false)), ("0.00", .fixed(decimals: 2, grouping: false, percent: false)),
        ("#,##0", .fixed(decimals: 0, grouping: true, percent: false)), ("#,##0.0#;[Red]-#,##0.0#", .fixed(decimals: 2, grouping: true, percent: false)),
        ("0.0%", .fixed(decimals: 1, grouping: false, percent: true)), ("+#,##0;-#,##0;0", .fixed(decimals: 0, grouping: true, percent: false)),
        ("0.00 \"CHF\"", .text(width: 10)), ("yyyy-mm-dd", .text(width: 10)), ("@", .text(width: 1)), ("[$€-407] #,##0.00", .fixed(decimals: 2, grouping: true, percent: false)),
        // A colour's letters count as a date's (`d` in `[Red]`): the estimate is the code's width.
        ("[Red]0.0", .text(width: 8)), ("0.", .fixed(decimals: 0, grouping: false, percent: false)),
        (";0.0", .fixed(decimals: 0, grouping: false, percent: false)), ("0.00.00", .fixed(decimals: 2, grouping: false, percent: false)),
        // Read as characters, a code starting with its point had no decimals.
        (".00", .fixed(decimals: 2, grouping: false, percent: false)),
    ] as [(String?, WorksheetPart.NumberLayout)])
    func formatCodesAreLaidOut(code: String?, layout: WorksheetPart.NumberLayout) {
        #expect(WorksheetPart.NumberLayout(formatCode: code) == layout)
    }
}
