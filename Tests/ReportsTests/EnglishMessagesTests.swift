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
}
