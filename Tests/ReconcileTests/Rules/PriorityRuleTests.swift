import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-011: a HIGH-priority output whose FP funding (all sources, both years) covers less than 90 %
/// (warning) or 75 % (error) of its OP requirement; caused by the FIN-007s in its requirement.
@Suite struct PriorityRuleTests {
    static func severity(_ findings: [Finding], _ rule: RuleID) -> Severity? { findings.first { $0.rule == rule }?.severity }

    @Test(arguments: [(Exact(900_000), nil as Severity?), (Exact(899_999), .warning), (Exact(750_000), .warning), (Exact(749_999), .error)])
    func fin011PriorityCoverageBands(funded: Exact, expected: Severity?) {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 500_000, 2023: 500_000], priority: .high)
        b.line("R.1-1", funding: "XB", [2022: funded / 2, 2023: funded / 2])
        #expect(Self.severity(b.findings(), .fin011) == expected)
    }

    /// The domain example: T.2-1, CHF 1 250 000 of a requirement of 2 140 000 (58.4 %).
    @Test func theFindingShowsTheGapAndTheCoverage() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.plan("T.2-1", bureau: .tsb, total: [2022: 1_050_000, 2023: 1_090_000], priority: .high, biennium: 9_999_999)
        b.line("T.2-1", bureau: .tsb, [2022: 610_000, 2023: 640_000], biennium: 9_999_999)
        let f = try #require(b.findings(of: .fin011).first)
        #expect(f.id == Finding.ID(.fin011, .output(OutputCode("T.2-1")), .biennium(Biennium(2022, 2023))))
        #expect(f.severity == .error && f.bureau == .tsb && f.output == OutputCode("T.2-1") && f.period == .biennium(Biennium(2022, 2023)))
        #expect(f.expected.text == "≥ 2140000" && f.actual == .amount(1_250_000) && f.delta.text == "-890000 (58.4% coverage)")
        // Summed OP cells (both years), the priority cell, summed FP cells (both years); stated bienniums never summed.
        #expect(f.sourceTexts == ["OP_TSB.xlsx!S!E5", "OP_TSB.xlsx!S!F5", "OP_TSB.xlsx!S!I5", "FP.xlsx!S!G5", "FP.xlsx!S!H5"])
        #expect(f.causedBy == [])
        #expect(f.message == .priorityUnderfunded(output: OutputCode("T.2-1"), biennium: Biennium(2022, 2023), bureau: .tsb, funded: 1_250_000,
                                                  requirement: 2_140_000, coverage: Exact(1_250_000) / Exact(2_140_000)))
    }

    /// HIGH only; skipped when the output has no FP line at all (FIN-001's).
    @Test(arguments: [(Priority.medium as Priority?, true), (.low, true), (nil, true), (.high, false)])
    func onlyHighPriorityWithABudgetLine(priority: Priority?, withLine: Bool) {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 500_000, 2023: 500_000], priority: priority)
        if withLine { b.line("R.1-1", [2022: 100_000, 2023: 100_000]) }
        #expect(b.findings(of: .fin011).isEmpty)
    }

    /// The requirement counts every funding source, and a FIN-007 cell in it is the cause.
    @Test func aUnitErrorInTheRequirementIsTheCause() throws {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 500_000_000, 2023: 500_000], priority: .high, unit: .kchf)
        b.plan("R.1-1", total: [2022: 100_000], funding: "XB")
        b.line("R.1-1", [2022: 500_000, 2023: 500_000])
        let f = try #require(b.findings(of: .fin011).first)
        #expect(f.expected.text == "≥ 500600000")
        #expect(f.causeTexts == ["FIN-007/R.1-1/2022"])
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5:E6", "OP_BR.xlsx!S!F5", "OP_BR.xlsx!S!I5", "FP.xlsx!S!G5", "FP.xlsx!S!H5"])
    }
}
