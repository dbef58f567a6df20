import Foundation
import Testing
@testable import Reports
import Results

/// Wording the issue tracker caught (issue 15): each template reads as a sentence and names exactly
/// what is missing.
@Suite struct EnglishMessagesTests {
    @Test func aMissingSubmissionReadsAsASentence() {
        let op = EnglishMessages().text(.missingSubmission(kind: .operationalPlan, bureau: .gs, biennium: Biennium(2022, 2023),
                                                           received: [.br, .tsb], refused: []))
        #expect(op == "No operational plan from GS for 2022-2023: expected 1 workbook, found 0 (operational plans received: BR, TSB).")
        let fp = EnglishMessages().text(.missingSubmission(kind: .financialPlan, bureau: nil, biennium: Biennium(2022, 2023), received: [],
                                                           refused: [Message.RefusedFile(file: "FP.xlsx", reason: "corrupt-archive: truncated")]))
        #expect(fp == "No financial plan for 2022-2023: expected 1 workbook, found 0 (operational plans received: none). "
                + "Received but not accepted: FP.xlsx (corrupt-archive: truncated).")
    }

    @Test func staffCostForNoFTESaysSoInsteadOfInfinity() {
        let text = EnglishMessages().text(.costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: 1000, fte: 0, perFTE: nil,
                                                      minimum: 120_000, maximum: 320_000))
        #expect(text == "E.3-1, 2022: staff cost CHF 1 000 is planned for 0 FTE (plausible CHF 120 000-320 000 per FTE); the FTE or the staff cost may be mistyped.")
        #expect(!text.contains("∞"))
    }

    @Test func aKPIMessageNamesWhatIsMissing() {
        let text = EnglishMessages().text(.kpiIncomplete(kpi: "KPI-1", name: "n", baseline: .value, target: .year))
        #expect(text == "KPI-1 (n) has no baseline value and no target year; progress cannot be judged.")
    }

    /// FIN-005 names the cells holding numbers as text that the spreadsheet's SUM skipped, in place of
    /// the transposed-digits hint; without such cells the message is as before.
    @Test func aStatedTotalNamesTheTextCellsTheSUMSkipped() {
        let one = EnglishMessages().text(.statedTotal(label: "Total BR", period: .year(2022), stated: 300_000, computed: 312_000, isMoney: true,
                                                      rows: [5, 6, 7], transposed: false, skippedText: [SkippedTextCell(cell: "C14", value: 12_000)]))
        #expect(one == "'Total BR', 2022: stated CHF 300 000, rows 5-7 sum to CHF 312 000 (Δ −12 000; C14 holds 12 000 as text, which the spreadsheet's SUM skips).")
        let two = EnglishMessages().text(.statedTotal(label: "Total", period: .none, stated: 2, computed: 3, isMoney: false, rows: [5, 6, 7], transposed: true,
                                                      skippedText: [SkippedTextCell(cell: "G6", value: Decimal(string: "0.5")!),
                                                                    SkippedTextCell(cell: "G7", value: Decimal(string: "0.5")!)]))
        #expect(two == "'Total': stated 2, rows 5-7 sum to 3 (Δ −1; G6 and G7 hold 0.5 and 0.5 as text, which the spreadsheet's SUM skips).")
        let none = EnglishMessages().text(.statedTotal(label: "Total", period: .year(2022), stated: 300_000, computed: 312_000, isMoney: true,
                                                       rows: [5, 6, 7], transposed: false))
        #expect(none == "'Total', 2022: stated CHF 300 000, rows 5-7 sum to CHF 312 000 (Δ −12 000).")
    }
}
