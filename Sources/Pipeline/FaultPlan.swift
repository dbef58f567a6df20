import Foundation
import SystemIO

/// Faults a caller asks a run to suffer, for the crash-safety and failure tests: passed in as a
/// value (the command line builds one from `RBM_CRASH_AT`), never read from the environment or
/// kept in global state by the library.
public struct FaultPlan: Sendable {
    /// End the process abruptly (`_exit(137)`, as if killed) just before the run's N-th durable
    /// step: writing an output, publishing the outputs, writing the manifest, writing a reason,
    /// moving an input, writing `current.json` (SQLite's way, `reliability.md` 6.4).
    public var crashAt: Int?
    /// End the process abruptly (`_exit(137)`) as the run begins reading an arrival of this name,
    /// before its worker is given it: a run stopped while reading that file, as an in-process
    /// reader's crash or the machine's OOM killer would stop it (the command line sets it from
    /// `RBM_STOP_READING`; the poison-pill tests, ``ReadingAttempts``).
    public var stopReading: String?
    /// Fail as a full disk would, half-way through writing the outputs.
    var failWhileWriting = false
    /// Rendering this output throws this error, as a content problem in that output would.
    var failRendering: (output: String, error: any Error & Sendable)?

    public init(crashAt: Int? = nil, stopReading: String? = nil) {
        self.crashAt = crashAt
        self.stopReading = stopReading
    }

    /// The run begins reading the arrival `name`: ends the process if that is the planned stop.
    func beginReading(_ name: String) {
        if name == stopReading { ProcessControl.exitImmediately(137) }
    }
}

/// One run's durable steps, counted so that a planned crash stops the process just before the
/// chosen one. Made per run from its `FaultPlan` and handed to what writes or moves files.
final class DurableSteps: @unchecked Sendable {
    private let crashAt: Int?
    private var count = 0

    init(crashAt: Int? = nil) { self.crashAt = crashAt }

    /// Steps that nothing counts (no crash planned).
    static let uncounted = DurableSteps()

    /// Marks the next durable step; ends the process if it is the planned one.
    func step() {
        guard let crashAt else { return }
        count += 1
        if count == crashAt { ProcessControl.exitImmediately(137) }
    }
}
