import Foundation
import Testing
import TestSupport
@testable import Reports
import Results
import XLSXReader

/// `consolidated.xlsx` never aborts a run on a number it cannot write.
@Suite struct ConsolidatedWorkbookTests {
    /// Issue 14: a NaN bureau total (a `Exact` overflow) made the writer throw, and the whole
    /// run stopped with exit 2 and no outputs. It is written as Excel's `#NUM!` instead.
    @Test func aNaNIsWrittenAsNUMInsteadOfAbortingTheRun() throws {
        let path = Fixtures.temporaryDirectory("consolidated").appendingPathComponent("consolidated.xlsx").path
        let totals = [BureauTotal(bureau: .br, year: 2022, financialPlan: 1_000, operationalPlan: .nan)]
        try ConsolidatedWorkbook(title: "t").write(model: ResultsModel(), findings: [], bureauTotals: totals, years: [2022, 2023], to: path)
        let book = try Workbook(path: path)
        let summary = try book.grid(for: try #require(book.sheet(named: "Summary")))
        let cells = Dictionary(summary.rows.flatMap(\.cells).map { ($0.reference.description, $0.value) }, uniquingKeysWith: { a, _ in a })
        let row = try #require(summary.rows.first { $0[1]?.text == "BR" }).number
        #expect(cells["C\(row)"] == .number(1000, text: "1000"))
        #expect(cells["D\(row)"] == .string("#NUM!"))
    }

    @Test func exactDecimalsAreWrittenAsTyped() {
        #expect(ConsolidatedWorkbook.exact(Exact(string: "1234.50")!) == .decimal("1234.5"))
        #expect(ConsolidatedWorkbook.exact(.nan) == .string("#NUM!"))
    }

    /// Issue 13: the Discrepancies sheet stored expected/actual/delta as text (no sorting, summing
    /// or formatting) and blanks as empty strings.
    @Test func discrepancyValuesAreNumbersWordsOrEmpty() throws {
        let path = Fixtures.temporaryDirectory("consolidated").appendingPathComponent("consolidated.xlsx").path
        let findings = [
            Finding(id: Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)), severity: .warning, bureau: .br, output: OutputCode("R.2-1"),
                    period: .year(2022), message: .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 3_905_000,
                                                                 budgeted: 3_950_000, costRecovery: nil),
                    expected: .amount(3_950_000), actual: .amount(3_905_000), delta: .change(-45_000, of: 3_950_000), sources: []),
            Finding(id: Finding.ID(.rf002, .text("I.3"), .text("6")), severity: .error,
                    message: .unknownGoal(objective: "I.3", goal: "6", plan: "SP2020-2023", goals: 5),
                    expected: .words("G1…G5"), actual: .words("6"), sources: []),
        ]
        try ConsolidatedWorkbook(title: "t").write(model: ResultsModel(), findings: findings, years: [2022, 2023], to: path)
        let book = try Workbook(path: path)
        let sheet = try book.grid(for: try #require(book.sheet(named: "Discrepancies")))
        let cells = Dictionary(sheet.rows.flatMap(\.cells).map { ($0.reference.description, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(cells["H2"] == .number(3_950_000, text: "3950000") && cells["I2"] == .number(3_905_000, text: "3905000"))
        #expect(cells["J2"] == .number(-45_000, text: "-45000"))
        #expect(cells["H3"] == .string("G1…G5") && cells["I3"] == .string("6"))
        // No bureau, output, period or delta: empty cells, not empty strings.
        #expect(cells["D3"] == nil && cells["E3"] == nil && cells["F3"] == nil && cells["J3"] == nil)
    }
}

/// Issue 15: the Summary says what no rule could check.
@Suite struct ConsolidatedWorkbookNotCheckedTests {
    @Test func theSummaryListsWhatWasNotChecked() throws {
        let path = Fixtures.temporaryDirectory("consolidated").appendingPathComponent("consolidated.xlsx").path
        var workbook = ConsolidatedWorkbook(title: "t")
        workbook.notChecked = (1...12).map { "FIN-009 B\($0): no fte column" }
        try workbook.write(model: ResultsModel(), findings: [], years: [2022, 2023], to: path)
        let book = try Workbook(path: path)
        let summary = try book.grid(for: try #require(book.sheet(named: "Summary")))
        let texts = summary.rows.flatMap(\.cells).map(\.text)
        #expect(texts.contains("Not checked (12)"))
        #expect(texts.contains("FIN-009 B10: no fte column") && !texts.contains("FIN-009 B11: no fte column"))
        #expect(texts.contains("… and 2 more: manifest.json, coverage"))
        try ConsolidatedWorkbook(title: "t").write(model: ResultsModel(), findings: [], years: [2022, 2023], to: path)
        let none = try Workbook(path: path)
        #expect(!(try none.grid(for: try #require(none.sheet(named: "Summary")))).rows.flatMap(\.cells).map(\.text).contains { $0.hasPrefix("Not checked") })
    }
}
