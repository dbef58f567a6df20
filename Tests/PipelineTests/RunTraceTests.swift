import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// `RBM_TRACE`: one JSON line per event, from every process of a run into one file, in the order of
/// the run's stages; nothing at all when off.
@Suite struct RunTraceTests {
    struct Event: Decodable {
        var t: Int64
        var pid: Int32
        var event: String
        var file: String?
    }

    static func events(_ url: URL) throws -> [Event] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
    }

    @Test func twoTracesOnOneFileAppendLinesInTimeOrder() throws {
        let url = Fixtures.temporaryDirectory("rbm-trace").appendingPathComponent("trace.jsonl")
        let run = RunTrace(path: url.path), worker = RunTrace(path: url.path)
        #expect(run.isOn && worker.isOn)
        run.mark(.runStarted)
        worker.mark(.workerReading, file: "/drop/processing/b/FP \"2022\".xlsx")
        run.mark(.claimed)
        let events = try Self.events(url)
        #expect(events.map(\.event) == ["run started", "worker reading", "claimed"])
        #expect(events[1].file == "FP \"2022\".xlsx")
        #expect(events.allSatisfy { $0.pid == ProcessInfo.processInfo.processIdentifier })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.t <= $1.t })
    }

    @Test func offItWritesNothing() {
        #expect(!RunTrace(path: nil).isOn)
        #expect(!RunTrace(path: "").isOn)
        #expect(!RunTrace(path: "/nonexistent-folder-rbm/trace.jsonl").isOn)   // a trace never stops a run
        RunTrace(path: nil).mark(.runStarted)
    }

    @Test func aRunTracesItsStagesInOrderAndEachFile() throws {
        let work = Fixtures.temporaryDirectory("rbm-trace-run")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let url = work.appendingPathComponent("trace.jsonl")
        var options = BatchRun.Options(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                       output: work.appendingPathComponent("out").path)
        options.trace = RunTrace(path: url.path)
        _ = try BatchRun(options: options).run()
        let events = try Self.events(url)
        let stages = events.map(\.event).filter { !$0.hasPrefix("file ") }
        #expect(stages == ["run started", "pipeline file read", "prepared", "claimed", "read", "reconciled and recalled", "written",
                           "filed away", "recorded"])
        // Every file read is traced at its start and its end, by name.
        let inputs = Set(try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")))
        let started = events.filter { $0.event == "file started" }.compactMap(\.file)
        #expect(started.count >= 5 && Set(started).isSubset(of: inputs))
        #expect(events.filter { $0.event == "file received" }.compactMap(\.file).sorted() == started.sorted())
    }
}
