import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// Runs over several batches: the current set carries over, a resubmission supersedes.
@Suite struct CurrentSubmissionsTests {
    @Test func aResubmissionSupersedesAndTheRestCarriesOver() throws {
        let work = Fixtures.temporaryDirectory("rbm-current")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")
        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        }
        try FileManager.default.copyItem(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let first = try run()

        // Nothing new: the same findings, from the archive.
        let second = try run()
        #expect(second.findings == first.findings)
        #expect(second.manifest.inputs.map(\.fate) == Array(repeating: "current", count: 7))

        // BR resubmits (the same content under its next version): only BR's file changes.
        try FileManager.default.copyItem(at: work.appendingPathComponent("archive/OP_BR_2022-2025_v2.xlsx"),
                                         to: inbox.appendingPathComponent("OP_BR_2022-2025_v3.xlsx"))
        let third = try run()
        #expect(third.findings.map(\.id) == first.findings.map(\.id))
        let fates = Dictionary(uniqueKeysWithValues: third.manifest.inputs.map { ($0.file, $0.fate) })
        #expect(fates["OP_BR_2022-2025_v3.xlsx"] == "archived" && fates["OP_BR_2022-2025_v2.xlsx"] == nil)
        #expect(third.findings.first { $0.id.description == "FIN-001/R.1-2/2022" }?.sources.map(\.description) == ["OP_BR_2022-2025_v3.xlsx!Operational plan!E6"])
        let current = try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: work.appendingPathComponent("archive/current.json")))
        #expect(current["files"]?["OP/BR"] == "OP_BR_2022-2025_v3.xlsx")
        #expect(current["files"]?.count == 7)
    }
}
