import Foundation
import Glibc
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
        // I1: the inbox is empty and no temporary file is left anywhere rbm writes.
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path).filter { $0.hasSuffix(".xlsx") }.isEmpty, "\(stop)")
        for folder in ["archive", "quarantine", "out"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent(folder).path)) ?? []
            #expect(!names.contains { $0.hasPrefix(".dat.nosync") || $0.hasPrefix(".staging-") || $0.hasSuffix(".rbm-partial") }, "\(stop): \(folder): \(names)")
        }
        // I2: every input archived exactly once, byte-identical; nothing quarantined.
        let archive = work.appendingPathComponent("archive")
        let archived = try FileManager.default.contentsOfDirectory(atPath: archive.path).filter { $0.hasSuffix(".xlsx") }
        let contents = try archived.map { try Data(contentsOf: archive.appendingPathComponent($0)) }
        #expect(contents.count == originals.count, "\(stop): \(archived)")
        for original in originals { #expect(contents.filter { $0 == original }.count == 1, "\(stop)") }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("quarantine").path)) ?? []).isEmpty, "\(stop)")
    }

    @Test(.timeLimit(.minutes(3)))
    func aRunStoppedAtAnyDurableStepLosesNothing() throws {
        guard let rbm = WorkerProcessTests.rbm else { print("skipped: no rbm executable built beside the tests"); return }
        var crashed = 0
        for step in 1...60 {
            let (work, arguments) = try Self.dropFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            let stopped = try Subprocess.run(rbm, arguments, environment: ["RBM_CRASH_AT": String(step)], errors: .discard)
            guard stopped.status == 137 else { break }   // the run has fewer steps: all were tried
            crashed += 1
            try Self.completeAndCheck(rbm, work, arguments, after: "stopped before durable step \(step)")
        }
        // Outputs (4 written, 4 published), the manifest, each of 7 workbooks recorded then moved, …
        #expect(crashed >= 20, "only \(crashed) durable steps")
    }

    @Test(.timeLimit(.minutes(3)))
    func runsKilledAtAnyMomentLoseNothing() throws {
        guard let rbm = WorkerProcessTests.rbm else { print("skipped: no rbm executable built beside the tests"); return }
        var killed = 0
        // A run of the demo takes about 0.1 s here (debug build, in-process, settled files).
        for milliseconds in [2, 8, 15, 25, 35, 50, 65, 80, 100, 130] {
            let (work, arguments) = try Self.dropFolder()
            defer { try? FileManager.default.removeItem(at: work) }
            let victim = try Self.start(rbm, arguments)
            usleep(useconds_t(milliseconds * 1000))
            if victim.isRunning {
                kill(victim.processIdentifier, SIGKILL)
                killed += 1
            }
            victim.waitUntilExit()
            try Self.completeAndCheck(rbm, work, arguments, after: "killed at \(milliseconds) ms")
        }
        #expect(killed >= 5, "only \(killed) runs were still going when killed: move the kill points")
    }
}
