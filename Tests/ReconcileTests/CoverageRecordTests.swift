import Testing
@testable import Reconcile
import Results
import TestSupport

/// A rule's coverage lists each scope and each gap once, in the order first recorded, however
/// often a rule records it (looked up in a set beside the lists, not by scanning them; issue 11).
@Suite struct CoverageRecordTests {
    @Test func eachScopeAndGapIsListedOnceInTheOrderFirstRecorded() throws {
        let model = ModelBuilder().model, settings = ReconcileSettings()
        var run = RuleRun(model: model, settings: settings, ledger: Ledger(model: model, years: settings.years))
        let kpis = (1...300).map { Coverage.Scope.kpi("KPI-\($0)") }
        for _ in 0..<3 {
            for scope in kpis.reversed() { run.evaluated([.kpi001, .kpi002], scope) }
            for scope in kpis.prefix(10) { run.skipped([.kpi002], scope, .noActual) }
            run.skipped([.kpi002], kpis[0], .noBaselineOrTarget)
            run.limited([.fin001], .run, .noActual)
        }
        let kpi001 = try #require(run.coverage[.kpi001]), kpi002 = try #require(run.coverage[.kpi002]), fin001 = try #require(run.coverage[.fin001])
        #expect(kpi001.evaluated == Array(kpis.reversed()) && kpi002.evaluated == kpi001.evaluated)
        #expect(kpi002.skipped.map(\.scope) == Array(kpis.prefix(10)) + [kpis[0]])
        #expect(kpi002.skipped.map(\.reason) == Array(repeating: .noActual, count: 10) + [.noBaselineOrTarget])
        #expect(fin001.evaluated == [.run] && fin001.limited.map(\.scope) == [.run] && fin001.skipped.isEmpty)
    }
}
