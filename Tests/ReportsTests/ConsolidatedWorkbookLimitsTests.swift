import Foundation
import Testing
import TestSupport
@testable import Reports
import Results
import XLSXReader
import XLSXWriter
import ZipIO

/// No layout estimate can fail a run: content beyond a spreadsheet's limits is fitted, never refused
/// (issue: a finding citing many cells made its row 585 points tall and the whole run wrote nothing).
struct ConsolidatedWorkbookLimitsTests {
    static let longSheet = String(repeating: "S", count: SpreadsheetLimits.sheetName)

    static let total = Finding.ID(.fin005, .source(.operationalPlan(.tsb)), .text("\(longSheet)!E5001"))

    static var findings: [Finding] {
        let sources = (1...5_000).map { SourceRef(file: "OP_TSB_2022-2023_v1.xlsx", sheet: longSheet, cell: "E\($0)") }
        let notes = String(repeating: "opérationnel ", count: 3_000)   // 39,000 characters
        return [
            Finding(id: total, severity: .error, bureau: .tsb, message: .bureauTotal(bureau: .tsb, year: 2022, planned: 2, budgeted: 1), sources: sources),
            Finding(id: Finding.ID(.fin003, .output(OutputCode("T.1-1")), .year(2022)), severity: .warning, bureau: .tsb,
                    message: .extrabudgetaryNote(output: OutputCode("T.1-1"), year: 2022, notes: notes), sources: [SourceRef(file: "FP.xlsx", sheet: "Budget", cell: "E7")], causedBy: [total]),
        ]
    }

    @Test func aFindingCitingFiveThousandCellsAndAnOverlongMessageIsWritten() throws {
        let folder = Fixtures.scratch.appendingPathComponent("rbm-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("consolidated.xlsx").path
        try ConsolidatedWorkbook(title: "Limits").write(model: ResultsModel(), findings: Self.findings, years: [2022, 2023], to: path)

        let book = try Workbook(path: path)
        let cursor = try book.cursor(for: "Discrepancies")
        var rows: [SheetRow] = []
        while let row = try cursor.nextRow() { rows.append(row) }
        #expect(rows.count == 3)
        let sources = try #require(rows[1][11]?.text)
        #expect(sources.utf16.count <= SpreadsheetLimits.cellText)
        #expect(sources.hasPrefix("OP_TSB_2022-2023_v1.xlsx!\(Self.longSheet)!E1; "))
        #expect(sources.contains("the whole text is in discrepancies.csv"))
        let message = try #require(rows[2][7]?.text)
        #expect(message.utf16.count <= SpreadsheetLimits.cellText)
        #expect(message.hasPrefix("T.1-1, 2022: the row is funded from the regular budget, but its notes say 'opérationnel opérationnel"))
    }

    @Test func textWithinTheLimitIsKeptWhole() {
        let exact = String(repeating: "x", count: SpreadsheetLimits.cellText)
        #expect(CellFit.text(exact) == exact)
        #expect(CellFit.text("short") == "short")
        // Characters outside the BMP count twice, as Excel counts them.
        let wide = String(repeating: "😀", count: SpreadsheetLimits.cellText / 2 + 1)
        #expect(CellFit.text(wide).utf16.count <= SpreadsheetLimits.cellText)
    }

    @Test func rowHeightsAreClampedToTheSheetMaximum() {
        #expect(CellFit.rowHeight(lines: 1) == 15)
        #expect(CellFit.rowHeight(lines: 3) == 45)
        #expect(CellFit.rowHeight(lines: 39) == SpreadsheetLimits.rowHeight)
        #expect(CellFit.rowHeight(lines: 0) == 15)
    }
}

/// The Summary's colour bands follow the pipeline's FIN-004 tolerances, and a match is not coloured.
struct ConsolidatedWorkbookBandTests {
    @Test func bandsComeFromTheTolerances() throws {
        let folder = Fixtures.scratch.appendingPathComponent("rbm-bands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("consolidated.xlsx").path
        var workbook = ConsolidatedWorkbook(title: "Bands")
        workbook.tolerances.bureauWarnRel = Exact(string: "0.02")!
        workbook.tolerances.bureauErrorRel = Exact(string: "0.1")!
        let totals = [BureauTotal(bureau: .br, year: 2022, financialPlan: 100, operationalPlan: 100)]
        try workbook.write(model: ResultsModel(), findings: [], bureauTotals: totals, years: [2022, 2023], to: path)
        let archive = try ZipArchive(path: path)
        let xml = String(decoding: try archive.readAll(try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))), as: UTF8.self)
        let rules = xml.components(separatedBy: "<cfRule").dropFirst().map { rule in
            (rule.contains(#"operator="greaterThan""#) ? ">" : rule.contains(#"operator="lessThan""#) ? "<" : "?")
                + (rule.components(separatedBy: "<formula>").dropFirst().first?.components(separatedBy: "</formula>").first ?? "")
        }
        // The ITU totals' rows, then the bureaus'.
        #expect(rules == [">0.1", "<-0.1", ">0.02", "<-0.02", ">0.1", "<-0.1", ">0.02", "<-0.02"])
    }
}
