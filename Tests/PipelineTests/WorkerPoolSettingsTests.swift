import Foundation
import Normalise
import Testing
import TestSupport
@testable import Pipeline

/// A pool's workers start before the run has read its pipeline file (issue 11) and are told where
/// the run's parsed settings are by their first line (`WorkerPool.SettingsLine`).
@Suite struct WorkerPoolSettingsTests {
    static let file = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/RR_ITU_2022-2023_v1.xlsx")

    /// Runs `body` with a pool whose workers are given a pipeline path that does not exist: a
    /// worker that parsed it could load nothing, so a file loaded means the worker took the run's
    /// settings. The pool is shut down and its folder removed afterwards.
    static func withPool(_ name: String, _ body: (WorkerPool) throws -> Void) throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let folder = Fixtures.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = WorkerPool(settings: WorkerProcess(executable: rbm), pipelinePath: folder.appendingPathComponent("no-such-pipeline.yaml").path,
                              scratch: folder, size: 2)
        defer { pool.shutdown() }
        try body(pool)
    }

    /// The demo's parsed settings.
    static func demoLoader() throws -> WorkbookLoader {
        try PipelineFile.load(path: DemoScenarioTests.pipeline).workbookLoader
    }

    /// Expects `outcome` to be the file loaded exactly as it loads in this process with `loader`.
    static func expectLoadedAsInProcess(_ outcome: FileLoad, _ loader: WorkbookLoader) throws {
        guard case .loaded = outcome else { Issue.record("refused: \(outcome)"); return }
        let expected = FileLoad.perform(path: file, loader: loader, pipelineName: "no-such-pipeline.yaml")
        guard case .loaded = expected else { Issue.record("the demo's risk register does not load in-process"); return }
        #expect(try outcome.transferData() == expected.transferData())
    }

    @Test(.timeLimit(.minutes(1)))
    func workersStartedBeforeTheSettingsTakeThemFromTheirFirstLine() throws {
        try Self.withPool("rbm-pool-settings") { pool in
            pool.spawn()   // before the settings exist, as `prepare` does
            let loader = try Self.demoLoader()
            pool.provide(loader)
            // Two files at once (each worker takes one, or one takes both): each as in-process.
            let loads = ConcurrentRender.run([{ try pool.load(path: Self.file).load }, { try pool.load(path: Self.file).load }], threads: 2)
            for load in loads { try Self.expectLoadedAsInProcess(try load.get(), loader) }
        }
    }

    /// The contrast that shows the test above can fail: without the settings, the same workers
    /// parse the pipeline path they were given, which does not exist, and load nothing. That is
    /// not the file's fault: the load stops the batch (it used to quarantine the file as
    /// `reader-crash`, the worker having exited with status 1).
    @Test(.timeLimit(.minutes(1)))
    func workersWithoutTheSettingsParseThePipelineFileThemselves() throws {
        try Self.withPool("rbm-pool-no-settings") { pool in
            pool.spawn()
            let fault = try #require(throws: EnvironmentFault.self) { try pool.load(path: Self.file) }
            #expect(fault.action == "read the run's settings in a worker", "\(fault)")
            #expect(fault.cause.contains("no-such-pipeline.yaml"), "\(fault)")
            // The worker is still there for the next file, which gets the same answer.
            #expect(throws: EnvironmentFault.self) { try pool.load(path: Self.file) }
        }
    }

    /// A worker started after the settings were written is given them on its command line (and
    /// gets no line): the pool's replacement for a worker that died.
    @Test(.timeLimit(.minutes(1)))
    func aWorkerStartedAfterTheSettingsGetsThemOnItsCommandLine() throws {
        try Self.withPool("rbm-pool-late") { pool in
            let loader = try Self.demoLoader()
            pool.provide(loader)   // no worker yet: `load` starts one
            try Self.expectLoadedAsInProcess(try pool.load(path: Self.file).load, loader)
        }
    }

    /// Workers start before the run takes the drop folder's lock, so a run refused for it has a
    /// scratch folder and workers to let go of: it must leave `$TMPDIR` as it found it (the kill
    /// harness found one refused run that left its scratch folder, the settings being written into
    /// it while it was removed). Twenty refusals in a row, the settings' writing racing each.
    @Test(.timeLimit(.minutes(2)))
    func aRunRefusedForTheLockLeavesTheTemporaryFolderAsItFoundIt() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-refused")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), temporary = work.appendingPathComponent("tmp")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                       worker: WorkerProcess(executable: rbm))
        options.temporaryFolder = temporary
        let held = try RunLock(besideInbox: inbox)
        for attempt in 1...20 {
            #expect(throws: DropFolderBusy.self) { try BatchRun(options: options).run() }
            let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
            #expect(left.isEmpty, "attempt \(attempt) left \(left)")
            if !left.isEmpty { break }
        }
        withExtendedLifetime(held) {}
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 7)   // nothing touched
    }
}
