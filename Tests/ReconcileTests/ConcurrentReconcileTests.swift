import Foundation
import Testing
@testable import Reconcile
import Results
import TestSupport

/// The catalogue's independent groups of rules applied at once give exactly what one run applying
/// the catalogue in order gives (`RuleCatalogue.groups`, `GroupRun.merge`; issue 11).
@Suite struct ConcurrentReconcileTests {
    @Test func theGroupsCutTheCatalogueAndEachHoldsWhatItsRulesRead() {
        let rules = RuleCatalogue.ordered, groups = RuleCatalogue.groups
        #expect(groups.flatMap { $0 }.sorted() == Array(rules.indices))
        #expect(groups.count > 1)
        for group in groups {
            #expect(group == group.sorted())
            let emitted = Set(group.flatMap { rules[$0].emits })
            for index in group {
                for entry in rules[index].reads { #expect(emitted.contains(entry), "\(rules[index].name) reads \(entry.rawValue) from another group") }
            }
        }
    }

    @Test func rulesReadingEachOtherShareAGroup() {
        let rules: [any Rule] = [KPIRule(), AmountRule(), RiskRule(), UnitRule(), FundingClassRule(), PresenceRule(), FrameworkRule()]
        #expect(RuleCatalogue.group(rules) == [[0], [1, 3, 4], [2], [5, 6]])
    }

    struct Covers: Rule {
        var emits: [RuleID]
        var covered: RuleID
        func apply(to run: inout RuleRun) { run.evaluated([covered], .run) }
    }

    @Test func groupsReportingOneEntryAreNotMerged() {
        let model = ModelBuilder().model, settings = ReconcileSettings()
        let ledger = Ledger(model: model, years: settings.years)
        let parts = [GroupRun([Covers(emits: [.fin001], covered: .fin001)], model: model, settings: settings, ledger: ledger),
                     GroupRun([Covers(emits: [.fin002], covered: .fin001)], model: model, settings: settings, ledger: ledger)]
        #expect(GroupRun.merge(parts, groups: [[0], [1]]) == nil)
        let apart = [parts[0], GroupRun([Covers(emits: [.fin002], covered: .fin002)], model: model, settings: settings, ledger: ledger)]
        #expect(GroupRun.merge(apart, groups: [[0], [1]])?.coverage.keys.sorted() == [.fin001, .fin002])
    }

    @Test(arguments: 0..<24)
    func randomModelsGiveTheSequentialOutcome(seed: UInt64) {
        var random = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let model = Self.model(&random)
        var settings = ReconcileSettings()
        settings.bureaus = [.br, .tsb, .bdt]
        let reconciler = Reconciler(settings: settings)
        let one = reconciler.reconcile(model, threads: 1)
        #expect(!one.findings.isEmpty)
        for threads in [2, 3, 8] {
            let many = reconciler.reconcile(model, threads: threads)
            #expect(many.findings == one.findings)
            #expect(many.findings.map(\.id.description) == one.findings.map(\.id.description))
            #expect(many.notes == one.notes)
            #expect(many.bureauTotals == one.bureauTotals)
            #expect(many.coverage == one.coverage)
        }
    }

    /// A model with a little of everything the rules look at, drawn from `random`: plans and lines
    /// that agree or not, in other units and classes, repeated outputs, a framework, KPIs and risks.
    static func model(_ random: inout SeededRandom) -> ResultsModel {
        let bureaus: [Bureau] = [.br, .tsb, .bdt].filter { _ in random.below(5) > 0 }
        var b = ModelBuilder(bureaus: bureaus.isEmpty ? [.br] : bureaus, withFramework: random.below(4) > 0)
        let prefixes: [Bureau: String] = [.br: "R", .tsb: "T", .bdt: "D"]
        var outputs: [(String, Bureau?)] = []
        for bureau in bureaus.isEmpty ? [.br] : bureaus {
            for n in 1...(1 + random.below(5)) {
                let code = "\(prefixes[bureau]!).\(1 + random.below(2))-\(n)"
                outputs.append((code, random.below(6) == 0 ? nil : bureau))
                let units: [MoneyUnit] = [.chf, .chf, .chf, .kchf]
                let unit = units[random.below(units.count)]
                let funding = random.below(5) == 0 ? "XB" : "RB"
                let amounts = [2022: Exact(1000 * (1 + random.below(50))), 2023: Exact(1000 * (1 + random.below(50)))]
                for _ in 0..<(1 + random.below(2)) {
                    if random.below(4) == 0 {
                        b.plan(code, bureau: bureau, staff: amounts.mapValues { ($0 / 2, $0 / 2 + Exact(random.below(3))) },
                               fte: Exact(random.below(4)), priority: [Priority.high, .medium, .low][random.below(3)], funding: funding, unit: unit)
                    } else {
                        b.plan(code, bureau: bureau, total: amounts, priority: random.below(3) == 0 ? nil : .high, funding: funding,
                               biennium: random.below(3) == 0 ? amounts.values.reduce(0, +) + Exact(random.below(2)) : nil,
                               notes: random.below(6) == 0 ? "paid by a trust fund" : nil, unit: unit)
                    }
                }
                if random.below(6) > 0 {
                    let drift = Exact(random.below(3) == 0 ? 500 * random.below(4) : 0)
                    b.line(code, bureau: random.below(8) == 0 ? nil : bureau, category: random.below(2) == 0 ? "Staff" : "Non-staff",
                           funding: random.below(7) == 0 ? "XB" : funding, amounts.mapValues { $0 + drift },
                           biennium: random.below(3) == 0 ? amounts.values.reduce(0, +) : nil)
                }
            }
        }
        if random.below(3) > 0 { b.line("Z.9-\(1 + random.below(3))", bureau: nil, [2022: 100]) }
        if b.model.submissions.contains(where: { $0.kind == .resultsFramework }) {
            b.framework(objectives: ["R.1", "T.1", "D.2"].filter { _ in random.below(3) > 0 }, outputs: outputs.filter { _ in random.below(4) > 0 })
            for (i, (code, _)) in outputs.enumerated() where random.below(2) == 0 {
                b.model.kpis.append(ModelBuilder.kpi("KPI-\(code)-0\(i)", linkedTo: code, baseline: random.below(5) == 0 ? nil : 10, baselineYear: 2019,
                                                     target: random.below(6) == 0 ? nil : 20, targetYear: 2023,
                                                     actuals: random.below(4) == 0 ? [:] : [2022: Exact(5 + random.below(20))],
                                                     reported: random.below(2) == 0 ? "On track" : nil, row: 5 + i))
            }
        }
        for i in 0..<random.below(6) {
            b.model.risks.append(ModelBuilder.risk("RSK-\(i)", likelihood: random.below(5) == 0 ? nil : Exact(1 + random.below(5)),
                                                   impact: Exact(1 + random.below(5)), stated: random.below(3) == 0 ? Exact(random.below(25)) : nil,
                                                   mitigation: random.below(4) == 0 ? "" : "Mitigation plan",
                                                   output: outputs.isEmpty || random.below(3) == 0 ? nil : outputs[random.below(outputs.count)].0, row: 5 + i))
        }
        return b.model
    }
}
