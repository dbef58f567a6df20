import Foundation
@testable import Pipeline
import Results
import TestSupport
import Testing

/// Every rule accounted for, end to end: a sheet that failed DAT-003 makes its rules skip that
/// workbook (named in the manifest's coverage and the summary) instead of flooding the log.
@Suite struct CoverageRunTests {
    @Test func aFrameworkWhoseOutputsSheetDidNotLoadGivesNoRF005Flood() throws {
        let work = Fixtures.temporaryDirectory("rbm-coverage")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try WorkbookEdit.replace(#"<sheet name="Outputs""#, with: #"<sheet name="Output list""#, in: "xl/workbook.xml",
                                 of: inbox.appendingPathComponent("RF_ITU_SP2020-2023_v2.xlsx").path)
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path, keepInputs: true)).run()
        let dat003 = report.findings.filter { $0.rule == .dat003 }.map(\.id)
        #expect(dat003.map(\.description) == ["DAT-003/RF/Outputs/code"])
        #expect(report.findings.filter { $0.rule == .rf005 }.isEmpty, "\(report.findings.filter { $0.rule == .rf005 }.count) RF-005")
        let rf005 = try #require(report.manifest.coverage?["RF-005"])
        #expect(rf005.evaluated.isEmpty)
        #expect(rf005.skipped == [.init(scope: "RF", reason: "the outputs table did not load from RF_ITU_SP2020-2023_v2.xlsx!Outputs",
                                        causedBy: ["DAT-003/RF/Outputs/code"])])
        let summary = Summary.render(report)
        #expect(summary.contains("RF-005 RF: the outputs table did not load from RF_ITU_SP2020-2023_v2.xlsx!Outputs (caused by DAT-003/RF/Outputs/code)"))
        #expect(summary.contains("sheets: 12 loaded, 1 skipped"))
        #expect(summary.contains("coverage incomplete"))
    }
}
