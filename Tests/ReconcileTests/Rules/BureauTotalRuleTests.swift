import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-004: a bureau's computed RB total per year against the financial plan's figure; warning above
/// 1 %, error above 5 %; caused by the FIN-007s in its sum and the FIN-010 class disagreements.
@Suite struct BureauTotalRuleTests {
    static func severity(_ findings: [Finding], _ rule: RuleID) -> Severity? { findings.first { $0.rule == rule }?.severity }

    @Test(arguments: [(Exact(1_010_000), nil as Severity?), (Exact(1_010_001), .warning), (Exact(1_050_000), .warning), (Exact(1_050_001), .error)])
    func fin004BureauTotalBands(planned: Exact, expected: Severity?) {
        var b = ModelBuilder()
        // Two outputs so FIN-003 cannot explain the whole gap alone; FIN-004 reads the FP lines (no summary sheet).
        b.plan("R.1-1", total: [2022: planned - 500_000])
        b.plan("R.1-2", total: [2022: 500_000])
        b.line("R.1-1", [2022: 500_000])
        b.line("R.1-2", [2022: 500_000])
        #expect(Self.severity(b.findings(), .fin004) == expected)
    }

    /// Both directions at each edge, with the whole finding (no summary sheet: the FP's RB lines).
    @Test(arguments: [
        (Exact(1_010_001), Severity.warning as Severity?),
        (Exact(989_999), .warning),           // 1.0001 % below
        (Exact(990_000), nil),                // 1 % below exactly
        (Exact(950_000), .warning),           // 5 % below exactly
        (Exact(949_999), .error),
        (Exact(1_000_000), nil),
    ])
    func theFindingComparesTheComputedSumWithTheFinancialPlan(planned: Exact, severity: Severity?) throws {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: planned - 500_000])
        b.plan("R.1-2", total: [2022: 500_000])
        b.line("R.1-1", [2022: 500_000])
        b.line("R.1-2", [2022: 500_000])
        let all = b.findings(of: .fin004)
        guard let severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.severity == severity)
        #expect(f.id == Finding.ID(.fin004, .bureau(.br), .year(2022)))
        #expect(f.bureau == .br && f.output == nil && f.period == .year(2022))
        #expect(f.expected == .amount(1_000_000) && f.actual == .amount(planned) && f.delta == .change(planned - 1_000_000, of: 1_000_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!G5:G6", "OP_BR.xlsx!S!E5:E6"])
        #expect(f.causedBy == [])
        #expect(f.message == .bureauTotal(bureau: .br, year: 2022, planned: planned, budgeted: 1_000_000))
    }

    /// The domain example (TSB 2022, summary sheet): +560 000, +11.78 %, the summary cell then the OP cells.
    @Test func theSummarySheetGivesTheFinancialPlansFigure() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        for (i, amount) in [Exact(1_200_000), 1_050_000, 1_015_000, 1_000_000, 1_050_000].enumerated() {
            b.plan("T.1-\(i + 1)", bureau: .tsb, total: [2022: amount])
            b.line("T.1-\(i + 1)", bureau: .tsb, [2022: amount])
        }
        b.model.hasSectorSummary = true
        b.model.sectorSummary = [SectorSummary(bureau: .tsb, years: [2022: ModelBuilder.amount(4_755_000, "FP.xlsx", 5, 2)], biennium: nil, row: 5)]
        let f = try #require(b.findings(of: .fin004).first)
        #expect(f.severity == .error)
        #expect(f.texts == ("4755000", "5315000", "+560000 (+11.78%)"))
        #expect(f.sourceTexts == ["FP.xlsx!S!B5", "OP_TSB.xlsx!S!E5:E9"])
        #expect(f.message == .bureauTotal(bureau: .tsb, year: 2022, planned: 5_315_000, budgeted: 4_755_000))
    }

    /// The computed sum is the RB data rows only: an XB row (BDT row 9 in the demo) stays out of it.
    @Test func extrabudgetaryRowsAreNotInTheBureauSum() throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.1-1", bureau: .bdt, total: [2022: 1_000_000])
        b.plan("D.1-2", bureau: .bdt, total: [2022: 1_000_000])
        b.plan("D.1-3", bureau: .bdt, total: [2022: 5_000_000], funding: "XB")
        b.line("D.1-1", bureau: .bdt, [2022: 1_000_000])
        b.line("D.1-2", bureau: .bdt, [2022: 900_000])
        let f = try #require(b.findings(of: .fin004).first)
        #expect(f.actual == .amount(2_000_000) && f.expected == .amount(1_900_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!G5:G6", "OP_BDT.xlsx!S!E5:E6"])
    }

    /// A FIN-007 cell in the sum and a FIN-010 class disagreement of the bureau and year are its
    /// causes, in catalogue order.
    @Test func theUnitAndClassFindingsInItsSumAreItsCauses() throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.1-1", bureau: .bdt, total: [2022: 470_000_000], unit: .kchf)
        b.plan("D.2-2", bureau: .bdt, total: [2022: 1_800_000])
        b.plan("D.3-1", bureau: .bdt, total: [2022: 1_000_000])
        b.line("D.1-1", bureau: .bdt, [2022: 470_000])
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 1_800_000])
        b.line("D.3-1", bureau: .bdt, [2022: 1_000_000])
        let f = try #require(b.findings(of: .fin004).first)
        #expect(f.causeTexts == ["FIN-007/D.1-1/2022", "FIN-010/D.2-2/2022"])
        #expect(f.causedBy == [Finding.ID(.fin007, .output(OutputCode("D.1-1")), .year(2022)),
                               Finding.ID(.fin010, .output(OutputCode("D.2-2")), .year(2022))])
    }

    /// Only bureaus whose operational plan arrived are compared.
    @Test func aBureauWithoutAPlanHasNoTotal() {
        var b = ModelBuilder(bureaus: [.br])
        b.plan("R.1-1", total: [2022: 1_000_000])
        b.line("R.1-1", [2022: 1_000_000])
        b.line("D.1-1", bureau: .bdt, [2022: 5_000_000])
        #expect(b.findings(of: .fin004, { $0.bureaus = [.br, .bdt] }).isEmpty)
    }
}
