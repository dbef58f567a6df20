import Foundation
import Glibc
import Testing
import TestSupport
@testable import Pipeline

/// issue 11: environment faults are not file faults. With `$TMPDIR` full every good input was
/// quarantined as a reader crash (exit 1); a full drop folder gave `NSCocoaErrorDomain Code=640`;
/// scratch folders and workers outlived killed runs. Now the batch stops (exit 2) with the cause
/// and the folder named, nothing moved; workers end with their run; stale scratch is swept.
@Suite struct EnvironmentFaultTests {
    /// A drop folder with the demo's inbox (settled) under `root`, and `rbm run`'s arguments.
    static func dropFolder(in root: URL, extra: [String] = []) throws -> (inbox: URL, arguments: [String]) {
        let inbox = root.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try CurrentSubmissionsTests.settle(inbox)
        return (inbox, ["run", DemoScenarioTests.pipeline, "--inbox", inbox.path, "--fail-on", "never"] + extra)
    }

    /// Runs the demo's inbox in `work` with `worker`, expects the batch to stop for the machine's
    /// fault with nothing moved and no manifest, and returns the fault.
    static func stoppedBatch(in work: URL, worker: WorkerProcess) throws -> EnvironmentFault {
        let (inbox, _) = try dropFolder(in: work)
        let fault = try #require(throws: EnvironmentFault.self) {
            try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                        output: work.appendingPathComponent("out").path, worker: worker)).run()
        }
        try expectNothingMoved(inbox)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out/manifest.json").path))
        return fault
    }

    /// Nothing was filed away: every input is still in the inbox or claimed in `processing/`
    /// (where the next run takes it back), nothing archived or quarantined.
    static func expectNothingMoved(_ inbox: URL) throws {
        let parent = inbox.deletingLastPathComponent()
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count + Filed.paths(in: parent.appendingPathComponent("processing")).count == 7)
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("quarantine").path))
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("archive").path))
    }

    @Test(.enabled(if: TinyDisk.available, "mounting a tmpfs needs root"))
    func aFullTemporaryFolderStopsTheBatchAndMovesNothing() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-tmpdir-full")
        defer { try? FileManager.default.removeItem(at: work) }
        let (inbox, arguments) = try Self.dropFolder(in: work, extra: ["--out", work.appendingPathComponent("out").path])
        let disk = try TinyDisk(kilobytes: 64)
        try disk.fill()
        let result = try Subprocess.run(rbm, arguments, environment: ["TMPDIR": disk.folder.path])
        #expect(result.status == 2, "\(result.text) \(result.errors)")
        #expect(result.errors.contains("rbm: \(disk.folder.path): error: cannot use the temporary folder ($TMPDIR) for the workers' results: No space left on device; nothing was read or moved"), "\(result.errors)")
        try Self.expectNothingMoved(inbox)
        withExtendedLifetime(disk) {}
    }

    @Test(.enabled(if: TinyDisk.available, "mounting a tmpfs needs root"))
    func aFullDropFolderIsNamedPlainly() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-drop-full")
        defer { try? FileManager.default.removeItem(at: work) }
        let disk = try TinyDisk(kilobytes: 1024)
        let (inbox, arguments) = try Self.dropFolder(in: disk.folder, extra: ["--out", work.appendingPathComponent("out").path, "--in-process"])
        try disk.fill()
        let result = try Subprocess.run(rbm, arguments)
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix("rbm: \(disk.folder.path): error: cannot file the inputs away into archive/") && result.errors.contains(": No space left on device; "),
                "\(result.errors)")
        #expect(!result.errors.contains("NSCocoaErrorDomain"))
        // current.json is written before each move: nothing left processing/ (where the run claimed them).
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        #expect(Filed.paths(in: disk.folder.appendingPathComponent("processing")).filter { !$0.hasSuffix(".filing.json") }.count == 7)
        withExtendedLifetime(disk) {}
    }

    @Test func anUnusableTemporaryFolderIsNamedPlainly() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-tmpdir-file")
        defer { try? FileManager.default.removeItem(at: work) }
        let (inbox, arguments) = try Self.dropFolder(in: work, extra: ["--out", work.appendingPathComponent("out").path])
        let notAFolder = work.appendingPathComponent("tmp-is-a-file")
        try Data("x".utf8).write(to: notAFolder)
        let result = try Subprocess.run(rbm, arguments, environment: ["TMPDIR": notAFolder.path])
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix("rbm: \(notAFolder.path): error: cannot use the temporary folder ($TMPDIR) for the workers' results: "), "\(result.errors)")
        #expect(!result.errors.contains("NSCocoaErrorDomain"))
        try Self.expectNothingMoved(inbox)
    }

    @Test(.enabled(if: TinyDisk.available, "mounting a tmpfs needs root"))
    func aWorkerThatCannotWriteItsResultSaysSoWithItsOwnStatus() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let disk = try TinyDisk(kilobytes: 64)
        try disk.fill()
        let result = try Subprocess.run(rbm, ["worker", DemoScenarioTests.pipeline,
                                              Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/OP_BR_2022-2025_v2.xlsx"),
                                              "--result", disk.folder.appendingPathComponent("r.json").path])
        #expect(result.status == WorkerProcess.resultNotWritten)
        #expect(result.errors.contains("cannot write the result: "), "\(result.errors)")
        withExtendedLifetime(disk) {}
    }

    /// The supervisor's side: a worker that reports an unwritable result stops the batch; no input
    /// is blamed for it.
    @Test func aResultTheWorkerCouldNotWriteStopsTheBatchInsteadOfQuarantining() throws {
        let worker = WorkerProcess(executable: try WorkerProcessTests.fakeWorker(
            "echo 'rbm worker: /tmp/x.json: cannot write the result: No space left on device' >&2; exit 74"))
        let work = Fixtures.temporaryDirectory("rbm-result-unwritable")
        defer { try? FileManager.default.removeItem(at: work) }
        let fault = try Self.stoppedBatch(in: work, worker: worker)
        #expect(fault.cause == "No space left on device")
        #expect(fault.description.contains("cannot keep a worker's result in the temporary folder ($TMPDIR): No space left on device"))
    }

    /// A worker blocked on a file (here a FIFO nobody writes) ends as soon as its lifeline closes,
    /// which is what the kernel does to it when the run is killed.
    @Test(.timeLimit(.minutes(1)))
    func aWorkerEndsWhenItsParentIsGone() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-lifeline")
        defer { try? FileManager.default.removeItem(at: work) }
        let fifo = work.appendingPathComponent("OP_BR_2022-2025_v2.xlsx")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: rbm)
        worker.arguments = ["worker", DemoScenarioTests.pipeline, fifo.path, "--result", work.appendingPathComponent("r.json").path, "--exit-with-parent"]
        let lifeline = Pipe()
        worker.standardInput = lifeline
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        worker.terminationHandler = { _ in ended.signal() }
        try worker.run()
        try lifeline.fileHandleForReading.close()
        #expect(ended.wait(timeout: .now() + 1) == .timedOut, "the worker did not wait on its file")
        try lifeline.fileHandleForWriting.close()   // the parent is gone
        let result = ended.wait(timeout: .now() + 20)
        if result == .timedOut { kill(worker.processIdentifier, SIGKILL) }
        #expect(result == .success, "the worker outlived its parent")
    }

    /// A serving worker whose run died while it read a file finds the run's end of the reply pipe
    /// gone (EPIPE, broken pipes ignored as the run ignores them): it exits at once with 70, where it
    /// used to trap in `FileHandle.write(_:)` and outlive its run by the seconds the crash report
    /// took (the kill harness found such a worker 3 s after its run was killed).
    @Test(.timeLimit(.minutes(1)))
    func aServingWorkerWhoseRunIsGoneExitsInsteadOfTrapping() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-reply")
        defer { try? FileManager.default.removeItem(at: work) }
        signal(SIGPIPE, SIG_IGN)   // as `WorkerPool` does in the run; the worker inherits it
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: rbm)
        worker.arguments = ["worker", DemoScenarioTests.pipeline, "--serve", "--exit-with-parent"]
        let requests = Pipe(), replies = Pipe()
        let errors = work.appendingPathComponent("stderr")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        worker.standardInput = requests
        worker.standardOutput = replies
        worker.standardError = try FileHandle(forWritingTo: errors)
        let ended = DispatchSemaphore(value: 0)
        worker.terminationHandler = { _ in ended.signal() }
        try worker.run()
        try replies.fileHandleForReading.close()   // nobody will read the reply
        let file = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/RR_ITU_2022-2023_v1.xlsx")
        let request = try JSONEncoder().encode(WorkerPool.Request(file: file, result: work.appendingPathComponent("r.json").path))
        try requests.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))
        let result = ended.wait(timeout: .now() + 30)
        if result == .timedOut { kill(worker.processIdentifier, SIGKILL) }
        try? requests.fileHandleForWriting.close()
        #expect(result == .success)
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 70,
                "\(worker.terminationReason == .exit ? "exit" : "signal") \(worker.terminationStatus)")
        #expect(!(try String(contentsOf: errors, encoding: .utf8)).contains("Fatal error"))
    }

    @Test func scratchFoldersOfRunsThatDiedAreSwept() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-sweep")
        defer { try? FileManager.default.removeItem(at: work) }
        let temporary = work.appendingPathComponent("tmp")
        let dead = temporary.appendingPathComponent("rbm-run-dead"), alive = temporary.appendingPathComponent("rbm-run-alive")
        let foreign = temporary.appendingPathComponent("rbm-something-else")
        for folder in [dead, alive, foreign] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data().write(to: folder.appendingPathComponent(".owner"))
            try Data("result".utf8).write(to: folder.appendingPathComponent("leftover.json"))
        }
        let held = open(alive.appendingPathComponent(".owner").path, O_RDWR)   // a run still going
        defer { close(held) }
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)

        let (inbox, _) = try Self.dropFolder(in: work)
        var options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                       worker: WorkerProcess(executable: rbm))
        options.temporaryFolder = temporary
        #expect(try BatchRun(options: options).run().findings.count == 43)
        // The dead run's folder is gone, the live one's and the foreign one stay; this run left none.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["rbm-run-alive", "rbm-something-else"])
    }

    /// A run killed while making its scratch folder leaves it under its hidden name: swept once it
    /// is older than a minute (with its lock free, or no lock yet), never while it may be in the making.
    @Test func halfMadeScratchFoldersOfKilledRunsAreSwept() throws {
        let temporary = Fixtures.temporaryDirectory("rbm-sweep-hidden")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let old = Date().addingTimeInterval(-600)
        let bare = temporary.appendingPathComponent(".rbm-run-bare"), locked = temporary.appendingPathComponent(".rbm-run-locked")
        let owned = temporary.appendingPathComponent(".rbm-run-owned"), fresh = temporary.appendingPathComponent(".rbm-run-fresh")
        for folder in [bare, locked, owned, fresh] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for folder in [locked, owned] { try Data().write(to: folder.appendingPathComponent(".owner")) }
        let held = open(locked.appendingPathComponent(".owner").path, O_RDWR)
        defer { close(held) }
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        for folder in [bare, locked, owned] { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.path) }
        #expect(Scratch.sweepStale(in: temporary) == [".rbm-run-bare", ".rbm-run-owned"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == [".rbm-run-fresh", ".rbm-run-locked"])
    }

    /// A run lets go of its scratch folder by taking it back under its hidden name before removing
    /// it: a kill half-way through the removal leaves a folder the sweep knows (above), never a
    /// visible `rbm-run-<id>/` without its `.owner`, which no run would sweep (kill harness, seed
    /// 2047); otherwise nothing of it stays.
    @Test func aScratchFolderIsHiddenBeforeItIsRemoved() throws {
        let temporary = Fixtures.temporaryDirectory("rbm-scratch-end")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let folder = temporary.appendingPathComponent("rbm-run-killed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Killed once `.owner` is gone but not the folder: what a kill in the removal leaves.
        Scratch.dismantle(folder) { doomed in
            try Data().write(to: doomed.appendingPathComponent(".owner"))
            try FileManager.default.removeItem(at: doomed.appendingPathComponent(".owner"))
            throw CocoaError(.fileWriteUnknown)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [".rbm-run-killed"])
        #expect(Scratch.sweepStale(in: temporary, halfMadeAge: -1) == [".rbm-run-killed"])
        // A run's own folder, let go of normally: nothing stays.
        var scratch: Scratch? = try Scratch(in: temporary)
        let visible = try #require(scratch?.folder)
        try Data("a worker's result".utf8).write(to: visible.appendingPathComponent("result.rbmt"))
        scratch = nil
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }
}

/// A worker that will not start is the machine's fault: it used to quarantine every good input as
/// `io-error: cannot start the worker …`, so the batch's files left the current set.
@Suite struct WorkerStartFaultTests {
    @Test(arguments: ["missing", "not executable"])
    func aWorkerThatWillNotStartStopsTheBatchInsteadOfQuarantining(_ how: String) throws {
        let work = Fixtures.temporaryDirectory("rbm-worker-unstartable")
        defer { try? FileManager.default.removeItem(at: work) }
        let executable = work.appendingPathComponent("bin/rbm")
        if how == "not executable" {
            try FileManager.default.createDirectory(at: executable.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "#!/bin/sh\nexit 0\n".write(to: executable, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: executable.path)
        }
        let fault = try EnvironmentFaultTests.stoppedBatch(in: work, worker: WorkerProcess(executable: executable.path))
        #expect(fault.description.contains("cannot start the worker \(executable.path): "), "\(fault)")
        #expect(fault.cause == (how == "missing" ? "No such file or directory" : "Permission denied"), "\(fault.cause)")
    }
}

/// A worker that says it wrote its result when the run cannot read it back (a cleaner emptied the
/// scratch folder, EIO): the run used to quarantine the file as `reader-crash`.
@Suite struct LostResultTests {
    @Test func aResultTheRunCannotReadBackStopsTheBatch() throws {
        let worker = WorkerProcess(executable: try WorkerProcessTests.fakeWorker(
            #"while read line; do case "$line" in *'"result"'*) echo '{"status":"ok"}';; esac; done"#))
        let work = Fixtures.temporaryDirectory("rbm-result-lost")
        defer { try? FileManager.default.removeItem(at: work) }
        let fault = try EnvironmentFaultTests.stoppedBatch(in: work, worker: worker)
        #expect(fault.cause == "No such file or directory", "\(fault)")
    }
}

/// A claimed file this process cannot read is the machine's fault too: its hash used to be taken
/// of whatever was read before the error (or of nothing, size 0) and the file left to the reader.
@Suite struct UnreadableInputTests {
    @Test func aFileTheRunCannotReadStopsTheBatch() throws {
        let work = Fixtures.temporaryDirectory("rbm-unreadable-input")
        defer { try? FileManager.default.removeItem(at: work) }
        let (inbox, _) = try EnvironmentFaultTests.dropFolder(in: work)
        let batch = BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                            output: work.appendingPathComponent("out").path))
        let setup = try batch.prepare()
        let gone = work.appendingPathComponent("processing/OP_BR_2022-2025_v2.xlsx")
        let fault = try #require(throws: EnvironmentFault.self) { try batch.loadFile(gone, as: .archived, setup) }
        #expect(fault.description.hasPrefix("\(gone.deletingLastPathComponent().path): error: cannot read OP_BR_2022-2025_v2.xlsx: "), "\(fault)")
        #expect(fault.consequence == BatchRun.nothingMoved)
        // A file it can read goes to the reader as before.
        let (entry, part) = try batch.loadFile(inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx"), as: .archived, setup)
        #expect(part != nil && entry.size > 0 && entry.sha256.count == 64)
    }
}
