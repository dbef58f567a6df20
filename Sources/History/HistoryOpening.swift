import Foundation

/// The history a run records into, opened (created and migrated when needed) on a thread of its
/// own as soon as the run knows where it is (issue 11): about 15 M instructions, 4 ms, that the
/// record's writing otherwise paid at the end of the run, after the outputs, where it holds up the
/// run's last step on one core. ``PendingRecord/init(opening:entry:)`` takes it over; a run that
/// stops before calls ``close()``.
public final class HistoryOpening: @unchecked Sendable {
    public let path: String
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the opening thread before `done` is signalled.
    private var result: Result<RunHistory, Error>?
    private let lock = NSLock()
    private var closed = false

    /// Starts opening the history at `path`.
    public init(path: String) {
        self.path = path
        Thread { [self] in
            result = Result { try RunHistory(path: path) }
            done.signal()
        }.start()
    }

    /// The history, once open.
    /// - Throws: what opening or migrating it threw.
    func history() throws -> RunHistory {
        done.wait()
        defer { done.signal() }
        return try result!.get()
    }

    /// Closes the history once opened, for a run that stops before a record took it over, or
    /// whose record was abandoned before it started; idempotent. What closing throws is ignored:
    /// nothing of the run was written there.
    public func close() {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first, let history = try? history() else { return }
        try? history.close()
    }
}
