import Foundation
import GRDB

/// A run's record written ahead, while the run is still writing its outputs, in a transaction
/// that commits only when the run has committed (issue 11).
///
/// Recording a run used to be the last thing a run did: about 30 ms at 58 times the demo (opening
/// the history, 2,157 rows, closing), on one core after everything else. Here, from ``start()``
/// (when a core falls idle), a thread of its own opens the history, begins an immediate
/// transaction, inserts the whole ``RunHistory/Entry`` and then waits.
/// ``commit(endedAt:exitCode:)`` sets what is known only at the end (when the run ended and its
/// exit code), commits and closes the file; ``abandon()`` rolls back. Until the commit
/// nothing of the run is in the history: a run that stops before (killed, a full disk, an output
/// that could not be written) leaves the history exactly as the last committed run left it, as
/// before, and SQLite ignores an uncommitted transaction's pages in the `-wal` file. The transaction
/// holds the history's write lock meanwhile; rbm's run is its only writer (under the drop folder's
/// lock), and readers (`rbm history`, an analyst's `sqlite3`) read the last committed state.
public final class PendingRecord: @unchecked Sendable {
    private enum Decision {
        case commit(endedAt: String, exitCode: Int)
        case abandon
    }

    private let condition = NSCondition()
    /// Set once by ``commit(endedAt:exitCode:)`` or ``abandon()``.
    private var decision: Decision?
    /// Set once by the thread when it ends: the run's id (nil when abandoned) or what went wrong.
    private var outcome: Result<Int64?, Error>?
    /// Set by the thread once every row is inserted and it waits for the decision.
    private var inserted = false

    private let path: String
    private let entry: RunHistory.Entry
    private var started = false
    /// The history opened ahead (``HistoryOpening``), or nil to open it when writing starts.
    private let opening: HistoryOpening?

    /// A record of `entry` for the history at `path` (created, and migrated, when needed), to be
    /// written once ``start()`` is called.
    public init(path: String, entry: RunHistory.Entry) {
        self.path = path
        self.entry = entry
        opening = nil
    }

    /// A record of `entry` for the history `opening` opens (or has opened) meanwhile.
    public init(opening: HistoryOpening, entry: RunHistory.Entry) {
        path = opening.path
        self.entry = entry
        self.opening = opening
    }

    /// Starts writing, on a thread of its own (again, or after the decision: nothing).
    public func start() {
        let go = condition.withLock {
            defer { started = true }
            return !started && decision == nil
        }
        guard go else { return }
        Thread { [self] in
            let result = Result<Int64?, Error> { try write() }
            condition.withLock { outcome = result }
            condition.broadcast()
        }.start()
    }

    /// The run's end and exit code set, the transaction committed and the history closed (its
    /// `-wal` checkpointed into the file). Returns the run's id.
    /// - Throws: whatever went wrong since the start: opening or migrating the history, an insert,
    ///   the commit, the close. Nothing of the run is then in the history.
    @discardableResult
    public func commit(endedAt: String, exitCode: Int) throws -> Int64 {
        let result = decide(.commit(endedAt: endedAt, exitCode: exitCode))
        guard let id = try result.get() else { throw DatabaseError(message: "the run's record was abandoned before its commit") }
        return id
    }

    /// Rolls the transaction back and waits for the history to be closed; nothing of the run
    /// stays. Does nothing once committed.
    public func abandon() {
        _ = decide(.abandon)
    }

    /// Records the first decision (later ones change nothing) and waits for the thread's end; a
    /// record to commit is started first if it was not, one abandoned before its start never is.
    private func decide(_ wanted: Decision) -> Result<Int64?, Error> {
        if case .commit = wanted { start() }
        let result = condition.withLock {
            if decision == nil { decision = wanted }
            condition.broadcast()
            if !started { outcome = .success(nil) }
            while outcome == nil { condition.wait() }
            return outcome!
        }
        // Abandoned before it started: a history opened ahead is closed all the same.
        if case .abandon = wanted, case .success(nil) = result { opening?.close() }
        return result
    }

    /// Waits until every row is inserted (the transaction waiting for its decision) or the
    /// thread has ended, once started (for the tests).
    func waitUntilInserted() {
        condition.withLock {
            while !inserted && outcome == nil { condition.wait() }
        }
    }

    /// Says every row is inserted, then waits for the decision.
    private func awaitDecision() -> Decision {
        condition.withLock {
            inserted = true
            condition.broadcast()
            while decision == nil { condition.wait() }
            return decision!
        }
    }

    /// Opens the history, inserts the entry, waits for the decision, commits or rolls back, closes.
    private func write() throws -> Int64? {
        let history = try opening?.history() ?? RunHistory(path: path)
        var id: Int64?
        do {
            try history.writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let inserted = try RunHistory.insert(entry, into: db)
                    guard case .commit(let endedAt, let exitCode) = awaitDecision() else { return .rollback }
                    try db.execute(sql: "UPDATE runs SET ended_at = ?, exit_code = ? WHERE id = ?", arguments: [endedAt, exitCode, inserted])
                    id = inserted
                    return .commit
                }
            }
        } catch {
            try? history.close()
            throw error
        }
        try history.close()
        return id
    }
}
