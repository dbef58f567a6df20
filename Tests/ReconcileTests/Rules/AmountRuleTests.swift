import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-003 and FIN-007 on hand-built models: each band edge of the default tolerances.
@Suite struct AmountRuleTests {
    static func cell(_ file: String, _ row: Int, _ column: Int) -> CellSource {
        CellSource(file: file, sheet: "S", position: CellPosition(row: row, column: column))
    }

    static func model(op: Exact, fp: Exact, opUnit: MoneyUnit = .chf) -> ResultsModel {
        var m = ResultsModel()
        m.submissions = [Submission(file: "FP.xlsx", kind: .financialPlan, bureau: nil, sheets: []),
                         Submission(file: "OP.xlsx", kind: .operationalPlan, bureau: .br, sheets: [])]
        let out = OutputCode("R.2-1")
        m.allocations = [Allocation(bureau: .br, output: out, outputCell: cell("OP.xlsx", 5, 1), statedObjective: nil, title: "t",
                                    years: [2022: YearCost(total: Amount(chf: op, unit: opUnit, source: cell("OP.xlsx", 5, 5)))],
                                    biennium: nil, fte: nil, priority: nil, priorityCell: nil, funding: FundingSource("RB"), fundingCell: nil,
                                    notes: nil, row: 5)]
        m.budgetLines = [BudgetLine(bureau: .br, sector: nil, statedObjective: nil, output: out, outputCell: cell("FP.xlsx", 8, 3), title: "t",
                                    category: nil, funding: FundingSource("RB"), fundingCell: cell("FP.xlsx", 8, 6),
                                    years: [2022: Amount(chf: fp, unit: .chf, source: cell("FP.xlsx", 8, 7))], biennium: nil, notes: nil, row: 8)]
        return m
    }

    static func fin003(op: Exact, fp: Exact) -> Finding? {
        var settings = ReconcileSettings()
        settings.bureaus = [.br]
        return Reconciler(settings: settings).reconcile(model(op: op, fp: fp)).findings.first { $0.rule == .fin003 }
    }

    @Test(arguments: [
        (Exact(1_000_000), Exact(1_000_000), nil as Severity?),     // equal
        (Exact(1_005_000), Exact(1_000_000), nil),                  // 0.5 %: inside the pass band
        (Exact(1_005_001), Exact(1_000_000), .warning),             // just outside
        (Exact(100_900), Exact(100_000), nil),                      // CHF 900: inside the absolute band
        (Exact(1_100_000), Exact(1_000_000), .warning),             // 10 % but only CHF 100 000: not above both
        (Exact(1_100_001), Exact(1_000_000), .error),               // above CHF 100 000 and 5 %
        (Exact(3_905_000), Exact(3_950_000), .warning),             // domain example
    ])
    func amountMismatchFollowsTheTolerances(op: Exact, fp: Exact, severity: Severity?) {
        #expect(Self.fin003(op: op, fp: fp)?.severity == severity)
    }

    @Test(arguments: [
        // (operational plan, financial plan, flagged, setting, severity, downgraded)
        (Exact(1_200_000), Exact(1_000_000), true, Severity.error, Severity.error, false),   // default: the catalogue's band
        (Exact(1_200_000), Exact(1_000_000), true, .warning, .warning, true),                // an overrun, downgraded
        (Exact(800_000), Exact(1_000_000), true, .warning, .error, false),                   // an underrun is not what Decision 5 allows
        (Exact(1_200_000), Exact(1_000_000), false, .warning, .error, false),                // not a cost-recovery output
        (Exact(1_060_000), Exact(1_000_000), true, .info, .info, true),                      // a warning band lowered further when asked
        (Exact(1_060_000), Exact(1_000_000), true, .warning, .warning, false),               // already a warning: unchanged
    ])
    func costRecoveryOverrunsMayBeDowngraded(op: Exact, fp: Exact, flagged: Bool, setting: Severity, severity: Severity,
                                             downgraded: Bool) throws {
        var settings = ReconcileSettings()
        settings.bureaus = [.br]
        settings.costRecoveryOverrun = setting
        var model = Self.model(op: op, fp: fp)
        model.outputs = [FrameworkOutput(code: OutputCode("R.2-1"), objective: "R.2", bureau: .br, title: "t", isCostRecovery: flagged,
                                         source: Self.cell("RF.xlsx", 3, 1))]
        let f = try #require(Reconciler(settings: settings).reconcile(model).findings.first { $0.rule == .fin003 })
        #expect(f.severity == severity)
        guard case .amountDiffers(_, _, _, _, _, let capped) = f.message else { Issue.record("not an amount message: \(f.message)"); return }
        #expect((capped != nil) == downgraded)
    }

    @Test func theDomainExampleHasItsColumns() throws {
        let f = try #require(Self.fin003(op: 3_905_000, fp: 3_950_000))
        #expect(f.idText == "FIN-003/R.2-1/2022")
        #expect(f.texts == ("3950000", "3905000", "-45000 (-1.14%)"))
        #expect(f.sourceTexts == ["OP.xlsx!S!E5", "FP.xlsx!S!G8"])
    }

    /// Each band edge with the whole finding: severity, id, the three values, sources and message.
    @Test(arguments: [
        // (operational plan, financial plan, severity): Δ = OP − FP
        (Exact(3_905_000), Exact(3_950_000), Severity.warning),   // domain example: −45 000, −1.14 %
        (Exact(1_005_001), Exact(1_000_000), .warning),           // just above 0.5 % and CHF 1 000
        (Exact(994_999), Exact(1_000_000), .warning),             // the same edge below the financial plan
        (Exact(1_100_001), Exact(1_000_000), .error),             // above CHF 100 000 and 5 %
        (Exact(899_999), Exact(1_000_000), .error),               // the same edge below
        (Exact(1_100_000), Exact(1_000_000), .warning),           // 10 % but CHF 100 000 exactly: a warning
    ])
    func theFindingCarriesBothSidesAndTheDelta(op: Exact, fp: Exact, severity: Severity) throws {
        var b = ModelBuilder()
        b.plan("R.2-1", total: [2022: op])
        b.line("R.2-1", [2022: fp])
        let f = try #require(b.findings(of: .fin003).first)
        #expect(b.findings(of: .fin003).count == 1)
        #expect(f.severity == severity)
        #expect(f.id == Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)))
        #expect(f.bureau == .br && f.output == OutputCode("R.2-1") && f.period == .year(2022))
        #expect(f.expected == .amount(fp) && f.actual == .amount(op) && f.delta == .change(op - fp, of: fp))
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5", "FP.xlsx!S!G5"])
        #expect(f.causedBy == [])
        #expect(f.message == .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: op, budgeted: fp, costRecovery: nil))
    }

    @Test func theDeltaAndItsPercentageAreWrittenAsTheLogShowsThem() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.plan("T.2-1", bureau: .tsb, total: [2022: 1_050_000], unit: .kchf)
        b.line("T.2-1", bureau: .tsb, [2022: 610_000])
        let f = try #require(b.findings(of: .fin003).first)
        #expect(f.severity == .error)
        #expect(f.texts == ("610000", "1050000", "+440000 (+72.13%)"))      // CHF, although the plan was typed in kCHF
    }

    /// Only regular budget is compared: XB rows and lines stay out of both sums and the sources.
    @Test func extrabudgetaryRowsAreLeftOutOfBothSides() throws {
        var b = ModelBuilder()
        b.plan("R.2-1", total: [2022: 1_000_000])
        b.plan("R.2-1", total: [2022: 900_000], funding: "XB")
        b.line("R.2-1", [2022: 1_200_000])
        b.line("R.2-1", funding: "XB", [2022: 0])
        let f = try #require(b.findings(of: .fin003).first)
        #expect(f.expected == .amount(1_200_000) && f.actual == .amount(1_000_000) && f.severity == .error)
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5", "FP.xlsx!S!G5"])
    }

    @Test(arguments: [
        (["RB", "XB"], ["XB"]),     // the financial plan funds the output from XB only
        (["XB"], ["RB", "XB"]),     // the operational plan has no RB row for it
    ])
    func noMismatchWhereOneSideHasNoRegularBudget(opFunding: [String], fpFunding: [String]) {
        var b = ModelBuilder()
        for funding in opFunding { b.plan("R.2-1", total: [2022: 1_000_000], funding: funding) }
        for funding in fpFunding { b.line("R.2-1", funding: funding, [2022: 3_000_000]) }
        #expect(b.findings(of: .fin003).isEmpty)
        #expect(b.findings(of: .fin010).isEmpty)        // each case has both classes on one side: no class finding either
    }

    @Test func rowsOfOneOutputAreSummedIntoOneRange() throws {
        var b = ModelBuilder()
        b.plan("R.2-1", total: [2022: 600_000])
        b.plan("R.2-1", total: [2022: 600_000])
        b.line("R.2-1", category: "STAFF", [2022: 500_000])
        b.line("R.2-1", category: "NONSTAFF", [2022: 500_000])
        let f = try #require(b.findings(of: .fin003).first)
        #expect(f.expected == .amount(1_000_000) && f.actual == .amount(1_200_000))
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5:E6", "FP.xlsx!S!G5:G6"])
    }
}
