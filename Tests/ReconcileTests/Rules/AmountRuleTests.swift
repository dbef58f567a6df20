import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-003 and FIN-007 on hand-built models: each band edge of the default tolerances.
@Suite struct AmountRuleTests {
    static func cell(_ file: String, _ row: Int, _ column: Int) -> CellSource {
        CellSource(file: file, sheet: "S", position: CellPosition(row: row, column: column))
    }

    static func model(op: Decimal, fp: Decimal, opUnit: MoneyUnit = .chf) -> ResultsModel {
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

    static func fin003(op: Decimal, fp: Decimal) -> Finding? {
        var settings = ReconcileSettings()
        settings.bureaus = [.br]
        return Reconciler(settings: settings).reconcile(model(op: op, fp: fp)).findings.first { $0.rule == .fin003 }
    }

    @Test(arguments: [
        (Decimal(1_000_000), Decimal(1_000_000), nil as Severity?),     // equal
        (Decimal(1_005_000), Decimal(1_000_000), nil),                  // 0.5 %: inside the pass band
        (Decimal(1_005_001), Decimal(1_000_000), .warning),             // just outside
        (Decimal(100_900), Decimal(100_000), nil),                      // CHF 900: inside the absolute band
        (Decimal(1_100_000), Decimal(1_000_000), .warning),             // 10 % but only CHF 100 000: not above both
        (Decimal(1_100_001), Decimal(1_000_000), .error),               // above CHF 100 000 and 5 %
        (Decimal(3_905_000), Decimal(3_950_000), .warning),             // domain example
    ])
    func amountMismatchFollowsTheTolerances(op: Decimal, fp: Decimal, severity: Severity?) {
        #expect(Self.fin003(op: op, fp: fp)?.severity == severity)
    }

    @Test(arguments: [
        // (operational plan, financial plan, flagged, setting, severity, downgraded)
        (Decimal(1_200_000), Decimal(1_000_000), true, Severity.error, Severity.error, false),   // default: the catalogue's band
        (Decimal(1_200_000), Decimal(1_000_000), true, .warning, .warning, true),                // an overrun, downgraded
        (Decimal(800_000), Decimal(1_000_000), true, .warning, .error, false),                   // an underrun is not what Decision 5 allows
        (Decimal(1_200_000), Decimal(1_000_000), false, .warning, .error, false),                // not a cost-recovery output
        (Decimal(1_060_000), Decimal(1_000_000), true, .info, .info, true),                      // a warning band lowered further when asked
        (Decimal(1_060_000), Decimal(1_000_000), true, .warning, .warning, false),               // already a warning: unchanged
    ])
    func costRecoveryOverrunsMayBeDowngraded(op: Decimal, fp: Decimal, flagged: Bool, setting: Severity, severity: Severity,
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

    @Test(arguments: [(Decimal(470_000_000), true), (Decimal(517_000_000), true), (Decimal(517_500_000), false), (Decimal(423_000_000), true)])
    func aFactorNearAThousandIsAUnitErrorNotAMismatch(op: Decimal, unitError: Bool) {
        var settings = ReconcileSettings()
        settings.bureaus = [.br]
        let findings = Reconciler(settings: settings).reconcile(Self.model(op: op, fp: 470_000, opUnit: .kchf)).findings
        #expect(findings.contains { $0.rule == .fin007 } == unitError)
        #expect(findings.contains { $0.rule == .fin003 } == !unitError)
    }
}
