import Foundation
import Glibc
import History
import Testing
import TestSupport

/// `reliability.md` 6.4, in small: for each of a series of moments, a fresh drop folder, an
/// `rbm run` killed with SIGKILL at that moment, then a run to completion. Afterwards nothing is
/// lost or doubled: the inbox is empty, every input sits in `archive/` exactly once and
/// byte-identical, no temporary file is left, and the last run consolidates the whole demo.
@Suite struct KillLoopTests {
    /// `rbm` started in the background, to be killed.
    static func start(_ executable: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A fresh drop folder holding the demo's workbooks, settled (no watch), and the run's arguments;
    /// `archive/` is put on another file system when `archiveOn` is given (a symbolic link to a new
    /// folder there).
    static func dropFolder(archiveOn other: URL? = nil) throws -> (work: URL, arguments: [String]) {
        let work = Fixtures.temporaryDirectory("rbm-kill")
        if let other {
            let archive = other.appendingPathComponent("rbm-archive-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: work.appendingPathComponent("archive"), withDestinationURL: archive)
        }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path) {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: inbox.appendingPathComponent(name).path)
        }
        return (work, ["run", Fixtures.path("pipelines/itu-2022-2023.yaml"), "--inbox", inbox.path,
                       "--out", work.appendingPathComponent("out").path, "--fail-on", "never", "--in-process"])
    }

    /// Runs to completion after a stop and checks the invariants of `reliability.md` 6.4.
    static func completeAndCheck(_ rbm: String, _ work: URL, _ arguments: [String], after stop: String) throws {
        let source = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")
        let originals = try FileManager.default.contentsOfDirectory(atPath: source).map { try Data(contentsOf: URL(fileURLWithPath: source).appendingPathComponent($0)) }
        let final = try Subprocess.run(rbm, arguments)
        let summary = final.text
        #expect(final.status == 0, "\(stop): \(summary) \(final.errors)")
        #expect(summary.contains("findings: 43 (28 error, 13 warning, 2 info; 37 root causes)"), "\(stop): \(summary)")
        // I1: the inbox and processing/ are empty and no temporary file is left anywhere rbm writes
        // (batch folders included).
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path).filter { $0.hasSuffix(".xlsx") }.isEmpty, "\(stop)")
        let processing = (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("processing").path)) ?? []
        #expect(processing.isEmpty, "\(stop): processing/ holds \(processing)")
        for folder in ["archive", "quarantine", "out"] {
            let names = (FileManager.default.enumerator(atPath: work.appendingPathComponent(folder).resolvingSymlinksInPath().path)?.allObjects as? [String] ?? [])
                .map { URL(fileURLWithPath: $0).lastPathComponent }
            #expect(!names.contains { $0.hasPrefix(".dat.nosync") || $0.hasPrefix(".staging-") || $0.hasSuffix(".rbm-partial") }, "\(stop): \(folder): \(names)")
        }
        // Nor a first history written ahead and never renamed into place (`.history-<batch>.sqlite`).
        let beside = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix(".history-") }
        #expect(beside.isEmpty, "\(stop): \(beside)")
        // I2: every input archived exactly once, byte-identical; nothing quarantined.
        let archive = work.appendingPathComponent("archive")
        let archived = Filed.paths(in: archive).filter { $0.hasSuffix(".xlsx") }
        let contents = try archived.map { try Data(contentsOf: archive.appendingPathComponent($0)) }
        #expect(contents.count == originals.count, "\(stop): \(archived)")
        for original in originals { #expect(contents.filter { $0 == original }.count == 1, "\(stop)") }
        #expect(Filed.paths(in: work.appendingPathComponent("quarantine")).isEmpty, "\(stop)")
        // I3: the history holds whole runs only: the stopped one entirely or not at all, then the
        // completing run, compared with the last committed one.
        try checkHistory(work, runs: 1...2, lastFindings: 43, after: stop)
    }

    /// The drop folder's history is whole: SQLite finds nothing wrong, it holds `runs` runs, each
    /// with as many finding rows as it counted, each compared with the run before it, and the last
    /// has `lastFindings` findings.
    static func checkHistory(_ work: URL, runs expected: ClosedRange<Int>, lastFindings: Int, after stop: String) throws {
        let history = try #require(try RunHistory.existing(at: work.appendingPathComponent("history.sqlite").path), "\(stop): no history.sqlite")
        #expect(try history.integrityCheck() == "ok", "\(stop)")
        let runs = try history.runs()
        #expect(expected.contains(runs.count), "\(stop): \(runs.count) runs")
        for (i, run) in runs.enumerated() {
            #expect(try history.findings(run: run.id!).count == run.findings, "\(stop): run \(run.id!)")
            #expect(run.previousRunID == (i > 0 ? runs[i - 1].id : nil), "\(stop): run \(run.id!)")
        }
        #expect(runs.last?.findings == lastFindings, "\(stop)")
    }

    /// A committed run, then a run stopped before each of its durable steps (history recording
    /// included), then a run to completion: the committed run stays intact in the history and the
    /// completing run records cleanly against it (every finding persisting).
    @Test(.timeLimit(.minutes(5)))
    func aRunStoppedAfterACommittedRunLeavesTheHistoryIntact() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        var crashed = 0
        for step in 1...60 {
            let (work, arguments) = try Self.dropFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            #expect(try Subprocess.run(rbm, arguments, errors: .discard).status == 0)
            let stopped = try Subprocess.run(rbm, arguments, environment: ["RBM_CRASH_AT": String(step)], errors: .discard)
            guard stopped.status == 137 else { break }
            crashed += 1
            let stop = "second run stopped before durable step \(step)"
            try Self.checkHistory(work, runs: 1...1, lastFindings: 43, after: stop)
            let final = try Subprocess.run(rbm, arguments)
            #expect(final.status == 0, "\(stop): \(final.errors)")
            #expect(final.text.contains("changes: 0 new, 0 resolved, 43 persisting (against run 1 of "), "\(stop): \(final.text)")
            try Self.checkHistory(work, runs: 2...2, lastFindings: 43, after: stop)
        }
        // Outputs (4 written, 4 published), the manifest, current.json, the manifest again, the history.
        #expect(crashed >= 10, "only \(crashed) durable steps")
    }

    @Test(.timeLimit(.minutes(5)))
    func aRunStoppedAtAnyDurableStepLosesNothing() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        var crashed = 0
        for step in 1...60 {
            let (work, arguments) = try Self.dropFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            let stopped = try Subprocess.run(rbm, arguments, environment: ["RBM_CRASH_AT": String(step)], errors: .discard)
            guard stopped.status == 137 else { break }   // the run has fewer steps: all were tried
            crashed += 1
            // A first run that stops (recording is its last durable step) leaves no history behind,
            // not even an empty one: its record is written ahead under a hidden name and renamed
            // into place only once committed.
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("history.sqlite").path), "stopped before durable step \(step)")
            try Self.completeAndCheck(rbm, work, arguments, after: "stopped before durable step \(step)")
        }
        // Outputs (4 written, 4 published), the manifest, each of 7 workbooks recorded then moved, …
        #expect(crashed >= 20, "only \(crashed) durable steps")
    }

    /// Kill moments are fractions of a whole run timed on this machine first, so they fall inside
    /// the run whatever the machine's speed; the test asserts on what it observed: each victim that
    /// was still running died by SIGKILL, and every run, killed or not, is followed by a clean one.
    @Test(.timeLimit(.minutes(5)))
    func runsKilledAtAnyMomentLoseNothing() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (timedWork, timedArguments) = try Self.dropFolder()
        let began = Date()
        let timed = try Subprocess.run(rbm, timedArguments, errors: .discard)
        let whole = Date().timeIntervalSince(began)
        try? FileManager.default.removeItem(at: timedWork)
        #expect(timed.status == 0)
        var killed = 0
        for fraction in [0.02, 0.08, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.9] {
            let (work, arguments) = try Self.dropFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            let victim = try Self.start(rbm, arguments)
            usleep(useconds_t(whole * fraction * 1_000_000))
            let running = victim.isRunning
            if running { kill(victim.processIdentifier, SIGKILL) }
            victim.waitUntilExit()
            if running, victim.terminationReason == .uncaughtSignal {
                #expect(victim.terminationStatus == SIGKILL)
                killed += 1
            }
            try Self.completeAndCheck(rbm, work, arguments, after: "killed at \(Int(fraction * 100)) % of a \(Int(whole * 1000)) ms run")
        }
        #expect(killed > 0, "no run was still going at any kill moment (a whole run took \(Int(whole * 1000)) ms)")
    }
}
