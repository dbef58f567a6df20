import Foundation
import Testing
import TestSupport
@testable import Pipeline
import Results

/// issue 11: inputs are claimed by rename into `processing/<batch>/`, filed into batch-scoped
/// `archive/<batch>/` and `quarantine/<batch>/`, and a batch a stopped run left in `processing/`
/// is finished (committed) or taken back (not committed) by the next run.
@Suite struct ClaimRecoveryTests {
    static let v2 = "OP_BR_2022-2025_v2.xlsx"

    static func dropFolder(_ label: String) throws -> (work: URL, inbox: URL, options: BatchRun.Options) {
        let work = Fixtures.temporaryDirectory(label)
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try CurrentSubmissionsTests.settle(inbox)
        return (work, inbox, BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path))
    }

    static func current(_ work: URL) throws -> [String: String] {
        try JSONDecoder().decode([String: [String: String]].self, from: Data(contentsOf: work.appendingPathComponent("archive/current.json")))["files"] ?? [:]
    }

    /// A batch claimed but never committed: its files come back as this run's inputs, before the
    /// inbox's; a same-named file in the inbox is kept too, as `name (2).xlsx`.
    @Test func anUncommittedBatchIsTakenBackAndNothingIsOverwritten() throws {
        let (work, inbox, options) = try Self.dropFolder("rbm-claim-redo")
        defer { try? FileManager.default.removeItem(at: work) }
        let stopped = work.appendingPathComponent("processing/2026-01-01T000000Z-0000")
        try FileManager.default.createDirectory(at: stopped, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: inbox.appendingPathComponent(Self.v2), to: stopped.appendingPathComponent(Self.v2))
        let report = try BatchRun(options: options).run()
        #expect(report.findings.count == 43)
        let batch = try #require(report.manifest.batch)
        #expect(Set(report.manifest.inputs.map(\.file)).isSuperset(of: [Self.v2, "OP_BR_2022-2025_v2 (2).xlsx"]))
        #expect(Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }.count == 8)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("archive/\(batch)/\(Self.v2)").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("archive/\(batch)/OP_BR_2022-2025_v2 (2).xlsx").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("processing").path).isEmpty)
        #expect(try Self.current(work).values.allSatisfy { $0.hasPrefix(batch + "/") })
    }

    /// A batch that committed (its filing plan beside its files): its moves are finished into its
    /// own batch folders, its workbook made current, and this run carries it as current.
    @Test func aCommittedBatchIsFiledAwayUnderItsOwnId() throws {
        let (work, inbox, options) = try Self.dropFolder("rbm-claim-finish")
        defer { try? FileManager.default.removeItem(at: work) }
        let old = "2026-01-01T000000Z-0000"
        let stopped = work.appendingPathComponent("processing/\(old)")
        try FileManager.default.createDirectory(at: stopped, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: inbox.appendingPathComponent(Self.v2), to: stopped.appendingPathComponent(Self.v2))
        try Data("not a workbook".utf8).write(to: stopped.appendingPathComponent("junk.xlsx"))
        // The plan as a stopped run wrote it on disk (fates and slots as their texts).
        let plan = """
            {"batch": "\(old)", "entries": [{"file": "\(Self.v2)", "fate": "archived", "slot": "OP/BR"},
                                            {"file": "junk.xlsx", "fate": "quarantined", "reason": "not-a-workbook: text"}]}
            """
        let decoded = try JSONDecoder().decode(FilingPlan.self, from: Data(plan.utf8))
        #expect(decoded.entries.map(\.fate) == [.archived, .quarantined] && decoded.entries[0].slot == SubmissionSlot(.operationalPlan, .br))
        try Data(plan.utf8).write(to: stopped.appendingPathComponent(FilingPlan.name))
        let report = try BatchRun(options: options).run()
        #expect(report.findings.count == 43)
        #expect(report.manifest.inputs.first { $0.file == Self.v2 }?.fate == .current)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("archive/\(old)/\(Self.v2)").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("quarantine/\(old)/junk.xlsx.reason.txt").path))
        #expect(try Self.current(work)["OP/BR"] == "\(old)/\(Self.v2)")
        #expect(!FileManager.default.fileExists(atPath: stopped.path))
    }

    /// `current.json` written before batch folders names bare files in `archive/`: still read.
    @Test func aCurrentRecordOfBareNamesIsStillRead() throws {
        let (work, inbox, options) = try Self.dropFolder("rbm-claim-legacy")
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try BatchRun(options: options).run()
        let archive = work.appendingPathComponent("archive"), batch = try #require(first.manifest.batch)
        // Flatten the archive as an older version left it.
        var files: [String: String] = [:]
        for (slot, path) in try Self.current(work) {
            let name = URL(fileURLWithPath: path).lastPathComponent
            try FileManager.default.moveItem(at: archive.appendingPathComponent(path), to: archive.appendingPathComponent(name))
            files[slot] = name
        }
        try FileManager.default.removeItem(at: archive.appendingPathComponent(batch))
        try JSONEncoder().encode(["files": files]).write(to: archive.appendingPathComponent("current.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        let again = try BatchRun(options: options).run()
        #expect(again.manifest.inputs.count == 7 && again.manifest.inputs.allSatisfy { $0.fate == .current })
        #expect(again.findings.map(\.id) == first.findings.map(\.id))
        #expect(again.failedOutputs.isEmpty)
    }

    /// A `--keep-inputs` run claims nothing and recovers nothing.
    @Test func aKeepInputsRunClaimsNothing() throws {
        let (work, inbox, options) = try Self.dropFolder("rbm-claim-keep")
        defer { try? FileManager.default.removeItem(at: work) }
        let stopped = work.appendingPathComponent("processing/2026-01-01T000000Z-0000")
        try FileManager.default.createDirectory(at: stopped, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: stopped.appendingPathComponent("left.xlsx"))
        var keep = options
        keep.keepInputs = true
        let report = try BatchRun(options: keep).run()
        #expect(report.manifest.batch == nil && report.findings.count == 43)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: stopped.path) == ["left.xlsx"])
    }

    /// `rbm watch` started after a run was killed with its batch claimed: it runs a batch for it at
    /// once, even with nothing in the inbox.
    @Test(.timeLimit(.minutes(2)))
    func watchFinishesABatchLeftInProcessing() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (work, inbox, _) = try Self.dropFolder("rbm-claim-watch")
        defer { try? FileManager.default.removeItem(at: work) }
        let stopped = work.appendingPathComponent("processing/2026-01-01T000000Z-0000")
        try FileManager.default.createDirectory(at: stopped, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path) {
            try FileManager.default.moveItem(at: inbox.appendingPathComponent(name), to: stopped.appendingPathComponent(name))
        }
        let result = try Subprocess.run(rbm, ["watch", DemoScenarioTests.pipeline, "--inbox", inbox.path, "--out", work.appendingPathComponent("out").path,
                                              "--quiet-period", "0.2", "--once", "--in-process"])
        #expect(result.status == 0, "\(result.text) \(result.errors)")
        #expect(Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }.count == 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("processing").path).isEmpty)
    }
}
