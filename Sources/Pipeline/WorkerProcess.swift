import Foundation
import Normalise
import SystemIO

/// A file's load in a child process, so a trap, a runaway allocation or a hang in the reader
/// costs that file only (`reliability.md` 1.1): the child is the same `rbm` binary in `worker`
/// mode, with its own memory and CPU limits, under a wall-clock deadline the parent enforces.
/// These are the workers' settings and their side (`rbm worker`); ``WorkerPool`` runs them.
public struct WorkerProcess: Sendable {
    /// The `rbm` executable to start as `rbm worker …`.
    public var executable: String
    /// Wall-clock seconds before the parent kills the worker.
    public var timeout: TimeInterval = 300
    /// Address-space limit applied by the worker to itself.
    public var memoryBytes: UInt64 = 4 << 30
    /// CPU-seconds limit applied by the worker to itself.
    public var cpuSeconds: UInt64 = 300

    public init(executable: String) {
        self.executable = executable
    }

    /// The exit status of a worker that could not write its result (EX_IOERR): the machine's
    /// fault (a full or unwritable temporary folder), not the file's.
    public static let resultNotWritten: Int32 = 74

    /// How much of a crashed worker's standard error is kept beside its quarantined file (the end:
    /// a trap's message and backtrace come last).
    public static let keptErrorBytes: UInt64 = 64 << 10

    /// A worker that will not start (the executable gone or replaced, no processes or descriptors
    /// left): the machine's fault, never the file's (`reliability.md` 1.3, `io-error`). The batch
    /// stops before anything is moved; it used to quarantine every good input as `io-error`.
    static func notStarted(_ executable: String, _ error: any Error) -> EnvironmentFault {
        EnvironmentFault(folder: URL(fileURLWithPath: executable).deletingLastPathComponent().path,
                         action: "start the worker \(executable)", cause: EnvironmentFault.cause(of: error),
                         consequence: batchStopped + "; --in-process reads them without workers")
    }

    /// What became of a batch a worker's fault (not its file's) stopped.
    static let batchStopped = "the batch was stopped and no input was filed away (the next run takes them back from processing/)"

    /// Writes a reply line to the run. The run died while this file was read when its end of the
    /// pipe is gone (EPIPE): the worker exits at once, as the lifeline would (the non-throwing
    /// `write(_:)` traps there, and the crash report kept the worker alive for seconds after its
    /// run: the kill harness found it).
    private static func answer(_ reply: WorkerPool.Reply) {
        do { try FileHandle.standardOutput.write(contentsOf: reply.line) } catch { ProcessControl.exitImmediately(70) }
    }

    /// The worker side: limits itself, loads, writes the outcome to `result` (write, then rename).
    /// - Parameter exitWithParent: standard input is the parent's lifeline (a pipe it never writes
    ///   to): the worker ends itself as soon as it closes, so a worker never outlives a killed run.
    /// - Throws: ``ResultNotWritten`` when the result cannot be written (`rbm worker` then exits
    ///   with ``resultNotWritten``).
    public static func serve(pipelinePath: String, file: String, result: String, memoryBytes: UInt64, cpuSeconds: UInt64,
                             exitWithParent: Bool = false) throws {
        if exitWithParent {
            Thread.detachNewThread {
                ProcessControl.waitForEndOfStandardInput()
                ProcessControl.exitImmediately(70)   // the parent is gone: nothing will read this worker's result
            }
        }
        // Best effort, as before: a limit the system refuses leaves the parent's deadline.
        try? ResourceLimit.set(.addressSpace, soft: memoryBytes, hard: memoryBytes)
        try? ResourceLimit.set(.cpuTime, soft: cpuSeconds, hard: cpuSeconds + 5)
        try? ResourceLimit.set(.coreFileSize, soft: 0, hard: 0)
        let pipeline = try PipelineFile.load(path: pipelinePath)
        let loader = pipeline.workbookLoader
        let outcome = FileLoad.perform(path: file, loader: loader, pipelineName: URL(fileURLWithPath: pipelinePath).lastPathComponent)
        do {
            try Scratch.write(outcome.transferData(), to: URL(fileURLWithPath: result))
        } catch {
            throw ResultNotWritten(path: result, cause: EnvironmentFault.cause(of: error))
        }
    }
}

extension WorkerProcess {
    /// The worker side of a ``WorkerPool``: limits itself, reads the run's settings once, then
    /// loads each file named on standard input (one JSON ``WorkerPool/Request`` a line), writes its
    /// outcome to the request's result file and answers one JSON ``WorkerPool/Reply`` line on
    /// standard output. Returns when standard input ends between files; if it ends during a file
    /// (the run died), the worker exits at once. The CPU limit is moved on before each file, so
    /// each file has `cpuSeconds` of its own.
    /// - Parameters:
    ///   - settingsPath: the run's parsed settings (``WorkerSettings``); nil: they are named by a
    ///     first ``WorkerPool/SettingsLine``, else the worker parses the pipeline file.
    ///   - trace: where the worker's events go (the run's `RBM_TRACE`, ``RunTrace``).
    public static func serveMany(pipelinePath: String, settingsPath: String? = nil, memoryBytes: UInt64, cpuSeconds: UInt64,
                                 trace: RunTrace = RunTrace(path: nil)) throws {
        try? ResourceLimit.set(.addressSpace, soft: memoryBytes, hard: memoryBytes)
        try? ResourceLimit.set(.coreFileSize, soft: 0, hard: 0)
        let name = URL(fileURLWithPath: pipelinePath).lastPathComponent
        let queue = RequestQueue()
        trace.mark(.workerServing)
        // The run's settings named on the command line, read on a thread of their own beside the
        // warm-up (those named by a line, from when it comes: ``WorkerLine``), not after it, when
        // a file already waits.
        let named = settingsPath.map(WorkerSettings.loading(at:))
        Thread.detachNewThread {
            while let line = readLine(strippingNewline: true) {
                queue.push(line)
            }
            queue.finish()
        }
        // The first-use costs, paid while the run is still preparing and discovering its inbox (a
        // line that comes meanwhile waits in the queue), until a file waits.
        WorkerWarmUp.run(until: { queue.holdsRequest() })
        trace.mark(.workerWarmedUp)
        // The run's settings: named on the command line, or by the first line (a worker started
        // before the run had read its pipeline file); a request first, or settings that cannot be
        // read, and the worker parses the pipeline file itself.
        var loader = named?.value()
        while let line = queue.pop() {
            defer { queue.doneWithOne() }
            if loader == nil, line.settings != nil {
                loader = line.loader
                continue
            }
            guard let request = line.request else { continue }
            let current: WorkbookLoader
            do {
                current = try loader ?? PipelineFile.load(path: pipelinePath).workbookLoader
            } catch {
                // Not the file's fault: the run read this pipeline file at its start (it was
                // changed or removed since). The run stops instead of quarantining the file.
                answer(WorkerPool.Reply(status: .noSettings, cause: "\(error)"))
                continue
            }
            loader = current
            let hard = (try? ResourceLimit.current(.cpuTime).hard) ?? UInt64.max
            let soft = min(hard, ProcessControl.cpuSecondsUsed() + cpuSeconds)
            try? ResourceLimit.set(.cpuTime, soft: soft, hard: hard)
            trace.mark(.workerReading, file: request.file)
            let outcome = FileLoad.perform(path: request.file, loader: current, pipelineName: name)
            trace.mark(.workerRead, file: request.file)
            do {
                try Scratch.write(outcome.transferData(), to: URL(fileURLWithPath: request.result))
                answer(WorkerPool.Reply(status: .ok))
                trace.mark(.workerAnswered, file: request.file)
            } catch {
                answer(WorkerPool.Reply(status: .unwritable, cause: EnvironmentFault.cause(of: error)))
            }
        }
    }
}

/// A line from the run, read once, on the worker's reading thread, as what it may be: a file to
/// read (``WorkerPool/Request``), the run's settings named (``WorkerPool/SettingsLine``), or
/// neither (ignored). Read as a request first, the line that comes for every file; as settings
/// only when it is not one (the run sends them once, and never in a request's line).
struct WorkerLine {
    var settings: WorkerPool.SettingsLine?
    var request: WorkerPool.Request?
    /// The named settings being read on a thread of their own from when the line comes, while the
    /// worker warms up and the lines after it are queued (a request behind them stops the warm-up
    /// at once).
    private var loading: Background<WorkbookLoader?>?

    init(_ text: String) {
        let data = Data(text.utf8)
        request = try? JSONDecoder().decode(WorkerPool.Request.self, from: data)
        settings = request == nil ? try? JSONDecoder().decode(WorkerPool.SettingsLine.self, from: data) : nil
        loading = settings.map { WorkerSettings.loading(at: $0.settings) }
    }

    /// The loader the named settings describe, once read; nil when they cannot be read, or the
    /// line names none.
    var loader: WorkbookLoader? { loading?.value() ?? nil }
}

/// The requests a serving worker has read and not yet taken; when its input ends while a file is
/// being read, the run that sent it is gone and the worker exits at once.
final class RequestQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [WorkerLine] = []
    private var ended = false
    private var busy = false

    /// Queues `line`, read as what it is (``WorkerLine``).
    func push(_ line: String) {
        let read = WorkerLine(line)
        condition.withLock {
            lines.append(read)
            condition.signal()
        }
    }

    func finish() {
        condition.withLock {
            if busy || !lines.isEmpty { ProcessControl.exitImmediately(70) }
            ended = true
            condition.signal()
        }
    }

    func pop() -> WorkerLine? {
        condition.withLock {
            while lines.isEmpty && !ended { condition.wait() }
            if lines.isEmpty { return nil }
            busy = true
            return lines.removeFirst()
        }
    }

    func doneWithOne() {
        condition.withLock { busy = false }
    }

    /// Whether a file waits: a line that is a request (not the run's settings).
    func holdsRequest() -> Bool {
        condition.withLock { lines.contains { $0.request != nil } }
    }
}

/// A worker could not write its result (a full or unwritable temporary folder).
public struct ResultNotWritten: Error, CustomStringConvertible {
    public var path: String
    public var cause: String
    public var description: String { "rbm worker: \(path): cannot write the result: \(cause)" }
}
