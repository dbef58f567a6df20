import Foundation

/// Runs pieces of work on up to `threads` threads at once and gives back each one's result at
/// its piece's index. The pieces are taken in the order given (the longest first, so the threads
/// finish together). It does no I/O itself: the reconciler spreads its independent rule groups over the cores
/// with it (`RuleCatalogue.groups`), and the run its outputs (`ConcurrentRender`).
public enum ParallelWork {
    public static func map<T>(_ count: Int, order: [Int], threads: Int, _ body: @escaping (Int) -> T) -> [T] {
        precondition(order.sorted() == Array(0..<count), "the order names each piece once")
        let pieces = Pieces(body: body, order: order)
        // Threads of their own, not Dispatch's pool: `concurrentPerform` called while the pool's
        // threads are taken runs every piece on the calling thread (at K = 58 every rule group
        // ran on one thread). The calling thread takes pieces too, and waits only for pieces
        // taken by the others: a thread started late finds nothing left and ends.
        for _ in 1..<max(1, min(threads, count)) { Thread { pieces.runUntilDone() }.start() }
        pieces.runUntilDone()
        return pieces.waitForAll()
    }
}

/// The work, the results as the threads fill them in, the next piece to take and how many are
/// done, under one condition. Each piece is run by one thread only; what the work reads is not
/// changed while it runs.
private final class Pieces<T>: @unchecked Sendable {
    let condition = NSCondition()
    let body: (Int) -> T
    let order: [Int]
    var next = 0
    var done = 0
    var results: [T?]

    init(body: @escaping (Int) -> T, order: [Int]) {
        self.body = body
        self.order = order
        results = Array(repeating: nil, count: order.count)
    }

    /// Takes piece after piece until none is left.
    func runUntilDone() {
        while true {
            condition.lock()
            guard next < order.count else {
                condition.unlock()
                return
            }
            let index = order[next]
            next += 1
            condition.unlock()
            let result = body(index)
            condition.lock()
            results[index] = result
            done += 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Every result, once every piece is done.
    func waitForAll() -> [T] {
        condition.lock()
        defer { condition.unlock() }
        while done < order.count { condition.wait() }
        return results.map { $0! }
    }
}
