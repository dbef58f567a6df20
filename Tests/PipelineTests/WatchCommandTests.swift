import Foundation
import Testing
import TestSupport

/// `rbm watch`, run as a service would run it: files arrive while a batch runs, and a SIGTERM
/// stops it between batches.
@Suite(.serialized) struct WatchCommandTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")
    static let demo = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")

    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let executable = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    static func copy(_ names: [String], to inbox: URL) throws {
        for name in names {
            // Through a hidden name, as a careful uploader does; the modification time is kept old.
            let hidden = inbox.appendingPathComponent(".part-" + name)
            try FileManager.default.copyItem(atPath: demo + "/" + name, toPath: hidden.path)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: hidden.path)
            try FileManager.default.moveItem(at: hidden, to: inbox.appendingPathComponent(name))
        }
    }

    @Test(arguments: [false, true])
    func filesArrivingWhileABatchRunsAreTakenByTheNextBatch(polling: Bool) throws {
        let work = Fixtures.temporaryDirectory("rbm-watch")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.demo).sorted()
        let (first, rest) = (Array(names.prefix(3)), Array(names.dropFirst(3)))
        try Self.copy(first, to: inbox)
        let (watch, output) = try Self.start(["watch", Self.pipeline, "--inbox", inbox.path, "--out", out.path, "--quiet-period", "0.5",
                                              "--interval", "0.3", "--json"] + (polling ? ["--poll"] : []))
        defer { if watch.isRunning { watch.terminate() } }
        // The first batch has begun once the run's lock or outputs appear; the rest arrive now.
        let manifest = out.appendingPathComponent("manifest.json")
        #expect(Self.waitUntil(60) { (try? FileManager.default.contentsOfDirectory(atPath: inbox.path).count) ?? 3 < 3
                                      || FileManager.default.fileExists(atPath: manifest.path) })
        try Self.copy(rest, to: inbox)
        #expect(Self.waitUntil(120) { ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? ["x"]).allSatisfy { $0.hasPrefix(".") } })
        // Let the batch that took the last files finish, then stop the watcher between batches.
        let archived = work.appendingPathComponent("archive")
        #expect(Self.waitUntil(120) {
            let filed = Set(Filed.names(in: archived))
            return names.allSatisfy { filed.contains($0) }
        })
        Thread.sleep(forTimeInterval: 1)
        watch.terminate()   // SIGTERM
        watch.waitUntilExit()
        #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let summaries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let total = try #require(summaries.last)
        #expect(total["stopped"] as? Bool == true)
        #expect((total["batches"] as? Int ?? 0) >= 2, "\(lines)")
        #expect(total["files"] as? Int == names.count, "\(lines)")
    }

    @Test func onceRunsOneBatchAndExits() throws {
        let work = Fixtures.temporaryDirectory("rbm-watch-once")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Self.copy(try FileManager.default.contentsOfDirectory(atPath: Self.demo).sorted(), to: inbox)
        let (watch, output) = try Self.start(["watch", Self.pipeline, "--inbox", inbox.path, "--out", work.appendingPathComponent("out").path,
                                              "--once", "--quiet-period", "0.2", "--json"])
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        let total = try #require(lines.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(total["batches"] as? Int == 1)
        #expect(total["files"] as? Int == 7)
        #expect(total["stopped"] as? Bool == false)
    }
}
