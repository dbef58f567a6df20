import Foundation
import Results
import Testing
import TestSupport
@testable import Pipeline

/// issue 15: a `--keep-inputs` run moves nothing, and its manifest says so instead of calling
/// every accepted input `archived` as if it had been filed away.
@Suite struct KeepInputsManifestTests {
    /// The demo's inbox with a text file named as a workbook beside it (quarantined by its fate).
    static func inbox(_ work: URL) throws -> URL {
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let text = inbox.appendingPathComponent("OP_BR_2022-2025_v9.xlsx")
        try Data("Output,Amount\nR.1-3,10\n".utf8).write(to: text)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: text.path)
        return inbox
    }

    @Test func aKeepInputsRunMarksEveryFileItLeftInTheInbox() throws {
        let work = Fixtures.temporaryDirectory("rbm-keep")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = try Self.inbox(work), out = work.appendingPathComponent("out")
        let before = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path, keepInputs: true)).run()

        let inputs = report.manifest.inputs
        #expect(Set(inputs.map(\.fate)) == [.archived, .quarantined])
        #expect(inputs.allSatisfy { $0.keptInInbox == true }, "\(inputs.map { ($0.file, $0.keptInInbox) })")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("archive").path))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("quarantine").path))

        // On disk, as a tool reads it.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any]
        let entries = try #require(json?["inputs"] as? [[String: Any]])
        #expect(entries.count == 8 && entries.allSatisfy { $0["keptInInbox"] as? Bool == true })
        #expect(Summary.render(report).contains("  kept in the inbox (--keep-inputs): 8 files, nothing moved to archive/ or quarantine/, no workbook made current"))
        // The page's inputs table says it too, beside each fate.
        let page = try String(contentsOf: out.appendingPathComponent("discrepancies.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "(kept in the inbox)").count - 1 == 8)
    }

    @Test func aRunThatFilesItsInputsAwayWritesNoKeptMark() throws {
        let work = Fixtures.temporaryDirectory("rbm-keep")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = try Self.inbox(work), out = work.appendingPathComponent("out")
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path)).run()

        #expect(report.manifest.inputs.allSatisfy { $0.keptInInbox == nil })
        let text = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(!text.contains("keptInInbox"))
        #expect(!Summary.render(report).contains("kept in the inbox"))
        #expect(!(try String(contentsOf: out.appendingPathComponent("discrepancies.html"), encoding: .utf8)).contains("kept in the inbox"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
    }
}
