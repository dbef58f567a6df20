import Foundation
import History

/// A run's record being written into the history while the run writes its outputs
/// (``BatchRun/beginRecord(_:_:_:startedAt:)``): in `history.sqlite` itself, or, for a drop
/// folder's first history, in a hidden file beside it that becomes `history.sqlite` once committed.
final class RecordAhead {
    /// The hidden name a first history is written under (`.history-<batch>.sqlite`), and what a
    /// later run sweeps when a run stopped before renaming it.
    static let freshPrefix = ".history-"

    let pending: PendingRecord
    /// `history.sqlite`.
    let history: URL
    /// The hidden file a first history is written in (nil when `history.sqlite` already existed).
    let fresh: URL?
    private var committed = false

    init(pending: PendingRecord, history: URL, fresh: URL?) {
        self.pending = pending
        self.history = history
        self.fresh = fresh
    }

    /// Commits the run's record; a first history is then renamed into place and its folder flushed.
    func commit(endedAt: String, exitCode: Int) throws {
        try pending.commit(endedAt: endedAt, exitCode: exitCode)
        committed = true
        if let fresh {
            // SQLite flushed the file when it checkpointed it at close; flushed here too, where it
            // is renamed, so that every rename's bytes are flushed by the thread that renames.
            try DurableFile.flush(fresh)
            try DurableFile.rename(fresh, over: history)
            try DurableFile.flushFolder(history.deletingLastPathComponent())
        }
    }

    /// Rolls back a record not committed (the run stopped before its end), and removes a first
    /// history's hidden file; does nothing once committed.
    func abandon() {
        guard !committed else { return }
        pending.abandon()
        guard let fresh else { return }
        Self.remove(fresh)
    }

    /// A first history's hidden file and SQLite's files beside it, removed.
    static func remove(_ fresh: URL) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: fresh.path + suffix)
        }
    }
}
