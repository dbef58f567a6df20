import Foundation
import Reconcile
import Results
import Testing

/// Every rule accounted for: each reports the scopes it evaluated and those it could not, with the
/// reason and the finding that caused it; a table that did not load raises no flood of findings.
@Suite struct CoverageTests {
    static func coverage(_ outcome: Reconciler.Outcome, _ rule: RuleID) throws -> Coverage {
        try #require(outcome.coverage.first { $0.rule == rule })
    }

    static func sheet(_ name: String, table: String, missing: [FieldGap] = []) -> SheetAccount {
        var account = SheetAccount(sheet: name, headerRow: "4")
        account.table = table
        account.missing = missing
        return account
    }

    /// The framework of RF-005's test, with its Outputs sheet loaded or not.
    static func framework(outputsLoaded: Bool) -> ModelBuilder {
        var b = ModelBuilder(bureaus: [.gs])
        b.framework(objectives: ["E.1"], outputs: [])
        b.plan("E.1-1", bureau: .gs, total: [2022: 9_600_000])
        b.line("E.1-1", bureau: .gs, [2022: 9_600_000])
        let rf = b.model.submissions.firstIndex { $0.kind == .resultsFramework }!
        b.model.submissions[rf].sheets = [sheet("Objectives", table: "objectives")] + (outputsLoaded ? [sheet("Outputs", table: "outputs")] : [])
        if !outputsLoaded {
            b.model.submissions[rf].unloaded = [UnloadedTable(table: "outputs", sheet: "Outputs",
                                                              findings: [Finding.ID(.dat003, .source(SourceTag(.resultsFramework)), .text("Outputs"), .text("code"))])]
        }
        return b
    }

    @Test func anOutputsSheetThatDidNotLoadIsNotCheckedRatherThanFlooded() throws {
        let loaded = Self.framework(outputsLoaded: true).outcome()
        #expect(loaded.findings.filter { $0.rule == .rf005 }.count == 2, "an Outputs sheet that loaded and lists nothing: RF-005 per workbook")
        #expect(try Self.coverage(loaded, .rf005).evaluated == [.workbook(SourceTag(.resultsFramework))])

        let skipped = Self.framework(outputsLoaded: false).outcome()
        #expect(skipped.findings.filter { $0.rule == .rf005 }.isEmpty)
        let rf005 = try Self.coverage(skipped, .rf005)
        #expect(rf005.evaluated.isEmpty)
        #expect(rf005.skipped == [Coverage.Gap(scope: .workbook(SourceTag(.resultsFramework)),
                                               reason: .tableNotLoaded(table: "outputs", file: "RF.xlsx", sheet: "Outputs"),
                                               causedBy: [Finding.ID(.dat003, .source(SourceTag(.resultsFramework)), .text("Outputs"), .text("code"))])])
        #expect(try Self.coverage(skipped, .rf001).isComplete, "the objectives loaded: RF-001 ran")
    }

    @Test func aMissingWorkbookSkipsItsRulesCausedByItsSUB001() throws {
        var b = ModelBuilder(bureaus: [.br, .tsb])
        b.plan("R.1-1", bureau: .br, total: [2022: 100])
        let outcome = b.outcome()
        let sub001 = Finding.ID(.sub001, .kind(.resultsFramework))
        #expect(outcome.findings.contains { $0.id == sub001 })
        let rf001 = try Self.coverage(outcome, .rf001)
        #expect(rf001.skipped == [Coverage.Gap(scope: .workbook(SourceTag(.resultsFramework)), reason: .workbookMissing(.resultsFramework, nil),
                                               causedBy: [sub001])])
        let rsk = try Self.coverage(outcome, .rsk001)
        #expect(rsk.skipped.first?.causedBy == [Finding.ID(.sub001, .kind(.riskRegister))])
        #expect(outcome.findings.contains { $0.id == Finding.ID(.sub001, .kind(.riskRegister)) })
    }

    @Test func aBureauWithoutAnFTEColumnIsNotCheckedByFIN009() throws {
        var b = ModelBuilder(bureaus: [.br, .tsb])
        b.plan("R.1-1", bureau: .br, staff: [2022: (1_000_000, 10)], fte: 1)
        b.plan("T.1-1", bureau: .tsb, staff: [2022: (1_000_000, 10)])
        b.line("R.1-1", bureau: .br, [2022: 1_000_010])
        b.line("T.1-1", bureau: .tsb, [2022: 1_000_010])
        for (i, sub) in b.model.submissions.enumerated() where sub.kind == .operationalPlan {
            b.model.submissions[i].sheets = [Self.sheet("Plan", table: "allocations", missing: sub.bureau == .tsb ? [FieldGap(field: "fte", rules: [.fin009])] : [])]
        }
        b.model.submissions[0].sheets = [Self.sheet("Budget", table: "budgetLines")]
        let outcome = b.outcome()
        let fin009 = try Self.coverage(outcome, .fin009)
        #expect(fin009.evaluated == [.bureau(.br)])
        #expect(fin009.skipped == [Coverage.Gap(scope: .bureau(.tsb), reason: .columnMissing(field: "fte", file: "OP_TSB.xlsx", sheet: "Plan"))])
        #expect(fin009.skipped[0].reason.description == "no fte column in OP_TSB.xlsx!Plan")
        #expect(outcome.findings.contains { $0.rule == .fin009 && $0.bureau == .br })
        #expect(try Self.coverage(outcome, .fin011).evaluated == [.bureau(.br), .bureau(.tsb)], "both plans have a priority column")
    }

    @Test func aKPIWithoutActualsOrBaselineIsNotCheckedByKPI002() throws {
        var b = ModelBuilder(bureaus: [.br])
        b.framework(objectives: ["R.1"])
        b.model.kpis = [ModelBuilder.kpi("K-1", linkedTo: "R.1-1", baseline: 10, baselineYear: 2020, target: 20, targetYear: 2023, actuals: [2022: 19]),
                        ModelBuilder.kpi("K-2", linkedTo: "R.1-1", baseline: 10, baselineYear: 2020, target: 20, targetYear: 2023, row: 6),
                        ModelBuilder.kpi("K-3", linkedTo: "R.1-1", baseline: nil, baselineYear: 2020, target: 20, targetYear: 2023, row: 7)]
        let outcome = b.outcome()
        let kpi002 = try Self.coverage(outcome, .kpi002)
        #expect(kpi002.evaluated == [.kpi("K-1")])
        #expect(kpi002.skipped == [Coverage.Gap(scope: .kpi("K-2"), reason: .noActual),
                                   Coverage.Gap(scope: .kpi("K-3"), reason: .noBaselineOrTarget, causedBy: [Finding.ID(.kpi001, .text("K-3"))])])
        #expect(outcome.notChecked.map(\.rule).contains(.kpi002))
    }

    @Test func everyCatalogueEntryIsAccountedForOnce() {
        let outcome = ModelBuilder(bureaus: [.br]).outcome()
        #expect(outcome.coverage.map(\.rule) == RuleID.allCases)
        #expect(outcome.coverage.allSatisfy { !$0.evaluated.isEmpty || !$0.skipped.isEmpty })
    }
}
