import Foundation

/// Runs independent pieces of work on every core at once and gives back each one's result in the
/// order the work was given: the write stage renders its outputs this way (issue 11). The pieces
/// marked `first` (the longest) are started before the others, so the cores finish together.
enum ConcurrentRender {
    static func run<T>(_ work: [() throws -> T], first: (Int) -> Bool = { _ in false },
                       threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Result<T, Error>] {
        let order = work.indices.filter(first) + work.indices.filter { !first($0) }
        let shared = RenderResults<T>(count: work.count), pieces = UncheckedWork(value: (work, order))
        let body: @Sendable (Int) -> Void = { _ in
            let (work, order) = pieces.value
            while true {
                let taken: Int? = shared.lock.withLock {
                    guard shared.next < order.count else { return nil }
                    defer { shared.next += 1 }
                    return order[shared.next]
                }
                guard let index = taken else { return }
                let result = Result { try work[index]() }
                shared.lock.withLock { shared.results[index] = result }
            }
        }
        let count = max(1, min(threads, work.count))
        if count == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
        return shared.results.map { $0! }
    }
}

/// The results of a ``ConcurrentRender/run(_:first:threads:)`` as the threads fill them in, and the
/// next piece to take, under one lock.
private final class RenderResults<T>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var results: [Result<T, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
}

/// The work handed to the threads: each piece is run by one thread only.
private struct UncheckedWork<V>: @unchecked Sendable { let value: V }
