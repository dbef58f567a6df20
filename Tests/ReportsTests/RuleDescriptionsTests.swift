import Foundation
import Testing
@testable import Reports
import Results

/// Every rule has a title and a description, and the bands a description quotes are the run's.
@Suite struct RuleDescriptionsTests {
    @Test func everyRuleIsDescribed() {
        let entries = RuleID.allCases.map { RuleDescriptions.english($0) }
        #expect(entries.allSatisfy { !$0.title.isEmpty && $0.description.hasSuffix(".") })
        #expect(Set(entries.map(\.title)).count == RuleID.allCases.count)
    }

    @Test func descriptionsQuoteTheTolerancesInForce() {
        #expect(RuleDescriptions.english(.fin004).description.contains("(warning above 1 %, error above 5 %)"))
        var t = Tolerances()
        t.bureauWarnRel = Exact(string: "0.02")!
        t.bureauErrorRel = Exact(string: "0.1")!
        t.amountAbs = 2500
        #expect(RuleDescriptions.english(.fin004, tolerances: t).description.contains("(warning above 2 %, error above 10 %)"))
        #expect(RuleDescriptions.english(.fin003, tolerances: t).description.contains("beyond CHF 2 500 and 0.5 %"))
    }
}
