import Foundation
import Testing
import TestSupport
@testable import Reports
import Results
import XLSXReader

/// `consolidated.xlsx` never aborts a run on a number it cannot write.
@Suite struct ConsolidatedWorkbookTests {
    /// Issue 14: a NaN bureau total (a `Decimal` overflow) made the writer throw, and the whole
    /// run stopped with exit 2 and no outputs. It is written as Excel's `#NUM!` instead.
    @Test func aNaNIsWrittenAsNUMInsteadOfAbortingTheRun() throws {
        let path = Fixtures.temporaryDirectory("consolidated").appendingPathComponent("consolidated.xlsx").path
        let totals = [BureauTotal(bureau: .br, year: 2022, financialPlan: 1_000, operationalPlan: .nan)]
        try ConsolidatedWorkbook(title: "t").write(model: ResultsModel(), findings: [], bureauTotals: totals, years: [2022, 2023], to: path)
        let book = try Workbook(path: path)
        let summary = try book.grid(for: try #require(book.sheet(named: "Summary")))
        let cells = Dictionary(summary.rows.flatMap(\.cells).map { ($0.reference.description, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(cells["C5"] == .number(1000, text: "1000"))
        #expect(cells["D5"] == .string("#NUM!"))
    }

    @Test func exactDecimalsAreWrittenAsTyped() {
        #expect(ConsolidatedWorkbook.exact(Decimal(string: "1234.50")!) == .decimal("1234.5"))
        #expect(ConsolidatedWorkbook.exact(.nan) == .string("#NUM!"))
    }
}
