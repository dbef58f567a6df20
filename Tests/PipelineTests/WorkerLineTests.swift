import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// A worker reads each line from the run once, as a request, the run's settings, or neither.
@Suite struct WorkerLineTests {
    static func line(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }

    @Test func eachLineIsReadAsWhatItIs() throws {
        let request = WorkerLine(try Self.line(WorkerPool.Request(file: "/in/FP.xlsx", result: "/tmp/r.rbmt")))
        #expect(request.request?.file == "/in/FP.xlsx" && request.request?.result == "/tmp/r.rbmt" && request.settings == nil)
        let settings = WorkerLine(try Self.line(WorkerPool.SettingsLine(settings: "/tmp/s.rbmt")))
        #expect(settings.settings?.settings == "/tmp/s.rbmt" && settings.request == nil)
        for other in ["", "{}", "not json", #"{"file": "/in/FP.xlsx"}"#] {
            let neither = WorkerLine(other)
            #expect(neither.request == nil && neither.settings == nil, "\(other)")
        }
    }

    /// A settings line is read with its settings (on the worker's reading thread, while the
    /// worker warms up): the loader comes with the line; settings that cannot be read give none
    /// (the worker then parses the pipeline file).
    @Test func aSettingsLineComesWithItsLoader() throws {
        let folder = Fixtures.temporaryDirectory("rbm-worker-line")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try WorkerPoolSettingsTests.demoLoader()
        let url = folder.appendingPathComponent("worker-settings.rbmt")
        try WorkerSettings(written).write(to: url)
        let line = WorkerLine(try Self.line(WorkerPool.SettingsLine(settings: url.path)))
        let loader = try #require(line.loader)
        #expect(WorkerSettings(loader) == WorkerSettings(written))
        #expect(WorkerLine(try Self.line(WorkerPool.SettingsLine(settings: folder.appendingPathComponent("none.rbmt").path))).loader == nil)
        #expect(WorkerLine(try Self.line(WorkerPool.Request(file: "/in/FP.xlsx", result: "/tmp/r.rbmt"))).loader == nil)
    }
}
