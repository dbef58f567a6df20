import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// A loading thread holds a worker (`WorkerPool.Turn`) before it takes its next file, so the files
/// go to the workers largest first, whichever thread wakes first (issue 11: with three loading
/// threads racing for two workers, the third-largest file often went before the second).
@Suite struct WorkerPoolTurnTests {
    /// With every worker held, the next reservation waits until a turn is given back.
    @Test(.timeLimit(.minutes(1)))
    func aReservationWaitsWhileEveryWorkerIsHeld() throws {
        try WorkerPoolSettingsTests.withPool("rbm-pool-turns") { pool in   // two workers
            let first = try pool.reserve(), second = try pool.reserve()
            let third = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                if let turn = try? pool.reserve() { pool.cancel(turn) }
                third.signal()
            }
            #expect(third.wait(timeout: .now() + 0.3) == .timedOut, "a third turn while two workers are held")
            pool.cancel(first)
            #expect(third.wait(timeout: .now() + 30) == .success)
            pool.cancel(second)
        }
    }

    /// A file loaded on a turn takes the turn's worker: with both held, a load that asked the pool
    /// for another would wait for ever (the time limit). A turn used by a load is not given back
    /// a second time by `cancel`: the pool then still has exactly two workers to hand out.
    @Test(.timeLimit(.minutes(1)))
    func aFileLoadedOnATurnTakesItsWorker() throws {
        try WorkerPoolSettingsTests.withPool("rbm-pool-turn-load") { pool in
            let loader = try WorkerPoolSettingsTests.demoLoader()
            pool.provide(loader)
            let first = try pool.reserve(), second = try pool.reserve()
            try WorkerPoolSettingsTests.expectLoadedAsInProcess(try pool.load(path: WorkerPoolSettingsTests.file, turn: first).load, loader)
            pool.cancel(first)   // used: nothing to give back
            pool.cancel(second)
            let again = [try pool.reserve(), try pool.reserve()]
            let extra = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                if let turn = try? pool.reserve() { pool.cancel(turn) }
                extra.signal()
            }
            #expect(extra.wait(timeout: .now() + 0.3) == .timedOut, "a third worker handed out")
            again.forEach(pool.cancel)
            #expect(extra.wait(timeout: .now() + 30) == .success)
        }
    }

    /// In a run with workers, the first files the workers read are the largest (as many as there
    /// are workers): no loading thread takes a file before it holds a worker.
    @Test(.timeLimit(.minutes(2)))
    func aRunHandsTheLargestFilesOutFirst() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let work = Fixtures.temporaryDirectory("rbm-pool-order")
        defer { try? FileManager.default.removeItem(at: work) }
        let demo = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")
        try Fixtures.copyPreservingTimes(atPath: demo, toPath: work.appendingPathComponent("inbox").path)
        let trace = work.appendingPathComponent("trace.jsonl")
        // `rbm run` itself, so that its workers (and no other test's) trace into this file.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rbm)
        process.arguments = ["run", Fixtures.path("pipelines/itu-2022-2023.yaml"), "--inbox", work.appendingPathComponent("inbox").path,
                             "--out", work.appendingPathComponent("out").path, "--fail-on", "never"]
        process.environment = ProcessInfo.processInfo.environment.merging([RunTrace.environmentKey: trace.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: demo)
        let size = { (name: String) in (try? FileManager.default.attributesOfItem(atPath: demo + "/" + name)[.size] as? Int) ?? 0 }
        let bySize = names.sorted { size($0) > size($1) }
        let events = try RunTraceTests.events(trace)
        let reading = events.filter { $0.event == "worker reading" }.compactMap(\.file)
        #expect(reading.sorted() == names.sorted())
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), names.count)
        #expect(Set(reading.prefix(workers)) == Set(bySize.prefix(workers)), "read in the order \(reading); sizes \(bySize.map { ($0, size($0)) })")
        // The file after them is taken only once a worker is free again, that is after a worker
        // read its first file; threads that took files before holding a worker took it at once.
        let started = events.filter { $0.event == "file started" }.sorted { $0.t < $1.t }
        let firstRead = try #require(events.filter { $0.event == "worker read" }.map(\.t).min())
        if started.count > workers {
            #expect(started[workers].t >= firstRead, "\(started[workers].file ?? "") taken before any worker was free")
        }
    }
}
