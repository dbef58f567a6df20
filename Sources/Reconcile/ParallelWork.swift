import Foundation

/// Runs pieces of pure work on up to `threads` threads at once and gives back each one's result at
/// its piece's index. The pieces are taken in the order given (the longest first, so the threads
/// finish together). No I/O: the reconciler spreads its independent rule groups over the cores
/// with it (`RuleCatalogue.groups`).
enum ParallelWork {
    static func map<T>(_ count: Int, order: [Int], threads: Int, _ body: @escaping (Int) -> T) -> [T] {
        precondition(order.sorted() == Array(0..<count), "the order names each piece once")
        let pieces = Pieces(body: body, order: order)
        let worker: @Sendable (Int) -> Void = { _ in pieces.runUntilDone() }
        let threads = max(1, min(threads, count))
        if threads == 1 { worker(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: worker) }
        return pieces.results.map { $0! }
    }
}

/// The work, the results as the threads fill them in, and the next piece to take, under one lock.
/// Each piece is run by one thread only; what the work reads is not changed while it runs.
private final class Pieces<T>: @unchecked Sendable {
    let lock = NSLock()
    let body: (Int) -> T
    let order: [Int]
    var next = 0
    var results: [T?]

    init(body: @escaping (Int) -> T, order: [Int]) {
        self.body = body
        self.order = order
        results = Array(repeating: nil, count: order.count)
    }

    /// Takes piece after piece until none is left.
    func runUntilDone() {
        while true {
            let taken: Int? = lock.withLock {
                guard next < order.count else { return nil }
                defer { next += 1 }
                return order[next]
            }
            guard let index = taken else { return }
            let result = body(index)
            lock.withLock { results[index] = result }
        }
    }
}
