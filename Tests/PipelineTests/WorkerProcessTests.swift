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
        try FileManager.default.copyItem(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                                 output: work.appendingPathComponent("out").path, worker: worker)).run()
        return (report, work)
    }

    @Test func workersGiveTheSameFindingsAsInProcessLoading() throws {
        guard let rbm = Self.rbm else { print("skipped: no rbm executable built beside the tests"); return }
        let (inProcess, a) = try Self.run(worker: nil)
        let (isolated, b) = try Self.run(worker: WorkerProcess(executable: rbm))
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(isolated.findings == inProcess.findings)
        #expect(isolated.manifest.inputs.map(\.sheets) == inProcess.manifest.inputs.map(\.sheets))
    }

    @Test func aWorkerThatOverrunsIsStoppedAndItsFileQuarantined() throws {
        guard let rbm = Self.rbm else { print("skipped: no rbm executable built beside the tests"); return }
        var worker = WorkerProcess(executable: rbm)
        worker.timeout = 0.001
        let (report, work) = try Self.run(worker: worker)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.manifest.inputs.allSatisfy { $0.fate == "quarantined" && ($0.reason ?? "").hasPrefix("resource-limit: ") })
        #expect(report.findings.filter { $0.rule == .sub001 }.count == 7)
        let reasons = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("quarantine").path).filter { $0.hasSuffix(".reason.txt") }
        #expect(reasons.count == 7)
    }
}
