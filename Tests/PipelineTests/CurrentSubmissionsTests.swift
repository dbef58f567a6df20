import Foundation
import Results
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
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let first = try run()

        // Nothing new: the same findings, from the archive.
        let second = try run()
        // The same findings, now persisting (statuses aside).
        #expect(second.findings.map { var f = $0; f.status = nil; return f } == first.findings.map { var f = $0; f.status = nil; return f })
        #expect(second.findings.allSatisfy { $0.status == .persisting })
        #expect(second.manifest.inputs.map(\.fate) == Array(repeating: Fate.current, count: 7))

        // BR resubmits (the same content under its next version): only BR's file changes.
        try FileManager.default.copyItem(at: work.appendingPathComponent("archive/\(first.manifest.batch ?? "?")/OP_BR_2022-2025_v2.xlsx"),
                                         to: inbox.appendingPathComponent("OP_BR_2022-2025_v3.xlsx"))
        let third = try run()
        #expect(third.findings.map(\.id) == first.findings.map(\.id))
        let fates = Dictionary(uniqueKeysWithValues: third.manifest.inputs.map { ($0.file, $0.fate) })
        #expect(fates["OP_BR_2022-2025_v3.xlsx"] == .archived && fates["OP_BR_2022-2025_v2.xlsx"] == nil)
        #expect(third.findings.first { $0.id.description == "FIN-001/R.1-2/2022" }?.sources.map(\.description) == ["OP_BR_2022-2025_v3.xlsx!Operational plan!E6"])
        let current = try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: work.appendingPathComponent("archive/current.json")))
        #expect(current["files"]?["OP/BR"] == "\(third.manifest.batch ?? "?")/OP_BR_2022-2025_v3.xlsx")
        #expect(current["files"]?.count == 7)
    }

    /// Every file of `folder` last modified ten minutes ago: settled, so discovery takes it at once.
    static func settle(_ folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
    }

    /// issue 11: v3 became current while v2 waited beside an editor's lock file; when the lock
    /// went, the next run must not make v2 current over v3.
    @Test func anEarlierVersionArrivingLateNeverReplacesTheCurrentOne() throws {
        let work = Fixtures.temporaryDirectory("rbm-late")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), archive = work.appendingPathComponent("archive")
        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: inbox.path,
                                        output: work.appendingPathComponent("out").path)).run()
        }
        func currentFiles() throws -> [String: String] {
            try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: archive.appendingPathComponent("current.json")))["files"] ?? [:]
        }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let v2 = "OP_BR_2022-2025_v2.xlsx", v3 = "OP_BR_2022-2025_v3.xlsx"
        try FileManager.default.copyItem(at: inbox.appendingPathComponent(v2), to: inbox.appendingPathComponent(v3))
        try Data("lock".utf8).write(to: inbox.appendingPathComponent("~$" + v2))   // v2 is open in Excel
        try Self.settle(inbox)

        let first = try run()
        #expect(first.manifest.leftInInbox == [v2])
        #expect(first.manifest.inputs.first { $0.file == v3 }?.fate == .archived)
        #expect(try currentFiles()["OP/BR"] == "\(first.manifest.batch ?? "?")/\(v3)")

        // Excel closes v2: it is taken now, but it is the earlier version.
        try FileManager.default.removeItem(at: inbox.appendingPathComponent("~$" + v2))
        let second = try run()
        let fates = Dictionary(uniqueKeysWithValues: second.manifest.inputs.map { ($0.file, $0) })
        #expect(fates[v2]?.fate == .superseded)
        #expect(fates[v2]?.reason == "superseded on arrival by archive/\(first.manifest.batch ?? "?")/\(v3), the current OP/BR workbook since an earlier run (this one is an earlier version)")
        #expect(fates[v3]?.fate == .current)
        let late = try #require(second.model.notes.first { $0.kind == .earlierVersion }, "\(second.manifest.notes)")
        #expect(late.severity == .warning && late.source?.description == "inbox")
        #expect(late.text == "'\(v2)' is an earlier version than '\(v3)', the current OP/BR workbook accepted in an earlier run; it was archived as superseded and '\(v3)' stays current")
        #expect(try currentFiles()["OP/BR"] == "\(first.manifest.batch ?? "?")/\(v3)")
        #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent("\(second.manifest.batch ?? "?")/\(v2)").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        // The findings are v3's, as in the first run.
        #expect(second.findings.map(\.id) == first.findings.map(\.id))
        #expect(second.findings.first { $0.id.description == "FIN-001/R.1-2/2022" }?.sources.map(\.description) == ["\(v3)!Operational plan!E6"])
        #expect(!second.findings.contains { $0.sources.contains { $0.file == v2 } })
    }

    /// issue 11: a truncated current.json was silently reset, so every bureau's earlier submission
    /// was forgotten (six SUB-001). It is recovered — from current.json.prev, else from the
    /// archive's files — and the run says so in its notes and on standard error.
    @Test func aDamagedCurrentRecordIsRecoveredAndSaidLoudly() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-current-damaged")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), archive = work.appendingPathComponent("archive"), out = work.appendingPathComponent("out")
        let record = archive.appendingPathComponent("current.json")
        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: inbox.path, output: out.path)).run()
        }
        func truncate() throws {
            let bytes = try Data(contentsOf: record)
            try bytes.prefix(bytes.count / 2).write(to: record)
        }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try Self.settle(inbox)
        let first = try run()
        // BR resubmits: current.json is replaced, and the set it replaces is kept as current.json.prev.
        try FileManager.default.copyItem(at: archive.appendingPathComponent("\(first.manifest.batch ?? "?")/OP_BR_2022-2025_v2.xlsx"), to: inbox.appendingPathComponent("OP_BR_2022-2025_v3.xlsx"))
        try Self.settle(inbox)
        _ = try run()
        #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent("current.json.prev").path))

        try truncate()
        let cli = try Subprocess.run(rbm, ["run", Fixtures.path("pipelines/itu-2022-2023.yaml"), "--inbox", inbox.path, "--out", out.path,
                                           "--fail-on", "never", "--in-process"])
        #expect(cli.status == 0)
        let warning = "warning: archive/current.json could not be read (it is truncated or not valid JSON); the current workbooks were recovered from current.json.prev and the archive's files: "
        #expect(cli.errors.contains("rbm: " + warning), "\(cli.errors)")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        #expect(manifest.inputs.map(\.fate) == Array(repeating: Fate.current, count: 7))
        #expect(manifest.notes.contains { $0.hasPrefix(warning) })
        #expect(manifest.findings["SUB-001"] == nil)
        #expect(try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: record))["files"]?.count == 7)

        // Then current.json is damaged and its previous copy lost too: the archive's files alone
        // tell the current set, the later version winning.
        try truncate()
        try FileManager.default.removeItem(at: archive.appendingPathComponent("current.json.prev"))
        let recovered = try run()
        let recovery = try #require(recovered.model.notes.first { $0.kind == .currentSetRecovered }, "\(recovered.manifest.notes)")
        #expect(recovery.severity == .warning)
        #expect(recovery.text.hasPrefix("archive/current.json could not be read (it is truncated or not valid JSON); the current workbooks were recovered from the archive's files: "))
        #expect(recovery.text.contains("OP/BR → ") && recovery.text.contains("/OP_BR_2022-2025_v3.xlsx"))
        #expect(recovered.findings.map(\.id) == first.findings.map(\.id))
        #expect(recovered.findings.first { $0.id.description == "FIN-001/R.1-2/2022" }?.sources.map(\.description) == ["OP_BR_2022-2025_v3.xlsx!Operational plan!E6"])
    }
}
