import Foundation
import Testing
import TestSupport
@testable import Reports
import Results
import XLSXReader
import ZipIO

/// Issue 13: the consolidated workbook as a document reviewers print: a one-page Summary whose
/// counts are live formulas, A4 with header and footer on every sheet, honest properties.
@Suite struct ConsolidatedWorkbookPrintTests {
    static let runDate = Date(timeIntervalSince1970: 1_764_000_000)   // 2025-11-24T16:00:00Z

    static let unitError = Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023))
    static var findings: [Finding] {
        let fin004 = Finding(id: Finding.ID(.fin004, .bureau(.tsb), .year(2023)), severity: .error, bureau: .tsb, period: .year(2023),
                             message: .bureauTotal(bureau: .tsb, year: 2023, planned: 474_950_000, budgeted: 5_995_000),
                             expected: .amount(5_995_000), actual: .amount(474_950_000), delta: .change(468_955_000, of: 5_995_000),
                             sources: [SourceRef(file: "FP.xlsx", sheet: "Summary by Sector", cell: "C5")], causedBy: [unitError])
        let fin007 = Finding(id: unitError, severity: .error, bureau: .tsb, output: OutputCode("T.4-1"), period: .year(2023),
                             message: .amountDiffers(output: OutputCode("T.4-1"), year: 2023, bureau: .tsb, planned: 470_000_000,
                                                     budgeted: 470_000, costRecovery: nil),
                             sources: [SourceRef(file: "OP_TSB.xlsx", sheet: "Plan", cell: "F8")])
        let rf002 = Finding(id: Finding.ID(.rf002, .text("I.3"), .text("6")), severity: .warning,
                            message: .unknownGoal(objective: "I.3", goal: "6", plan: "SP2020-2023", goals: 5),
                            expected: .words("G1…G5"), actual: .words("6"), sources: [])
        return [fin004, fin007, rf002]
    }

    static func write(_ configure: (inout ConsolidatedWorkbook) -> Void = { _ in }) throws -> (path: String, folder: URL) {
        let folder = Fixtures.temporaryDirectory("rbm-print")
        let path = folder.appendingPathComponent("consolidated.xlsx").path
        var workbook = ConsolidatedWorkbook(title: "Council & Co")
        workbook.runDate = runDate
        workbook.version = "9.8.7"
        configure(&workbook)
        let totals = [BureauTotal(bureau: .tsb, year: 2023, financialPlan: 5_995_000, operationalPlan: 474_950_000)]
        try workbook.write(model: ResultsModel(), findings: findings, bureauTotals: totals, years: [2022, 2023], to: path)
        return (path, folder)
    }

    static func part(_ name: String, of path: String) throws -> String {
        let archive = try ZipArchive(path: path)
        return String(decoding: try archive.readAll(try #require(archive.entry(named: name))), as: UTF8.self)
    }

    static func cells(_ sheet: String, of path: String) throws -> [String: SheetCell] {
        let book = try Workbook(path: path)
        let grid = try book.grid(for: try #require(book.sheet(named: sheet)))
        return Dictionary(grid.rows.flatMap(\.cells).map { ($0.reference.description, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func findingsByBureauAndSeverityAreCOUNTIFSOverTheDiscrepanciesSheet() throws {
        let (path, folder) = try Self.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cells = try Self.cells("Summary", of: path)
        let tsb = try #require(cells.values.first { $0.value == .string("TSB") && $0.reference.column == 1 && cells["C\($0.reference.row)"]?.formula?.hasPrefix("COUNTIFS") == true })
        let r = tsb.reference.row
        #expect(cells["C\(r)"]?.formula == #"COUNTIFS(Discrepancies!$D$2:$D$4,$A\#(r),Discrepancies!$C$2:$C$4,"error")"#)
        #expect(cells["C\(r)"]?.value == .number(2, text: "2"))
        #expect(cells["D\(r)"]?.value == .number(0, text: "0"))
        // The finding without a bureau: the severity's count less the bureaus'.
        let none = try #require(cells.values.first { $0.value == .string("No bureau") }).reference.row
        #expect(cells["D\(none)"]?.formula == #"COUNTIFS(Discrepancies!$C$2:$C$4,"warning")-SUM(D\#(none - 4):D\#(none - 1))"#)
        #expect(cells["D\(none)"]?.value == .number(1, text: "1"))
        // By rule, with the rule's title.
        let rule = try #require(cells.values.first { $0.value == .string("RF-002") }).reference.row
        #expect(cells["D\(rule)"]?.formula == #"COUNTIFS(Discrepancies!$B$2:$B$4,$A\#(rule),Discrepancies!$C$2:$C$4,"warning")"#)
        #expect(cells["G\(rule)"]?.value == .string("Objective under an unknown goal"))
    }

    @Test func aHugeBureauDifferencePointsToTheUnitErrorThatCausedIt() throws {
        let (path, folder) = try Self.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cells = try Self.cells("Summary", of: path)
        let row = try #require(cells.values.first { $0.value == .string("FIN-004/TSB/2023") }).reference.row
        #expect(cells["H\(row)"]?.value == .string("caused by FIN-007/T.4-1/2023"))
        let xml = try Self.part("xl/worksheets/sheet1.xml", of: path)
        #expect(xml.contains(#"<hyperlink ref="H\#(row)" location="Discrepancies!A3""#))
        #expect(xml.contains(#"<hyperlink ref="G\#(row)" location="Discrepancies!A2""#))
    }

    @Test func theSummaryFitsOneA4PageAndTheTablesOnePageWide() throws {
        let (path, folder) = try Self.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try Self.part("xl/worksheets/sheet1.xml", of: path)
        #expect(summary.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        #expect(summary.contains(#"<pageSetup paperSize="9"/>"#))   // fitToWidth and fitToHeight default to 1: one page
        let log = try Self.part("xl/worksheets/sheet2.xml", of: path)
        #expect(log.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        let workbook = try Self.part("xl/workbook.xml", of: path)
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="1">Discrepancies!$1:$1</definedName>"#))
        // Every sheet: A4, the title (its & doubled), the sheet's name, rbm, the run date and page x of y.
        let names = try Workbook(path: path).sheets.map(\.name)
        for index in names.indices {
            let xml = try Self.part("xl/worksheets/sheet\(index + 1).xml", of: path)
            #expect(xml.contains(#"paperSize="9""#), "\(names[index])")
            #expect(xml.contains("<headerFooter><oddHeader>&amp;LCouncil &amp;&amp; Co&amp;R&amp;A</oddHeader>"
                                 + "<oddFooter>&amp;Lrbm 9.8.7 · inputs as of 2025-11-24 16:00 UTC&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>"),
                    "\(names[index])")
        }
    }

    @Test func documentPropertiesNameRbmAndTheRunDate() throws {
        let (path, folder) = try Self.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let core = try Self.part("docProps/core.xml", of: path)
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2025-11-24T16:00:00Z</dcterms:created>"#))
        #expect(core.contains(#"<dcterms:modified xsi:type="dcterms:W3CDTF">2025-11-24T16:00:00Z</dcterms:modified>"#))
        let app = try Self.part("docProps/app.xml", of: path)
        #expect(app.contains("<Application>rbm 9.8.7</Application>") && !app.contains("Microsoft Excel") && !app.contains("AppVersion"))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let (first, a) = try Self.write()
        let (second, b) = try Self.write()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second))
    }

    @Test func headerRowsAreTallEnoughForTheirWrappedHeaders() {
        #expect(ConsolidatedWorkbook.headerHeight(["Bureau", "Output"], widths: [8, 9]) == 15)
        #expect(ConsolidatedWorkbook.headerHeight(["2022 non-staff (CHF)"], widths: [12]) == 45)
        #expect(ConsolidatedWorkbook.wrappedLines("Biennium (stated, CHF)", width: 14) == 2)
        #expect(ConsolidatedWorkbook.wrappedLines("FIN-005/OP-BR/Operational", width: 10) == 3)
    }

    @Test func everyFieldReadIsShownAndRowsAreInNaturalOrder() throws {
        let folder = Fixtures.temporaryDirectory("rbm-fields")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("consolidated.xlsx").path
        func cell(_ row: Int, _ column: Int = 2) -> CellSource { CellSource(file: "RF.xlsx", sheet: "S", position: CellPosition(row: row, column: column)) }
        var model = ResultsModel()
        for (i, code) in ["I.10", "I.2", "R.1", "I.1"].enumerated() {
            model.objectives.append(Objective(code: code, bureau: nil, kind: "Intersectoral", title: code, goalTokens: ["1"], goalsSource: nil, source: cell(i + 2)))
        }
        model.targets = [Target(code: "1.2", goal: "G1", description: "Broadband", unit: "%", baseline: 50, baselineYear: 2019, target: 70, targetYear: 2023, source: cell(3)),
                         Target(code: "1.10", goal: "G1", description: "Later", unit: "%", baseline: 1, baselineYear: 2019, target: 2, targetYear: 2023, source: cell(4))]
        model.kpis = [KPI(id: "KPI-R.1-1", linkedTo: "R.1-1", linkedOutput: OutputCode("R.1-1"), name: "Share", unit: "%", direction: .up,
                          baseline: Quantity(value: 10, source: cell(2)), baselineYear: 2019, baselineCell: cell(2), target: Quantity(value: 20, source: cell(2)),
                          targetYear: 2023, targetCell: cell(2), actuals: [2022: Quantity(value: 12, source: cell(2)), 2023: Quantity(value: 15, source: cell(2))],
                          reportedStatus: nil, source: cell(2))]
        model.risks = [Risk(id: "R-2", bureau: .br, description: "d", category: "Operational", linkedObjective: nil, linkedOutput: nil,
                            likelihood: Quantity(value: 3, source: cell(2)), impact: Quantity(value: 4, source: cell(2)), likelihoodCell: cell(2),
                            statedScore: Quantity(value: 12, source: cell(2)), owner: "Chief, IAP", mitigation: TextCell(text: "Plan B", source: cell(2)),
                            status: "Open", lastReview: "2023-03-31", source: cell(2))]
        try ConsolidatedWorkbook(title: "t").write(model: model, findings: [], years: [2022, 2023], to: path)

        let book = try Workbook(path: path)
        func column(_ sheet: String, _ letter: Int) throws -> [String] {
            try book.grid(for: try #require(book.sheet(named: sheet))).rows.dropFirst().compactMap { $0[letter]?.text }
        }
        #expect(try column("Objectives", 1) == ["I.1", "I.2", "I.10", "R.1"])
        #expect(try column("Targets", 1) == ["1.2", "1.10"])
        let kpis = try book.grid(for: try #require(book.sheet(named: "KPIs"))).rows
        #expect(kpis[0].cells.map(\.text) == ["KPI", "Linked to", "Indicator", "Unit", "Direction", "Baseline", "Baseline year", "Target", "Target year",
                                              "Actual 2022", "Actual 2023", "Reported status", "Source"])
        #expect(kpis[1][5]?.text == "up" && kpis[1][10]?.text == "12" && kpis[1][11]?.text == "15" && kpis[1][13]?.text == "RF.xlsx!S!B2")
        let risks = try book.grid(for: try #require(book.sheet(named: "Risks"))).rows
        #expect(risks[0].cells.map(\.text).contains("Owner") && risks[0].cells.map(\.text).contains("Last review"))
        #expect(risks[1].cells.map(\.text).contains("Chief, IAP") && risks[1].cells.map(\.text).contains("2023-03-31"))
    }
}
