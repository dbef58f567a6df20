import Foundation
import Results
import Testing
import TestSupport
@testable import Pipeline

/// issue 15: SUB-001 cites the inbox the run used — its folder's name, so that the log does not
/// depend on where the drop folder lies; the scenarios' oracles (`inbox/`) come from folders named
/// `inbox`.
@Suite struct InboxSourceTests {
    @Test func subOneCitesTheInboxFolderTheRunUsed() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox-name")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("bdt-drop 2023")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/missing-bdt/inbox"), toPath: inbox.path)
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path, keepInputs: true)).run()
        let sub = try #require(report.findings.first { $0.rule == .sub001 })
        #expect(sub.sources.map(\.description) == ["bdt-drop 2023/"])
        let csv = try String(contentsOf: work.appendingPathComponent("out/discrepancies.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").contains { $0.hasPrefix("SUB-001/OP/BDT,") && $0.contains(",bdt-drop 2023/,") })
    }
}
