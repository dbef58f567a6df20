import Foundation
import History

/// Where a run's record goes and the history opened there ahead (``BatchRun/openHistory(_:)``).
struct HistoryTarget {
    /// `history.sqlite`.
    let history: URL
    /// The hidden file a first history is written in (nil when `history.sqlite` already existed).
    let fresh: URL?
    let opening: HistoryOpening

    /// For a run that stops before its record took the history over: closes it, and removes a
    /// first history's hidden file.
    func abandon() {
        opening.close()
        guard let fresh else { return }
        RecordAhead.remove(fresh)
    }
}
