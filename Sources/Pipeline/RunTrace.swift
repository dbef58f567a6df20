import Foundation
import SystemIO

/// Where a run's wall clock goes, when asked (`RBM_TRACE=FILE`): an event at each stage's end, and
/// at each file's start and end in the process that reads it, one JSON line per event, from every
/// process of the run into one file (`{"t":µs,"pid":…,"event":…,"file":…}`; the time is the
/// system's monotonic clock, which the run and its workers share). `Benchmarks/trace_timeline.py`
/// prints a run's timeline from it. Off by default, and then it costs a `nil` check per event.
///
/// Session 19 found with such trace points that the run claims its files about when its workers
/// have started, and that a worker's warm-up was holding back its first file (docs/scale.md).
public struct RunTrace: Sendable {
    /// The environment variable naming the trace file, read by the command line (the library
    /// reads no environment); a run's workers inherit it.
    public static let environmentKey = "RBM_TRACE"

    private let log: LineLog?

    /// A trace appended to `path`, or none for nil (or a file that cannot be opened: a trace never
    /// stops a run).
    public init(path: String?) {
        log = path.flatMap { $0.isEmpty ? nil : try? LineLog(appendingTo: $0) }
    }

    public var isOn: Bool { log != nil }

    /// What happened, as the trace names it (`Benchmarks/trace_timeline.py` reads the names).
    public enum Event: String, Sendable, CaseIterable {
        // The run's stages, in order.
        case runStarted = "run started", workersSpawning = "workers spawning", pipelineFileRead = "pipeline file read"
        case prepared, claimed, read, reconciledAndRecalled = "reconciled and recalled", written, filedAway = "filed away", recorded
        // Each file, in the run.
        case fileStarted = "file started", fileReceived = "file received"
        // A pooled worker, and each file it reads.
        case workerServing = "worker serving", workerWarmedUp = "worker warmed up"
        case workerReading = "worker reading", workerRead = "worker read", workerAnswered = "worker answered"
    }

    private struct Line: Encodable {
        var t: Int64
        var pid: Int32
        var event: String
        var file: String?
    }

    /// Records `event` now, about `file` (its name) when given.
    public func mark(_ event: Event, file: String? = nil) {
        guard let log else { return }
        let line = Line(t: ProcessControl.monotonicMicroseconds(), pid: ProcessControl.processID, event: event.rawValue, file: file.map { URL(fileURLWithPath: $0).lastPathComponent })
        guard let data = try? JSONEncoder().encode(line) else { return }
        log.append(String(decoding: data, as: UTF8.self))
    }
}
