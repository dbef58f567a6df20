import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// A pool's workers start before the run has read its pipeline file (issue 11) and are told where
/// the run's parsed settings are by their first line (`WorkerPool.SettingsLine`).
@Suite struct WorkerPoolSettingsTests {
    static let file = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/RR_ITU_2022-2023_v1.xlsx")

    /// A pool whose workers are given a pipeline path that does not exist: a worker that parsed
    /// it could load nothing, so a file loaded means the worker took the run's settings.
    static func pool(in folder: URL, rbm: String) -> WorkerPool {
        WorkerPool(settings: WorkerProcess(executable: rbm), pipelinePath: folder.appendingPathComponent("no-such-pipeline.yaml").path,
                   scratch: folder, size: 2)
    }

    static func transferred(_ load: FileLoad) throws -> Data {
        try load.transferData()
    }

    @Test(.timeLimit(.minutes(1)))
    func workersStartedBeforeTheSettingsTakeThemFromTheirFirstLine() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let folder = Fixtures.temporaryDirectory("rbm-pool-settings")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = Self.pool(in: folder, rbm: rbm)
        defer { pool.shutdown() }
        pool.spawn()   // before the settings exist, as `prepare` does
        let loader = try PipelineFile.load(path: DemoScenarioTests.pipeline).workbookLoader
        pool.provide(loader)
        let expected = FileLoad.perform(path: Self.file, loader: loader, pipelineName: "no-such-pipeline.yaml")
        guard case .loaded = expected else { Issue.record("the demo's risk register does not load in-process"); return }
        // Both workers (each takes one of two files at once, or one takes both): the same outcome as in-process.
        let loads = ConcurrentRender.run([{ try pool.load(path: Self.file).load }, { try pool.load(path: Self.file).load }], threads: 2)
        for load in loads {
            let outcome = try load.get()
            guard case .loaded = outcome else { Issue.record("refused: \(outcome)"); continue }
            #expect(try Self.transferred(outcome) == Self.transferred(expected))
        }
    }

    /// The contrast that shows the test above can fail: without the settings, the same workers
    /// parse the pipeline path they were given, which does not exist, and load nothing.
    @Test(.timeLimit(.minutes(1)))
    func workersWithoutTheSettingsParseThePipelineFileThemselves() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let folder = Fixtures.temporaryDirectory("rbm-pool-no-settings")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = Self.pool(in: folder, rbm: rbm)
        defer { pool.shutdown() }
        pool.spawn()
        let outcome = try pool.load(path: Self.file).load
        guard case .refused(let category, let reason) = outcome else {
            Issue.record("a worker without settings loaded the file")
            return
        }
        #expect(category == "reader-crash" || category == "invalid-content", "\(category): \(reason)")
    }

    /// A worker started after the settings were written is given them on its command line (and
    /// gets no line): the pool's replacement for a worker that died.
    @Test(.timeLimit(.minutes(1)))
    func aWorkerStartedAfterTheSettingsGetsThemOnItsCommandLine() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let folder = Fixtures.temporaryDirectory("rbm-pool-late")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = Self.pool(in: folder, rbm: rbm)
        defer { pool.shutdown() }
        let loader = try PipelineFile.load(path: DemoScenarioTests.pipeline).workbookLoader
        pool.provide(loader)   // no worker yet: `load` starts one
        let outcome = try pool.load(path: Self.file).load
        guard case .loaded = outcome else { Issue.record("refused: \(outcome)"); return }
        let expected = FileLoad.perform(path: Self.file, loader: loader, pipelineName: "no-such-pipeline.yaml")
        #expect(try Self.transferred(outcome) == Self.transferred(expected))
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
