import Testing
@testable import Reconcile
import Results

/// The evaluation order follows from what each rule reads and emits, and is checked.
@Suite struct RuleCatalogueTests {
    @Test func everyCatalogueEntryIsEmittedByExactlyOneRule() {
        let emitted = RuleCatalogue.all.flatMap(\.emits)
        #expect(emitted.sorted() == RuleID.allCases.sorted())
    }

    @Test func eachRuleRunsAfterTheRulesItReads() {
        let order = RuleCatalogue.ordered
        #expect(order.count == RuleCatalogue.all.count)
        for (i, rule) in order.enumerated() {
            for entry in rule.reads where !rule.emits.contains(entry) {
                let producer = order.firstIndex { $0.emits.contains(entry) }
                #expect(producer.map { $0 < i } == true, "\(rule.name) reads \(entry.rawValue) before it is emitted")
            }
        }
    }

    @Test func dependenciesMoveARuleAfterItsProducerWhateverTheListOrder() throws {
        // FIN-003 listed first still runs after FIN-007 and FIN-010.
        let rules: [any Rule] = [AmountRule(), UnitRule(), FundingClassRule()]
        let order = try RuleCatalogue.order(rules).get().map(\.name)
        #expect(order == ["UnitRule", "FundingClassRule", "AmountRule"])
    }

    struct Reads: Rule {
        var emits: [RuleID]
        var reads: [RuleID]
        func apply(to run: inout RuleRun) {}
    }

    @Test func aCycleIsNamed() {
        let rules: [any Rule] = [Reads(emits: [.fin001], reads: [.fin002]), Reads(emits: [.fin002], reads: [.fin001]), UnitRule()]
        guard case .failure(let cycle) = RuleCatalogue.order(rules) else { Issue.record("no cycle found"); return }
        #expect(cycle.rules == ["Reads", "Reads"])
        #expect(cycle.description == "the rule catalogue has a cycle among Reads, Reads")
    }
}
