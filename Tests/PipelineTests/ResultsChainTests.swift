import Foundation
import Testing
import TestSupport
@testable import Pipeline
import Reports
import Results

/// The results chain of the demo: every output is on a line under its objective and goal (or
/// under "not in the results framework"), the totals add up to the plans' regular-budget totals,
/// and each line carries its KPIs, risks and findings.
@Suite struct ResultsChainTests {
    static func demo() throws -> BatchRun.Report {
        let work = Fixtures.temporaryDirectory("rbm-chain")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        return try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                           output: work.appendingPathComponent("out").path, keepInputs: true)).run()
    }

    @Test func theChainAccountsForEveryOutputAndItsMoney() throws {
        let report = try Self.demo()
        let model = report.model, years = [2022, 2023]
        let chain = ResultsChain(model: model, findings: report.findings, years: years)
        let lines = chain.goals.flatMap(\.objectives).flatMap(\.lines)
        // Every output any workbook names is on exactly one line.
        let named = Set(model.outputs.map(\.code) + model.budgetLines.map(\.output) + model.allocations.map(\.output))
        #expect(lines.count == named.count && Set(lines.map(\.output)) == named)
        // Totals equal the plans' regular-budget sums over the biennium.
        let fpRB = model.budgetLines.filter { $0.funding.isRegular }.flatMap { l in years.compactMap { l.years[$0]?.chf } }.reduce(0, +)
        let opRB = model.allocations.filter { $0.funding.isRegular }.flatMap { a in years.compactMap { a.years[$0]?.chf } }.reduce(0, +)
        #expect(chain.budgetRB == fpRB && chain.plannedRB == opRB)
        // D.5 is not an objective of the plan (RF-001): its output is shown, not lost.
        let unknown = try #require(chain.goals.first { $0.goal == nil })
        #expect(unknown.objectives.map(\.code).contains("D.5"))
        // T.4-1 carries its unit error, as an error line.
        let t41 = try #require(lines.first { $0.output == OutputCode("T.4-1") })
        #expect(t41.findings.map(\.idText).contains("FIN-007/T.4-1/2023") && t41.worst == .error)
        // KPIs and risks reach their outputs.
        #expect(lines.contains { !$0.kpis.isEmpty } && lines.contains { !$0.risks.isEmpty })
        #expect(chain.envelope == model.envelope?.amount)
    }
}

/// The page shows the same chain, each finding linked to its row in the findings table.
@Suite struct ResultsChainPageTests {
    @Test func thePageHasTheChainWithLinkedFindings() throws {
        let report = try ResultsChainTests.demo()
        let page = try String(contentsOfFile: report.outputFolder + "/discrepancies.html", encoding: .utf8)
        #expect(page.contains("<section id=\"chain\"><h2>Results chain</h2>"))
        #expect(page.contains("<a href=\"#chain\">Results chain</a>"))
        #expect(page.contains("<a href=\"#FIN-007/T.4-1/2023\">FIN-007/T.4-1/2023</a>"))
        #expect(page.contains("approved envelope CHF"))
    }
}
