import Foundation
import Normalise
import SystemIO

/// Reused workers (issue 11): up to `size` `rbm worker --serve` processes, each reading the
/// pipeline file once and then taking file after file over a pipe, so isolation costs one process
/// start per worker, not per file. The guarantees of ``WorkerProcess`` hold per file: the worker's
/// memory limit, a CPU limit moved on before each file, the parent's wall-clock deadline, and the
/// lifeline (a worker's requests come on its standard input: when the run dies, the pipe closes
/// and the worker ends itself). A worker that dies or overruns costs its file only: that file is
/// refused with the same categories and reasons as a one-shot worker's, and a new worker takes
/// its place for the next file.
final class WorkerPool: @unchecked Sendable {
    let settings: WorkerProcess
    let pipelinePath: String
    let scratch: URL
    let size: Int
    /// Guards the lists; signalled when a worker comes back or goes (``load(path:)`` waits on it
    /// when `size` workers are busy).
    private let lock = NSCondition()
    private var idle: [Member] = []
    private var all: [Member] = []
    /// Workers being started (counted against `size` until they are in `all`).
    private var starting = 0
    /// Set by ``shutdown()``: no file is handed out after it.
    private var closed = false
    /// The run's parsed settings for the workers (``WorkerSettings``), once written; without
    /// them a worker parses the pipeline file itself.
    private var settingsPath: String?
    /// False while the settings are being written (``provide(_:)``): no file is handed out
    /// before every worker has been told where they are.
    private var settled = true
    /// The writing of the settings, waited for by ``shutdown()``: it writes in the scratch folder,
    /// which its run removes once the pool is shut down.
    private var providing: Background<Void>?

    init(settings: WorkerProcess, pipelinePath: String, scratch: URL,
         size: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.settings = settings
        self.pipelinePath = pipelinePath
        self.scratch = scratch
        self.size = size
        ProcessControl.ignoreBrokenPipes()
    }

    deinit { shutdown() }

    /// One line from the run to a worker: the file to load and where to put its outcome.
    struct Request: Codable {
        var file: String
        var result: String
    }

    /// The line that tells a worker started before the run had its settings where they are; it
    /// comes before any ``Request``. A worker that gets a request first parses the pipeline file.
    struct SettingsLine: Codable {
        var settings: String
    }

    /// One line back: `ok` (the outcome is in the result file), `unwritable` with the cause (the
    /// result could not be written), or `no-settings` with the cause (neither the run's settings
    /// nor its pipeline file could be read: the file was not looked at).
    struct Reply: Codable {
        enum Status: String, Codable { case ok, unwritable, noSettings = "no-settings" }
        var status: Status
        var cause: String?

        /// The line a worker writes: the reply as JSON and a line feed.
        var line: Data { ((try? JSONEncoder().encode(self)) ?? Data()) + [UInt8(ascii: "\n")] }
    }

    /// A running worker and its pipes.
    final class Member: @unchecked Sendable {
        let process: Process
        let requests: FileHandle
        let replies: FileHandle
        let errors: URL
        let errorHandle: FileHandle
        let done = DispatchSemaphore(value: 0)
        var buffer = Data()
        /// Where the current file's part of the worker's standard error starts (0 for a new worker:
        /// what it wrote while starting counts against its first file).
        var errorStart: UInt64 = 0
        /// The worker knows where the run's settings are (on its command line or by a ``SettingsLine``).
        var hasSettings = false

        init(process: Process, requests: FileHandle, replies: FileHandle, errors: URL, errorHandle: FileHandle) {
            self.process = process
            self.requests = requests
            self.replies = replies
            self.errors = errors
            self.errorHandle = errorHandle
        }

        /// The next line the worker writes, nil at the end of its output (it died or exited).
        func readLine() -> Data? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    return Data(line)
                }
                let chunk = replies.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }

        /// The worker's standard error written since `offset`, at most its last `limit` bytes.
        func errorText(since offset: UInt64, limit: UInt64 = WorkerProcess.keptErrorBytes) -> String {
            guard let handle = try? FileHandle(forReadingFrom: errors) else { return "" }
            defer { try? handle.close() }
            let end = (try? handle.seekToEnd()) ?? offset
            try? handle.seek(toOffset: max(offset, end > limit ? end - limit : 0))
            return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        }

        var errorOffset: UInt64 { UInt64((try? FileStatus(ofEntry: errors.path).size) ?? 0) }

        func stop() {
            try? requests.close()
            if process.isRunning { try? ProcessControl.send(.kill, to: process.processIdentifier) }
            done.wait()
            done.signal()
            try? replies.close()
            try? errorHandle.close()
            try? FileManager.default.removeItem(at: errors)
        }
    }

    /// Starts the pool's workers at the very start of the run, before its pipeline file is even
    /// read (issue 11), so that their start (a process, the runtime's first costs, ``WorkerWarmUp``)
    /// overlaps the run's preparation and discovery instead of holding up the first files. The
    /// processes are spawned on a thread of their own: spawning one costs the caller milliseconds
    /// (Foundation closes every descriptor it finds in `/proc/self/fd`). Until they are in the pool
    /// they count as being started, so ``load(path:)`` waits for them rather than start more. A
    /// worker that will not start is left to ``load(path:)``, which stops the batch with the cause
    /// (``WorkerProcess/notStarted(_:_:)``). The run's settings follow with ``provide(_:)``.
    func spawn() {
        let missing = lock.withLock {
            let missing = max(0, size - all.count - starting)
            starting += missing
            return missing
        }
        guard missing > 0 else { return }
        Thread.detachNewThread { [self] in
            for started in 0..<missing {
                guard let member = try? start() else {
                    lock.withLock { starting -= missing - started }
                    lock.broadcast()
                    return
                }
                lock.withLock { starting -= 1; idle.append(member) }
                lock.broadcast()
            }
        }
    }

    /// Hands the run's parsed settings to the workers (``WorkerSettings``, a file in the scratch
    /// folder), so that they do not parse the pipeline file again: written on a thread of its own,
    /// then named to each worker already started by a ``SettingsLine``; a worker started later
    /// gets them on its command line. No file is handed out before that is done. A folder that
    /// cannot take them costs the workers a parse, nothing more.
    func provide(_ loader: WorkbookLoader) {
        lock.withLock { settled = false }
        let url = scratch.appendingPathComponent("worker-settings.rbmt")
        let work = Background { [self] in
            let written = (try? WorkerSettings(loader).write(to: url)) != nil
            let line = (try? JSONEncoder().encode(SettingsLine(settings: url.path))).map { $0 + [UInt8(ascii: "\n")] }
            lock.withLock {
                if written, let line, !closed {
                    settingsPath = url.path
                    // Under the lock: no worker is being added or handed a file meanwhile. One that
                    // died already fails the write (EPIPE) and is judged at its first file.
                    for member in all where !member.hasSettings {
                        member.hasSettings = (try? member.requests.write(contentsOf: line)) != nil
                    }
                }
                settled = true
            }
            lock.broadcast()
        }
        lock.withLock { providing = work }
    }

    /// An idle worker, or nil when a new one may be started (its place is then reserved: the
    /// caller starts it and calls ``started()``); waits while `size` workers are busy.
    private func acquire() throws -> Member? {
        try lock.withLock {
            while (!settled || idle.isEmpty && all.count + starting >= size) && !closed { lock.wait() }
            if closed { throw PipelineError(file: pipelinePath, "internal error: a file was handed to the worker pool after it was shut down") }
            if let member = idle.popLast() { return member }
            starting += 1
            return nil
        }
    }

    /// A reserved start is over (the worker is in `all`, or it did not start).
    private func started() {
        lock.withLock { starting -= 1 }
        lock.broadcast()
    }

    /// A worker is free for the next file.
    private func giveBack(_ member: Member) {
        lock.withLock { idle.append(member) }
        lock.broadcast()
    }

    private func unusable(_ cause: String) -> EnvironmentFault {
        EnvironmentFault(folder: scratch.path, action: "keep a worker's result in the temporary folder ($TMPDIR)", cause: cause,
                         consequence: "the batch was stopped before anything was moved; free space there or set TMPDIR to another folder")
    }

    /// Starts a worker.
    /// - Throws: ``EnvironmentFault`` when the scratch folder cannot take its standard error or
    ///   the executable will not start: the machine's fault, so the batch stops and no file is blamed.
    private func start() throws -> Member {
        let errors = scratch.appendingPathComponent("worker-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil), let errorHandle = FileHandle(forWritingAtPath: errors.path) else {
            throw unusable(SystemCallError.reason(of: SystemCallError.currentErrno))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: settings.executable)
        var invocation = WorkerInvocation(pipelinePath: pipelinePath, memoryBytes: settings.memoryBytes, cpuSeconds: settings.cpuSeconds)
        let requests = Pipe(), replies = Pipe()
        process.standardInput = requests
        process.standardOutput = replies
        process.standardError = errorHandle
        let member = Member(process: process, requests: requests.fileHandleForWriting, replies: replies.fileHandleForReading,
                            errors: errors, errorHandle: errorHandle)
        process.terminationHandler = { [member] _ in member.done.signal() }
        do {
            // One start at a time: a worker must not inherit the pipes of another being started.
            // The settings named on its command line and its place in the pool in the same step,
            // so that ``provide(_:)`` tells every worker exactly once.
            try lock.withLock {
                if let settingsPath {
                    invocation.settingsPath = settingsPath
                    member.hasSettings = true
                }
                process.arguments = invocation.arguments
                try process.run()
                all.append(member)
            }
        } catch {
            try? errorHandle.close()
            try? FileManager.default.removeItem(at: errors)
            throw WorkerProcess.notStarted(settings.executable, error)
        }
        try? requests.fileHandleForReading.close()
        try? replies.fileHandleForWriting.close()
        return member
    }

    /// A worker held for the file its holder takes next: an idle one, or a place to start one.
    /// Taken before the file is chosen (``reserve()``), so that the files go to the workers in the
    /// order they are handed out (the largest first), whichever loading thread wakes first.
    final class Turn: @unchecked Sendable {
        fileprivate let member: Member?
        fileprivate var used = false
        fileprivate init(_ member: Member?) { self.member = member }
    }

    /// Waits for a worker (``Turn``); give it back with ``cancel(_:)`` when no file comes for it.
    /// - Throws: when the pool was shut down.
    func reserve() throws -> Turn {
        Turn(try acquire())
    }

    /// A turn no file used: its worker is idle again, or its place to start one is free.
    func cancel(_ turn: Turn) {
        guard !turn.used else { return }
        turn.used = true
        if let member = turn.member { giveBack(member) } else { started() }
    }

    /// Loads `path` in a pooled worker (the one `turn` holds, else an idle one, else a new one); a
    /// worker that dies or overruns becomes a refusal for this file and is not used again, and what
    /// it wrote on standard error while on this file (its last ``WorkerProcess/keptErrorBytes``)
    /// comes back with the refusal, to be kept beside the quarantined file.
    /// - Throws: ``EnvironmentFault`` when the scratch folder cannot take a worker's output, or a
    ///   worker will not start.
    func load(path: String, turn: Turn? = nil) throws -> (load: FileLoad, stderr: String?) {
        let waiting: Member?
        if let turn, !turn.used {
            turn.used = true
            waiting = turn.member
        } else {
            waiting = try acquire()
        }
        let member: Member
        if let waiting {
            member = waiting
        } else {
            defer { started() }
            member = try start()
        }
        let result = scratch.appendingPathComponent("\(UUID().uuidString).rbmt")
        defer { try? FileManager.default.removeItem(at: result) }
        let offset = member.errorStart
        var line = (try? JSONEncoder().encode(Request(file: path, result: result.path))) ?? Data()
        line.append(UInt8(ascii: "\n"))
        // A worker that died before it read the request fails the write (EPIPE): the same as dying while reading.
        let sent = (try? member.requests.write(contentsOf: line)) != nil
        let replied = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var line: Data? }
        let box = Box()
        if sent {
            DispatchQueue.global().async {
                box.line = member.readLine()
                replied.signal()
            }
            if replied.wait(timeout: .now() + settings.timeout) == .timedOut {
                try? ProcessControl.send(.kill, to: member.process.processIdentifier)
                replied.wait()   // the kill closes the worker's end: the read ends
                member.done.wait()
                member.done.signal()
                let stderr = member.errorText(since: offset)
                retire(member)
                return (.refused(category: "resource-limit", reason: "reading took longer than \(Int(settings.timeout)) s; the worker was stopped"), stderr)
            }
        }
        guard let reply = box.line, let answer = try? JSONDecoder().decode(Reply.self, from: reply) else {
            // The worker died (or wrote nonsense): judge it as a one-shot worker is judged.
            try? member.requests.close()
            member.done.wait()
            member.done.signal()
            let stderr = member.errorText(since: offset)
            // Retired before judging: a judgement that throws must not leave a dead worker
            // counted against the pool's size (the other loaders would wait for it forever).
            retire(member)
            let outcome = try WorkerProcess.judge(member.process, stderr: stderr, settings: settings, unusable: unusable)
            return (outcome, stderr)
        }
        if answer.status == .noSettings {
            member.errorStart = member.errorOffset
            giveBack(member)
            throw EnvironmentFault(folder: URL(fileURLWithPath: pipelinePath).deletingLastPathComponent().path,
                                   action: "read the run's settings in a worker", cause: answer.cause ?? "the worker could not read them",
                                   consequence: WorkerProcess.batchStopped)
        }
        if answer.status == .unwritable {
            member.errorStart = member.errorOffset
            giveBack(member)
            throw unusable(answer.cause ?? "the worker could not write its result")
        }
        member.errorStart = member.errorOffset
        giveBack(member)
        // The worker wrote its result and said so: a result this process cannot read back (gone
        // from the scratch folder, EIO) is the machine's fault, not the file's.
        let data: Data
        do { data = try Data(contentsOf: result) } catch {
            throw unusable(EnvironmentFault.cause(of: error))
        }
        return (try FileLoad.received(data, executable: settings.executable), nil)
    }

    private func retire(_ member: Member) {
        lock.withLock { all.removeAll { $0 === member }; idle.removeAll { $0 === member } }
        lock.broadcast()
        member.stop()
    }

    /// Closes every worker's pipe (they exit) and waits for them. A file being read when it is
    /// called is read to its end first (a worker's input is never closed under its file); a file
    /// handed out after it is refused with an internal error.
    func shutdown() {
        lock.withLock { providing }?.value()
        let members = lock.withLock { () -> [Member] in
            closed = true
            lock.broadcast()
            while starting > 0 || idle.count < all.count { lock.wait() }
            let members = all
            all = []
            idle = []
            return members
        }
        for member in members { try? member.requests.close() }
        for member in members { member.stop() }
    }
}

extension WorkerProcess {
    /// The refusal for a worker that ended without a result, from how it ended and what it wrote
    /// on standard error.
    /// - Throws: ``EnvironmentFault`` when the worker could not write its result, or ended with a
    ///   status instead of a signal (the worker could not work at all).
    static func judge(_ process: Process, stderr: String, settings: WorkerProcess,
                      unusable: (String) -> EnvironmentFault) throws -> FileLoad {
        if process.terminationReason == .uncaughtSignal {
            let signal = Signal(rawValue: process.terminationStatus)
            if stderr.contains("failed to allocate") || signal == .kill {
                return .refused(category: "resource-limit", reason: "the reader ran out of memory (limit \(settings.memoryBytes >> 20) MiB)")
            }
            if signal == .cpuTimeExceeded {
                return .refused(category: "resource-limit", reason: "the reader used more than \(settings.cpuSeconds) s of CPU")
            }
            let first = stderr.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("error") }.map(String.init) ?? ""
            return .refused(category: "reader-crash", reason: "the reader stopped on signal \(signal) \(first)".trimmingCharacters(in: .whitespaces))
        }
        if process.terminationReason == .exit, process.terminationStatus == resultNotWritten {
            let line = stderr.split(separator: "\n").last { $0.contains("cannot write the result") }.map(String.init) ?? stderr
            throw unusable(line.components(separatedBy: "cannot write the result: ").last ?? line)
        }
        // Ended by a status, not a signal: no file does that to a worker (it answers a refusal for
        // whatever the file holds, and a trap, a limit or a crash is a signal). The worker itself
        // could not work: another version's command line, a library gone, a loader failure. Not
        // the file's fault, so the batch stops; it used to quarantine every file as reader-crash.
        let said = stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { ": \($0)" } ?? ""
        throw EnvironmentFault(folder: URL(fileURLWithPath: settings.executable).deletingLastPathComponent().path,
                               action: "run the worker \(settings.executable)",
                               cause: "it exited with status \(process.terminationStatus) before answering\(said)",
                               consequence: WorkerProcess.batchStopped + "; --in-process reads them without workers")
    }
}
