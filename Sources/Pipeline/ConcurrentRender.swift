import Foundation

/// Runs independent pieces of work on every core at once and gives back each one's error (nil
/// when it succeeded) in the order the work was given: the write stage renders its outputs this
/// way (issue 11). The pieces marked `first` (the longest) are started before the others, so the
/// cores finish together.
enum ConcurrentRender {
    static func run(_ work: [() throws -> Void], first: (Int) -> Bool = { _ in false },
                    threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Error?] {
        let order = work.indices.filter(first) + work.indices.filter { !first($0) }
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var errors: [Error?]
            init(count: Int) { errors = Array(repeating: nil, count: count) }
        }
        struct Unchecked<T>: @unchecked Sendable { let value: T }
        let shared = Shared(count: work.count), pieces = Unchecked(value: (work, order))
        let body: @Sendable (Int) -> Void = { _ in
            let (work, order) = pieces.value
            while true {
                let taken: Int? = shared.lock.withLock {
                    guard shared.next < order.count else { return nil }
                    defer { shared.next += 1 }
                    return order[shared.next]
                }
                guard let index = taken else { return }
                do { try work[index]() } catch { shared.lock.withLock { shared.errors[index] = error } }
            }
        }
        let count = max(1, min(threads, work.count))
        if count == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
        return shared.errors
    }
}
