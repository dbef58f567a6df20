import Foundation
import Reconcile

/// Runs independent pieces of work on every core at once and gives back each one's result in the
/// order the work was given: the write stage renders its outputs this way (issue 11). The pieces
/// marked `first` (the longest) are started before the others, so the cores finish together.
enum ConcurrentRender {
    static func run<T>(_ work: [() throws -> T], first: (Int) -> Bool = { _ in false },
                       threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Result<T, Error>] {
        let order = work.indices.filter(first) + work.indices.filter { !first($0) }
        // The reconciler's threads of their own (not Dispatch's pool, whose `concurrentPerform`
        // runs every piece on the calling thread when the pool is taken).
        let pieces = UncheckedWork(value: work)
        return ParallelWork.map(work.count, order: order, threads: threads) { index in Result { try pieces.value[index]() } }
    }
}

extension ConcurrentRender {
    /// Runs the pieces on `threads` threads of their own and hands each one's result to `deliver` on
    /// the calling thread, in the order the work was given, as soon as it and every piece before it
    /// are done: the write stage makes each output durable (a write and a flush, mostly waiting on
    /// the disk) while the threads still render those after it, instead of after the last one
    /// (issue 11). When `deliver` throws, no piece is started any more; the pieces running are
    /// waited for (they may write where the caller is about to clean up) and the error is rethrown.
    /// `whenIdle` is called once, on the first thread that finds no piece left to start (the others
    /// may still be running theirs): work for a core that would otherwise wait.
    static func run<T>(_ work: [() throws -> T], first: (Int) -> Bool = { _ in false },
                       threads: Int = ProcessInfo.processInfo.activeProcessorCount, whenIdle: @escaping @Sendable () -> Void = {},
                       deliver: (Int, Result<T, Error>) throws -> Void) rethrows {
        let order = work.indices.filter(first) + work.indices.filter { !first($0) }
        let shared = PipelinedResults<T>(count: work.count), pieces = UncheckedWork(value: (work, order))
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, work.count)) where !work.isEmpty {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                let (work, order) = pieces.value
                while true {
                    shared.condition.lock()
                    guard !shared.stopped, shared.next < order.count else {
                        let first = !shared.idle
                        shared.idle = true
                        shared.condition.unlock()
                        if first { whenIdle() }
                        return
                    }
                    let index = order[shared.next]
                    shared.next += 1
                    shared.condition.unlock()
                    let result = Result { try work[index]() }
                    shared.condition.lock()
                    shared.results[index] = result
                    shared.condition.broadcast()
                    shared.condition.unlock()
                }
            }
        }
        for index in work.indices {
            shared.condition.lock()
            while shared.results[index] == nil { shared.condition.wait() }
            let result = shared.results[index]!
            shared.results[index] = nil
            shared.condition.unlock()
            do { try deliver(index, result) } catch {
                shared.condition.lock()
                shared.stopped = true
                shared.condition.unlock()
                group.wait()
                throw error
            }
        }
        group.wait()
    }
}

/// The results of a ``ConcurrentRender/run(_:first:threads:deliver:)`` as the threads fill them in
/// and the caller takes them, the next piece to start, and whether to start any more, under one
/// condition.
private final class PipelinedResults<T>: @unchecked Sendable {
    let condition = NSCondition()
    var next = 0
    var stopped = false
    /// A thread has found no piece left to start (``ConcurrentRender/run(_:first:threads:whenIdle:deliver:)``).
    var idle = false
    var results: [Result<T, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
}

/// The work handed to the threads: each piece is run by one thread only.
private struct UncheckedWork<V>: @unchecked Sendable { let value: V }
