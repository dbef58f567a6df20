import Foundation
@testable import Pipeline
import Testing

/// The write stage's renderer: results handed back in the work's order, whatever order the threads
/// finish in, and a failing hand-over comes back only once no piece is running.
@Suite struct ConcurrentRenderTests {
    /// A piece that takes a while (longer for the early ones), so the threads finish out of order.
    static func piece(_ index: Int, count: Int) -> () throws -> Int {
        {
            Thread.sleep(forTimeInterval: Double(count - index) * 0.002)
            if index == 3 { throw CocoaError(.fileWriteUnknown) }
            return index * index
        }
    }

    @Test(arguments: [1, 2, 4])
    func resultsAreDeliveredInTheWorksOrderOnTheCallingThread(threads: Int) {
        let count = 12
        var delivered: [Int] = [], values: [Int?] = []
        let caller = Thread.current
        ConcurrentRender.run((0..<count).map { Self.piece($0, count: count) }, first: { $0 == 7 }, threads: threads) { index, result in
            #expect(Thread.current == caller)
            delivered.append(index)
            values.append(try? result.get())
        }
        #expect(delivered == Array(0..<count))
        #expect(values == (0..<count).map { $0 == 3 ? nil : $0 * $0 })
        // The same results as the form that returns them all at once.
        let all = ConcurrentRender.run((0..<count).map { Self.piece($0, count: count) }, threads: threads)
        #expect(all.map { try? $0.get() } == values)
    }

    @Test func aFailingHandOverWaitsForThePiecesRunning() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var running = 0
        }
        let counter = Counter(), count = 40
        let work = (0..<count).map { _ in
            { () -> Int in
                counter.lock.withLock { counter.running += 1 }
                Thread.sleep(forTimeInterval: 0.002)
                counter.lock.withLock { counter.running -= 1 }
                return 0
            }
        }
        #expect(throws: CocoaError.self) {
            try ConcurrentRender.run(work, threads: 2) { index, _ in
                if index == 2 { throw CocoaError(.fileWriteOutOfSpace) }
            }
        }
        // No piece is left running once the error is back (how many started depends on timing).
        counter.lock.withLock { #expect(counter.running == 0) }
    }

    /// The idle hook runs once, as soon as a thread has nothing left to start, while a long piece
    /// is still running on the other thread.
    @Test(.timeLimit(.minutes(1)))
    func theIdleHookRunsOnceWhileTheLongPieceStillRuns() {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var events: [String] = []
            func add(_ event: String) { lock.withLock { events.append(event) } }
        }
        let log = Log()
        let work: [() throws -> Int] = [
            { Thread.sleep(forTimeInterval: 0.3); log.add("long"); return 0 },
            { log.add("short"); return 1 },
            { log.add("short"); return 2 },
        ]
        ConcurrentRender.run(work, first: { $0 == 0 }, threads: 2, whenIdle: { log.add("idle") }) { _, _ in }
        #expect(log.events == ["short", "short", "idle", "long"])
        // One thread: idle only once every piece is done.
        let alone = Log()
        ConcurrentRender.run([{ alone.add("a"); return 0 }, { alone.add("b"); return 1 }] as [() throws -> Int], threads: 1,
                             whenIdle: { alone.add("idle") }) { _, _ in }
        #expect(alone.events == ["a", "b", "idle"])
    }
}
