import Testing

@testable import Results

/// Rules and severities are hashed and ordered by their case's place (issue 11), so the places
/// written out in `rank` must be the catalogue's order, one each.
@Suite struct RuleIDOrderTests {
    @Test func eachRuleRanksAtItsPlaceInTheCatalogue() {
        #expect(RuleID.allCases.map(\.rank) == Array(RuleID.allCases.indices))
        #expect(RuleID.allCases.sorted() == RuleID.allCases)
    }

    @Test func setsAndDictionariesKeepEveryRuleAndSeverityApart() {
        #expect(Set(RuleID.allCases).count == RuleID.allCases.count)
        let byText = Dictionary(uniqueKeysWithValues: RuleID.allCases.map { ($0, $0.rawValue) })
        #expect(RuleID.allCases.allSatisfy { byText[$0] == $0.rawValue })
        #expect(Set(Severity.allCases).count == Severity.allCases.count)
        #expect(Severity.allCases.sorted() == [.info, .warning, .error])
    }
}
