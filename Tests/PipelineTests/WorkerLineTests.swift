import Foundation
import Testing
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
}
