import Foundation
import SystemIO

/// Fault injection for crash-safety tests, SQLite's way (`reliability.md` 6.4): with
/// `RBM_CRASH_AT=N` in the environment, the process ends itself abruptly (`_exit(137)`, as if
/// killed) just before its N-th durable step: writing an output, publishing the outputs, writing
/// the manifest, writing a reason, moving an input, writing `current.json`. Without the variable
/// nothing happens. Tests run every N in turn and check that the next run loses nothing.
enum CrashPoints {
    nonisolated(unsafe) private static var count = 0
    private static let target: Int? = ProcessInfo.processInfo.environment["RBM_CRASH_AT"].flatMap(Int.init)

    static func step() {
        guard let target else { return }
        count += 1
        if count == target { ProcessControl.exitImmediately(137) }
    }
}
