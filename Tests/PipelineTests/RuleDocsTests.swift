import Foundation
import Testing
import Reports
import TestSupport

/// docs/rules.md carries the table `rbm rules --format markdown` prints, so the documentation never
/// drifts from the rules' own descriptions.
@Suite struct RuleDocsTests {
    @Test func theRulesPageHoldsTheGeneratedTable() throws {
        let page = try String(contentsOfFile: Fixtures.path("docs/rules.md"), encoding: .utf8)
        #expect(page.contains(RuleDescriptions.markdown()), "regenerate with: .build/debug/rbm rules --format markdown")
    }
}
