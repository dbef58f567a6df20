import Foundation
import TestSupport
import Testing
import XLSXCore
import XLSXReader

@testable import XLSXWriter

/// The amender copies a workbook with every part kept and marks cells: the worksheet's bytes are
/// edited in place (element by element here), and the whole copy is compared cell by cell with its
/// original by the project's reader and by openpyxl.
@Suite struct WriterPackageAmenderTests {
    static func marked(_ xml: String, _ cells: [(row: Int, column: Int)], drawing: String? = nil, chunk: Int = 7) throws -> String {
        var targets: [Int: [Int: WorksheetMarker.Restyle]] = [:]
        for cell in cells { targets[cell.row, default: [:]][cell.column] = { $0 + 100 } }
        var marker = WorksheetMarker(targets: targets, legacyDrawingID: drawing)
        var output: [UInt8] = []
        let bytes = Array(xml.utf8)
        // Small chunks: every tag is cut somewhere at least once.
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try marker.feed(bytes[start..<min(start + chunk, bytes.count)])
            output += marker.take()
        }
        try marker.finish()
        output += marker.take()
        return String(decoding: output, as: UTF8.self)
    }

    @Test func aTargetCellGetsItsNewStyleAndEveryOtherByteStays() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="B2" s="3"><f>A1*2</f><v>4</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#
        let out = try Self.marked(xml, [(2, 1), (2, 2)])
        #expect(out == #"<worksheet xmlns="m"><sheetData><row r="2" spans="1:3"><c r="A2" t="s" s="100"><v>0</v></c><c r="B2" s="103"><f>A1*2</f><v>4</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#)
    }

    @Test func emptyCellsAndRowsAreCreatedInRowAndColumnOrder() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row r="2"><c r="B2"><v>1</v></c><c r="D2"><v>2</v></c></row><row r="5"/></sheetData></worksheet>"#
        let out = try Self.marked(xml, [(1, 3), (2, 1), (2, 3), (2, 6), (3, 2), (5, 1), (9, 1)])
        #expect(out == #"<worksheet xmlns="m"><sheetData><row r="1"><c r="C1" s="100"/></row><row r="2"><c r="A2" s="100"/><c r="B2"><v>1</v></c><c r="C2" s="100"/><c r="D2"><v>2</v></c><c r="F2" s="100"/></row><row r="3"><c r="B3" s="100"/></row><row r="5"><c r="A5" s="100"/></row><row r="9"><c r="A9" s="100"/></row></sheetData></worksheet>"#)
    }

    @Test func anEmptySheetDataAndAPrefixedSheetAreMarkedToo() throws {
        let xml = #"<x:worksheet xmlns:x="m"><x:sheetData/><x:tableParts count="1"><x:tablePart r:id="rId1"/></x:tableParts></x:worksheet>"#
        let out = try Self.marked(xml, [(4, 2)], drawing: "rId9")
        #expect(out == #"<x:worksheet xmlns:x="m"><x:sheetData><x:row r="4"><x:c r="B4" s="100"/></x:row></x:sheetData><x:legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/><x:tableParts count="1"><x:tablePart r:id="rId1"/></x:tableParts></x:worksheet>"#)
    }

    @Test func theNotesDrawingGoesBeforeTheRootClosesWhenNothingFollowsIt() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" s="2"/></row></sheetData><pageMargins left="0.7"/></worksheet>"#
        let out = try Self.marked(xml, [(1, 1)], drawing: "rId1")
        #expect(out.hasSuffix(#"<pageMargins left="0.7"/><legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>"#))
        #expect(out.contains(#"<c r="A1" s="102"/>"#))
    }

    @Test func cellsWithoutReferencesArePlacedByTheirPosition() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row><c><v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>"#
        let out = try Self.marked(xml, [(1, 2)])
        #expect(out == #"<worksheet xmlns="m"><sheetData><row><c><v>1</v></c><c s="100"><v>2</v></c></row></sheetData></worksheet>"#)
    }

    @Test(arguments: [
        #"<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>"#,
        #"<worksheet><sheetData><row r="1"><c r="A1"#,
    ])
    func aForbiddenOrTruncatedSheetIsRefused(xml: String) {
        #expect(throws: MarkupScanner.Failure.self) { try Self.marked(xml, [(1, 1)]) }
    }

    @Test func attributeValuesMayHoldAngleBrackets() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="str" x="a>b"><f>IF(B1&gt;2,"&lt;","")</f></c></row></sheetData></worksheet>"#
        let out = try Self.marked(xml, [(1, 1)], chunk: 3)
        #expect(out == #"<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="str" x="a>b" s="100"><f>IF(B1&gt;2,"&lt;","")</f></c></row></sheetData></worksheet>"#)
    }

    /// Mutated sheets (bytes dropped, doubled, replaced by markup characters) are marked or refused,
    /// never a trap: the amender runs in the supervisor, which must not die of a workbook.
    @Test func mutatedSheetsAreMarkedOrRefusedNeverATrap() {
        let xml = Array(#"<?xml version="1.0"?><x:worksheet xmlns:x="m"><x:sheetData><x:row r="2" spans="1:3"><x:c r="A2" s="1" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:f>SUM(A1:B1)</x:f></x:c></x:row><x:row r="4"/></x:sheetData><!-- a > b --><x:legacyDrawingHF r:id="r"/></x:worksheet>"#.utf8)
        var random = SeededRandom(seed: 13)
        let alphabet = Array("<>/=\"' x:rcs![]-?".utf8)
        var refused = 0
        for _ in 0..<2_000 {
            var bytes = xml
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default: bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                }
            }
            do { _ = try Self.marked(String(decoding: bytes, as: UTF8.self), [(1, 1), (2, 2), (4, 1)], drawing: "rId1", chunk: 5) } catch {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    // MARK: Whole workbooks

    /// A workbook with a table, a workbook name, a name scoped to its second sheet, a merge, a
    /// formula, a date, a data validation and frozen panes, written by openpyxl.
    static let makeWorkbook = """
    import sys, datetime, openpyxl
    from openpyxl.worksheet.table import Table
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.styles import Font
    from openpyxl.comments import Comment
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in [["Code", "Amount", "Year"], ["R.1-1", 100, 2024], ["R.1-2", 250.5, 2024], ["R.2-1", 75, 2025]]:
        ws.append(row)
    ws["A1"].font = Font(bold=True)
    ws.add_table(Table(displayName="Budget", ref="A1:C4"))
    ws["B6"] = "=SUM(B2:B4)"
    ws["E1"] = "Merged title"
    ws.merge_cells("E1:G1")
    ws["E3"] = datetime.date(2024, 5, 17)
    ws["E3"].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    dv = DataValidation(type="list", formula1='"A,B"')
    ws.add_data_validation(dv)
    dv.add("H2")
    ws.column_dimensions["A"].width = 18
    notes = wb.create_sheet("Notes & more")
    notes["A1"] = "Free text"
    notes["B2"] = 3.25
    notes["B2"].comment = Comment("The sender's own note", "Bureau")
    notes["C3"] = "noted"
    notes["C3"].comment = Comment("Another note of theirs", "Bureau")
    wb.defined_names["Rate"] = DefinedName("Rate", attr_text="Data!$B$2")
    notes.defined_names["Local"] = DefinedName("Local", attr_text="'Notes & more'!$A$1")
    wb.save(sys.argv[1])
    """

    static let marks = [
        PackageAmendment.Mark(sheet: "Data", row: 2, column: 2, fill: "FFC7CE", note: "Amount too high"),
        PackageAmendment.Mark(sheet: "Data", row: 3, column: 2, fill: "FFEB9C", note: "Check this"),
        PackageAmendment.Mark(sheet: "Data", row: 4, column: 2, fill: "FFEB9C", note: "Check this"),
        PackageAmendment.Mark(sheet: "Data", row: 1, column: 1, fill: "DDEBF7", note: "A header"),
        PackageAmendment.Mark(sheet: "Data", row: 6, column: 2, fill: "FFC7CE", note: "Formula total"),
        PackageAmendment.Mark(sheet: "Data", row: 5, column: 4, fill: "FFC7CE", note: "An empty cell in an empty row"),
        PackageAmendment.Mark(sheet: "Data", row: 3, column: 5, fill: "FFC7CE"),
        PackageAmendment.Mark(sheet: "Notes & more", row: 1, column: 1, fill: "FFC7CE", note: "Words & <marks>"),
        PackageAmendment.Mark(sheet: "Notes & more", row: 30, column: 30, fill: "FFEB9C", note: "Far away"),
    ]

    /// A cell with a note of its own: filled, its note kept, ours not added.
    static let annotated = PackageAmendment.Mark(sheet: "Notes & more", row: 2, column: 2, fill: "FFC7CE", note: "Ours")

    static var amendment: PackageAmendment {
        let sheet = AddedSheet(name: "Data", columnWidths: [20, 40], rows: [
            [AddedSheet.Cell("Cell", bold: true), AddedSheet.Cell("Note", bold: true)],
            [AddedSheet.Cell("Data!B2", link: (sheet: "Data", row: 2, column: 2)), AddedSheet.Cell("Amount too high", fill: "FFC7CE")],
            [AddedSheet.Cell("Notes!A1", link: (sheet: "Notes & more", row: 1, column: 1)), AddedSheet.Cell(.number(3))],
        ])
        return PackageAmendment(marks: marks + [annotated, PackageAmendment.Mark(sheet: "Missing", row: 1, column: 1, fill: "FFC7CE")],
                                firstSheet: sheet)
    }

    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"))
    func anOpenpyxlWorkbookWithATableAndNamesKeepsEveryPartAndCell() throws {
        let python = try #require(Fixtures.python)
        let work = Fixtures.temporaryDirectory("rbm-amend")
        defer { try? FileManager.default.removeItem(at: work) }
        let original = work.appendingPathComponent("original.xlsx").path, amended = work.appendingPathComponent("amended.xlsx").path
        let made = try Subprocess.run(python, ["-c", Self.makeWorkbook, original])
        #expect(made.status == 0, "\(made.errors)")

        let outcome = try PackageAmender(source: original).write(Self.amendment, to: amended)
        #expect(outcome.markedCells == Self.marks.count + 1)
        #expect(outcome.notes == Self.marks.filter { $0.note != nil }.count)
        #expect(outcome.unplaced == [PackageAmendment.Mark(sheet: "Missing", row: 1, column: 1, fill: "FFC7CE"), Self.annotated])
        #expect(outcome.addedSheetName == "Data (2)")

        let verdict = try AmendedWorkbookCheck.check(
            python: python, original: original, amended: amended,
            marks: Self.marks.map {
                .init(sheet: $0.sheet, cell: CellReference(row: $0.row, column: $0.column).description, fill: $0.fill, note: $0.note != nil)
            } + [.init(sheet: "Notes & more", cell: "B2", fill: "FFC7CE", note: true)])
        #expect(verdict.problems.isEmpty, "\(verdict.problems)")
        #expect(verdict.first == "Data (2)" && verdict.rows == 3)
        #expect(verdict.links == ["'Data'!B2", "'Notes & more'!A1"])
        #expect(verdict.cells >= 15)
        try Self.expectSameCells(original, amended)
        #expect(Set(verdict.changed).isSubset(of: [
            "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "docProps/app.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet1.xml.rels",
            "xl/comments/comment1.xml", "xl/drawings/commentsDrawing1.vml",
        ]), "\(verdict.changed)")
        // Excel's repair rules find nothing new; LibreOffice opens it (under `make interop`).
        if let copy = try OpenXMLAudit.audit(amended), let source = try OpenXMLAudit.audit(original) {
            #expect(Set(copy.errors).isSubset(of: Set(source.errors)), "\(copy)")
        }
        if LibreOffice.isEnabled {
            let result = try LibreOffice.soffice(["--convert-to", "pdf", "--outdir", work.path, amended])
            #expect(result.status == 0 && FileManager.default.fileExists(atPath: work.appendingPathComponent("amended.pdf").path), "\(result.output)")
        }
    }

    /// Every cell of every sheet of the original reads the same in the copy (value, formula, number
    /// format), through the project's reader, and the merges are the same.
    static func expectSameCells(_ original: String, _ amended: String) throws {
        let before = try Workbook(path: original), after = try Workbook(path: amended)
        #expect(after.sheets.dropFirst().map(\.name) == before.sheets.map(\.name))
        for sheet in before.sheets {
            let old = try before.grid(for: sheet)
            let new = try after.grid(for: try #require(after.sheet(named: sheet.name)))
            func cells(_ grid: SheetGrid, _ book: Workbook) -> [String: String] {
                var found: [String: String] = [:]
                for row in grid.rows {
                    for cell in row.cells {
                        found[cell.reference.description] = "\(cell.value)|\(cell.formula ?? "")|\(book.numberFormat(style: cell.styleIndex))"
                    }
                }
                return found
            }
            let oldCells = cells(old, before), newCells = cells(new, after)
            for (reference, value) in oldCells {
                #expect(newCells[reference] == value, "\(sheet.name)!\(reference)")
            }
            for (reference, value) in newCells where oldCells[reference] == nil {
                #expect(value.hasPrefix("string(\"\")"), "\(sheet.name)!\(reference) is new: \(value)")
            }
            #expect(Set(new.mergedRanges) == Set(old.mergedRanges))
        }
    }

    @Test func aWorkbookWithoutAPartToChangeIsRefusedWithItsName() throws {
        let work = Fixtures.temporaryDirectory("rbm-amend")
        defer { try? FileManager.default.removeItem(at: work) }
        let path = work.appendingPathComponent("bare.xlsx").path
        let writer = try WorkbookWriter(path: path)
        _ = try writer.addSheet("Only")
        try writer.close()
        let error = #expect(throws: WorkbookWriterError.self) {
            try PackageAmender(source: work.appendingPathComponent("absent.xlsx").path)
                .write(PackageAmendment(), to: work.appendingPathComponent("out.xlsx").path)
        }
        #expect(error?.code == .invalidSource)
        // A workbook the writer made amends cleanly (no shared strings, no app titles needed).
        let outcome = try PackageAmender(source: path).write(
            PackageAmendment(marks: [.init(sheet: "Only", row: 3, column: 3, fill: "FFC7CE", note: "x")]), to: work.appendingPathComponent("out.xlsx").path)
        #expect(outcome.markedCells == 1 && outcome.notes == 1)
    }

    @Test func rowsAndCellsPastTheLastMarkAreCopiedAsTheyAre() throws {
        let xml = #"<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" s="1"/><c><v>2</v></c></row><row r="2"><c r="B2" s="1"/><c r="C2" s="2"/><c><v>x</v></c></row><row><c s="7"/></row><row r="9" spans="1:2"><c r="A9" s="1"/></row></sheetData></worksheet>"#
        let out = try Self.marked(xml, [(2, 2)])
        #expect(out == xml.replacingOccurrences(of: #"<c r="B2" s="1"/>"#, with: #"<c r="B2" s="101"/>"#))
    }

    @Test func theCopyIsDeflatedAtTheLevelAsked() throws {
        let work = Fixtures.temporaryDirectory("rbm-amend")
        defer { try? FileManager.default.removeItem(at: work) }
        let path = work.appendingPathComponent("source.xlsx").path
        let writer = try WorkbookWriter(path: path)
        let sheet = try writer.addSheet("Only")
        for row in 0..<200 { try sheet.writeRow([Cell(.string("row \(row) of the sheet")), Cell(.number(Double(row)))]) }
        try writer.close()
        let amendment = PackageAmendment(marks: [.init(sheet: "Only", row: 3, column: 1, fill: "FFC7CE", note: "x")])
        var sizes: [Int] = []
        for level in [0, 1, 9] {
            let out = work.appendingPathComponent("out\(level).xlsx").path
            try PackageAmender(source: path, compressionLevel: level).write(amendment, to: out)
            sizes.append(try #require(try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int))
        }
        #expect(sizes[0] > sizes[1] && sizes[1] >= sizes[2])
        let error = #expect(throws: WorkbookWriterError.self) {
            try PackageAmender(source: path, compressionLevel: 10).write(amendment, to: work.appendingPathComponent("bad.xlsx").path)
        }
        #expect(error?.code == .archiveFailed)
    }
}
