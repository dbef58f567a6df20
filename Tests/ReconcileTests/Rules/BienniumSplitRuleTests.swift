import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-006: on every data row with both years and a stated biennium (FP lines, the FP summary, OP
/// rows), the biennium against year 1 + year 2; tolerance two cells of rounding in the column's unit.
@Suite struct BienniumSplitRuleTests {
    /// The message's facts other than its label.
    static func facts(_ m: Message) -> (years: Biennium, first: Exact, second: Exact, stated: Exact, transposed: Bool)? {
        guard case .bienniumSplit(_, let years, let first, let second, let stated, let transposed) = m else { return nil }
        return (years, first, second, stated, transposed)
    }

    @Test(arguments: [(Exact(2002), false), (Exact(2003), true)])
    func fin006BienniumAllowsTwoCellsOfRounding(stated: Exact, raised: Bool) {
        var b = ModelBuilder()
        b.line("R.1-1", category: "STAFF", [2022: 1000, 2023: 1000], biennium: stated)
        b.plan("R.1-1", total: [2022: 1000, 2023: 1000])
        let f = b.findings().first { $0.rule == .fin006 }
        #expect((f != nil) == raised)
        if raised { #expect(f?.idText == "FIN-006/FP/R.1-1/STAFF/RB/2022-2023") }
    }

    /// Two cells of rounding in the stated cell's unit: CHF 2, kCHF 1 000, MCHF 1 000 000; both signs.
    @Test(arguments: [
        (MoneyUnit.chf, Exact(2), false), (.chf, Exact(3), true), (.chf, Exact(-3), true),
        (.kchf, Exact(1_000), false), (.kchf, Exact(1_001), true), (.kchf, Exact(-1_001), true),
        (.mchf, Exact(1_000_000), false), (.mchf, Exact(1_000_001), true),
    ])
    func theToleranceIsTwoCellsOfTheUnit(unit: MoneyUnit, delta: Exact, raised: Bool) {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: 100_000_000, 2023: 100_000_000], biennium: 200_000_000 + delta, unit: unit)
        b.plan("R.1-1", total: [2022: 100_000_000, 2023: 100_000_000], biennium: 200_000_000 + delta, unit: unit)
        b.model.hasSectorSummary = true
        b.model.sectorSummary = [SectorSummary(bureau: .br, years: [2022: ModelBuilder.amount(100_000_000, "FP.xlsx", 30, 2, unit: unit),
                                                                    2023: ModelBuilder.amount(100_000_000, "FP.xlsx", 30, 3, unit: unit)],
                                               biennium: ModelBuilder.amount(200_000_000 + delta, "FP.xlsx", 30, 4, unit: unit), row: 30)]
        // One finding per kind of row (line, summary, OP row) or none.
        #expect(b.findings(of: .fin006).count == (raised ? 3 : 0))
    }

    /// The domain example: R.1-3 Staff RB, 6 930 000 + 7 050 000 = 13 980 000 against 13 890 000.
    @Test func aFinancialPlanLine() throws {
        var b = ModelBuilder()
        b.line("R.1-3", category: "STAFF", [2022: 6_930_000, 2023: 7_050_000], biennium: 13_890_000)
        let f = try #require(b.findings(of: .fin006).first)
        #expect(f.id == Finding.ID(.fin006, .source(SourceTag(.financialPlan)), .output(OutputCode("R.1-3")), .text("STAFF"), .text("RB"),
                                   .biennium(Biennium(2022, 2023))))
        #expect(f.idText == "FIN-006/FP/R.1-3/STAFF/RB/2022-2023")
        #expect(f.severity == .error && f.bureau == .br && f.output == OutputCode("R.1-3") && f.period == .biennium(Biennium(2022, 2023)))
        #expect(f.expected == .amount(13_980_000) && f.actual == .amount(13_890_000) && f.delta == .change(-90_000, of: 13_980_000))
        #expect(f.texts.delta == "-90000 (-0.64%)")
        #expect(f.sourceTexts == ["FP.xlsx!S!I5"])
        #expect(f.causedBy == [])
        #expect(f.message == .bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("STAFF"), funding: FundingSource("RB")),
                                            years: Biennium(2022, 2023), first: 6_930_000, second: 7_050_000, stated: 13_890_000, transposed: true))
    }

    /// The id's category part is there only when the line has one.
    @Test func aLineWithoutACategory() throws {
        var b = ModelBuilder()
        b.line("R.1-3", funding: "RB-CR", [2022: 100_000, 2023: 100_000], biennium: 210_000)
        let f = try #require(b.findings(of: .fin006).first)
        #expect(f.idText == "FIN-006/FP/R.1-3/RB-CR/2022-2023")
        guard case .bienniumSplit(let row, _, _, _, _, _) = f.message else { Issue.record("not FIN-006"); return }
        #expect(row == .budgetLine(output: OutputCode("R.1-3"), category: nil, funding: FundingSource("RB-CR")))
        let facts = try #require(Self.facts(f.message))
        #expect(facts.first == 100_000 && facts.second == 100_000 && facts.stated == 210_000 && !facts.transposed)
    }

    /// A summary row: `FP-SUMMARY/<bureau>`, no output.
    @Test func aSummaryRow() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.model.hasSectorSummary = true
        b.model.sectorSummary = [SectorSummary(bureau: .tsb, years: [2022: ModelBuilder.amount(4_755_000, "FP.xlsx", 5, 2),
                                                                     2023: ModelBuilder.amount(5_995_000, "FP.xlsx", 5, 3)],
                                               biennium: ModelBuilder.amount(10_759_000, "FP.xlsx", 5, 4), row: 5)]
        let f = try #require(b.findings(of: .fin006).first)
        #expect(f.id == Finding.ID(.fin006, .source(SourceTag(.financialPlan, isSummary: true)), .bureau(.tsb), .biennium(Biennium(2022, 2023))))
        #expect(f.idText == "FIN-006/FP-SUMMARY/TSB/2022-2023")
        #expect(f.bureau == .tsb && f.output == nil && f.period == .biennium(Biennium(2022, 2023)))
        #expect(f.expected == .amount(10_750_000) && f.actual == .amount(10_759_000) && f.delta == .change(9_000, of: 10_750_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!D5"])
        guard case .bienniumSplit(let row, _, _, _, _, _) = f.message else { Issue.record("not FIN-006"); return }
        #expect(row == .summary(bureau: .tsb))
        let facts = try #require(Self.facts(f.message))
        #expect(facts.first == 4_755_000 && facts.second == 5_995_000 && facts.stated == 10_759_000 && facts.transposed)
    }

    /// An operational-plan row (BR G5:G9 in the demo); a year split into staff and non-staff is their sum.
    @Test(arguments: [false, true])
    func anOperationalPlanRow(split: Bool) throws {
        var b = ModelBuilder()
        if split {
            b.plan("R.1-1", staff: [2022: (600_000, 400_000), 2023: (700_000, 300_000)], biennium: 2_100_000)
        } else {
            b.plan("R.1-1", total: [2022: 1_000_000, 2023: 1_000_000], biennium: 2_100_000)
        }
        let f = try #require(b.findings(of: .fin006).first)
        #expect(f.idText == "FIN-006/OP-BR/R.1-1/RB/2022-2023")
        #expect(f.bureau == .br && f.output == OutputCode("R.1-1"))
        #expect(f.expected == .amount(2_000_000) && f.actual == .amount(2_100_000) && f.delta == .change(100_000, of: 2_000_000))
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!G5"])
        guard case .bienniumSplit(let row, _, _, _, _, _) = f.message else { Issue.record("not FIN-006"); return }
        #expect(row == .allocation(output: OutputCode("R.1-1"), funding: FundingSource("RB")))
        let facts = try #require(Self.facts(f.message))
        #expect(facts.first == 1_000_000 && facts.second == 1_000_000 && facts.stated == 2_100_000 && !facts.transposed)
    }

    /// A row without both years (or without a stated biennium) is not checked.
    @Test func aRowWithOneYearIsNotChecked() {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: 1_000_000], biennium: 5_000_000)
        b.plan("R.1-1", total: [2023: 1_000_000], biennium: 5_000_000)
        b.line("R.1-2", [2022: 1_000_000, 2023: 1_000_000])
        #expect(b.findings(of: .fin006).isEmpty)
    }
}
