import Foundation
@testable import Pipeline
import Results
import Testing
import TestSupport

/// Whole runs with worker processes, where the workers' life in the run matters.
@Suite struct WorkerRunTests {
    /// The second run gets one resubmission; the six other slots' current workbooks are read again
    /// from the archive, through the same workers, after the new file. The pool is retired only
    /// once all of them are read: retired after the new files, its shutdown closed a worker's
    /// input under a current workbook (the kill harness found BR's plan refused as a reader crash
    /// and missing from the findings); a pool now finishes the files being read before it shuts
    /// down and refuses any file handed to it afterwards, which fails this test at once.
    @Test func currentWorkbooksAreReadThroughTheWorkersAfterTheNewOnes() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-worker-current")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out").path
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out,
                                        worker: WorkerProcess(executable: rbm))).run()
        }
        let first = try run()
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/RR_ITU_2022-2023_v1.xlsx"),
                                         toPath: inbox.appendingPathComponent("RR_ITU_2022-2023_v2.xlsx").path)
        let second = try run()
        let fates = Dictionary(second.manifest.inputs.map { ($0.file, $0.fate) }, uniquingKeysWith: { a, _ in a })
        #expect(fates["RR_ITU_2022-2023_v2.xlsx"] == .archived)
        #expect(second.manifest.inputs.filter { $0.fate == .current }.count == 6, "\(fates)")
        #expect(!second.manifest.inputs.contains { $0.fate == .currentUnreadable })
        // The same workbooks' contents: the same findings but for the risk register's file name.
        #expect(second.findings.map(\.id) == first.findings.map(\.id))
    }
}
