import Foundation

/// Work started on a thread of its own, off the run's path, and waited for where its result is
/// needed (``value()``). Work that changes files must be waited for before its owner goes, so
/// that no process exits in the middle of it (``RunSetup`` waits for its sweep).
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the work's thread before `done` is signalled; read only after waiting on it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        Thread {
            self.result = work()
            self.done.signal()
        }.start()
    }

    /// The work's result, once it has finished; may be called more than once, from any thread.
    func value() -> Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
