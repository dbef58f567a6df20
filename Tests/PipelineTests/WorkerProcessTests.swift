import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// Worker isolation: the same results through a child process, and a stuck worker stopped.
@Suite struct WorkerProcessTests {
    /// The `rbm` executable built beside the test bundle, if any.
    static var rbm: String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder.appendingPathComponent("rbm").path, folder.deletingLastPathComponent().appendingPathComponent("rbm").path,
                          Fixtures.path(".build/debug/rbm")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(worker: WorkerProcess?) throws -> (BatchRun.Report, URL) {
        let work = Fixtures.temporaryDirectory("rbm-worker")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                                 output: work.appendingPathComponent("out").path, worker: worker)).run()
        return (report, work)
    }

    @Test func workersGiveTheSameFindingsAsInProcessLoading() throws {
        let rbm = try #require(Self.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let (inProcess, a) = try Self.run(worker: nil)
        let (isolated, b) = try Self.run(worker: WorkerProcess(executable: rbm))
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(isolated.findings == inProcess.findings)
        #expect(isolated.manifest.inputs.map(\.sheets) == inProcess.manifest.inputs.map(\.sheets))
    }

    @Test func aWorkerThatOverrunsIsStoppedAndItsFileQuarantined() throws {
        let rbm = try #require(Self.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        var worker = WorkerProcess(executable: rbm)
        worker.timeout = 0.001
        let (report, work) = try Self.run(worker: worker)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.manifest.inputs.allSatisfy { $0.fate == .quarantined && ($0.reason ?? "").hasPrefix("resource-limit: ") })
        #expect(report.findings.filter { $0.rule == .sub001 }.count == 7)
        let quarantined = Filed.names(in: work.appendingPathComponent("quarantine"))
        #expect(quarantined.filter { $0.hasSuffix(".reason.txt") }.count == 7)
        // The stopped worker's standard error (empty or not) is kept beside each file too.
        #expect(report.manifest.inputs.allSatisfy { $0.stderr.map(quarantined.contains) == true })
    }

    /// A stand-in worker: a shell script that behaves as a broken reader would.
    static func fakeWorker(_ body: String) throws -> String {
        let folder = Fixtures.temporaryDirectory("rbm-fake-worker")
        let path = folder.appendingPathComponent("rbm").path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func aWorkerThatTrapsQuarantinesItsFileWithTheSignalAndMessage() throws {
        let worker = WorkerProcess(executable: try Self.fakeWorker("echo 'Fatal error: Index out of range' >&2; kill -ILL $$"))
        let (report, work) = try Self.run(worker: worker)
        defer { try? FileManager.default.removeItem(at: work) }
        for input in report.manifest.inputs {
            #expect(input.fate == .quarantined)
            #expect(input.reason == "reader-crash: the reader stopped on signal 4 Fatal error: Index out of range", "\(input.reason ?? "")")
        }
        #expect(report.findings.filter { $0.rule == .sub001 }.count == 7)
    }

    /// `reliability.md` 9 item 48: the crashed worker's standard error is kept beside its
    /// quarantined file (the last 64 KiB, where a trap's message comes), named in the reason file
    /// and in the manifest.
    @Test func aCrashedWorkersStandardErrorIsKeptBesideItsQuarantinedFile() throws {
        // 100,000 bytes of noise, then the trap's message: only the end is kept.
        let worker = WorkerProcess(executable: try Self.fakeWorker(
            "head -c 100000 /dev/zero | tr '\\0' x >&2; echo >&2; echo 'Fatal error: Index out of range' >&2; kill -ILL $$"))
        let (report, work) = try Self.run(worker: worker)
        defer { try? FileManager.default.removeItem(at: work) }
        let quarantine = work.appendingPathComponent("quarantine/\(report.manifest.batch ?? "?")")
        #expect(report.manifest.inputs.count == 7)
        for input in report.manifest.inputs {
            #expect(input.fate == .quarantined)
            #expect(input.stderr == input.file + ".stderr.txt")
            let kept = try Data(contentsOf: quarantine.appendingPathComponent(input.file + ".stderr.txt"))
            #expect(kept.count <= 64 << 10 && kept.count > 60_000, "\(kept.count) bytes")
            #expect(String(decoding: kept, as: UTF8.self).hasSuffix("\nFatal error: Index out of range\n"))
            let reason = try String(contentsOf: quarantine.appendingPathComponent(input.file + ".reason.txt"), encoding: .utf8)
            #expect(reason.hasPrefix("reader-crash: the reader stopped on signal 4"), "\(reason)")
            #expect(reason.contains("kept beside this file: \(input.file).stderr.txt"), "\(reason)")
        }
        // Nothing is left of the workers' own files in the temporary folder, and a loaded file has no side file.
        let (clean, other) = try Self.run(worker: WorkerProcess(executable: try #require(Self.rbm, "no rbm executable beside the tests")))
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(clean.manifest.inputs.allSatisfy { $0.stderr == nil })
    }

    /// A worker that ends with a status (not a signal) before answering could not work at all (a
    /// command line of another version, a missing library: status 127): no file is to blame. It
    /// used to quarantine every file as `reader-crash: the worker exited with status 3`.
    @Test func aWorkerThatExitsWithoutAnsweringStopsTheBatch() throws {
        let worker = WorkerProcess(executable: try Self.fakeWorker("echo 'rbm: error while loading shared libraries: libzip.so.4' >&2; exit 127"))
        let work = Fixtures.temporaryDirectory("rbm-worker-exits")
        defer { try? FileManager.default.removeItem(at: work) }
        let fault = try EnvironmentFaultTests.stoppedBatch(in: work, worker: worker)
        #expect(fault.cause == "it exited with status 127 before answering: rbm: error while loading shared libraries: libzip.so.4", "\(fault)")
    }
}
