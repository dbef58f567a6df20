import Foundation
import Testing
@testable import Pipeline

/// A worker's warm-up gives way to a waiting file, and only to a file: the run's settings line
/// comes before every request and must not cut it short.
@Suite struct WorkerWarmUpTests {
    static func line<T: Encodable>(_ value: T) -> String {
        String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test func aRequestWaitsButTheSettingsLineIsNoRequest() {
        let queue = RequestQueue()
        #expect(!queue.holdsRequest())
        queue.push(Self.line(WorkerPool.SettingsLine(settings: "/tmp/rbm-run-1/worker-settings.rbmt")))
        #expect(!queue.holdsRequest())
        queue.push("not a request")
        #expect(!queue.holdsRequest())
        queue.push(Self.line(WorkerPool.Request(file: "/drop/processing/b/FP.xlsx", result: "/tmp/rbm-run-1/r.rbmt")))
        #expect(queue.holdsRequest())
        // Taken in order: the settings line, the stray line, then the request; none is left.
        for _ in 0..<3 {
            _ = queue.pop()
            queue.doneWithOne()
        }
        #expect(!queue.holdsRequest())
    }

    @Test func theWarmUpStopsAtItsFirstLookWhenAFileWaits() {
        var looks = 0
        WorkerWarmUp.run(until: { looks += 1; return true })
        #expect(looks == 2)   // once in the heap's first megabyte, once before the next step
        looks = 0
        WorkerWarmUp.run(until: { looks += 1; return false })
        #expect(looks == 8 + 3)   // before each of the heap's eight megabytes, then before each step
    }
}
