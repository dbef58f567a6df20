import Crypto
import Foundation
import SystemIO
import Normalise
import Results

/// What reading the inbox gave: an entry per file (its hash, size, kind, bureau, fate so far) and
/// the partial model of each file that loaded, and what the run noticed about the arrivals.
struct Arrivals {
    var inputs: [Intake] = []
    var loaded: [(url: URL, part: ResultsModel)] = []
    var notes: [Note] = []
}

extension BatchRun {
    /// Reads and normalises each settled file (in worker processes by default); a bad file is
    /// refused with its reason and never stops the batch. Entries that are not regular files are
    /// refused unopened. A file while whose reading a run stopped before is read by itself after
    /// the others, and one with two such stops is refused unread (``ReadingAttempts``).
    func load(_ discovery: Inbox.Discovery, _ attempts: ReadingAttempts, _ setup: RunSetup) throws -> Arrivals {
        var arrivals = Arrivals()
        for name in discovery.renamed {
            arrivals.notes.append(Note(.renamedFile, source: SourceRef(file: "inbox"),
                                       "'\(name)' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"))
        }
        // Symbolic links, FIFOs, folders…: refused without being opened (a FIFO would block a read).
        let notFiles = Dictionary(discovery.notFiles.map { ($0.url.lastPathComponent, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let all = (discovery.ready + discovery.notFiles.map(\.url)).sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
        // With workers, the files are read on every core at once; entries keep the sorted order.
        let files = all.filter { notFiles[$0.lastPathComponent] == nil }
        var read = try loadAll(files.filter { attempts.stops(of: $0.lastPathComponent).isEmpty }, setup)
        for url in files where attempts.readAlone(url.lastPathComponent) {
            let stops = attempts.stops(of: url.lastPathComponent)
            do {
                try ReadingAttempts.markAlone(url.lastPathComponent, in: setup.processing, steps: setup.steps)
            } catch {
                throw EnvironmentFault(folder: setup.processing, action: "record that \(url.lastPathComponent) is read by itself (\(ReadingAttempts.aloneName))",
                                       error: error, consequence: Self.nothingMoved)
            }
            read[url] = try readArrival(url, setup)
            arrivals.notes.append(Note(.stoppedWhileReading, source: SourceRef(file: url.lastPathComponent),
                                       "the run of batch \(stops.joined(separator: ", ")) stopped while reading it; it was read by itself this time, after the others"))
        }
        for url in files where attempts.refused(url.lastPathComponent) {
            read[url] = try refuseUnread(url, stops: attempts.stops(of: url.lastPathComponent))
        }
        if !options.keepInputs, !files.isEmpty { ReadingAttempts.markRead(in: setup.processing) }
        for url in all {
            guard let reason = notFiles[url.lastPathComponent] else {
                let (entry, part) = read[url]!
                arrivals.inputs.append(entry)
                if let part { arrivals.loaded.append((url, part)) }
                continue
            }
            arrivals.inputs.append(Intake(file: url.lastPathComponent, sha256: "", size: 0, fate: .quarantined,
                                                      reason: "not-a-workbook: \(url.lastPathComponent): \(reason)"))
        }
        // The same bytes under two names (a double download, a copy renamed): say so.
        let hashed = arrivals.inputs.filter { !$0.sha256.isEmpty }
        for group in Dictionary(grouping: hashed, by: \.sha256).values where group.count > 1 {
            let names = group.map { "'\($0.file)'" }.sorted().joined(separator: ", ")
            arrivals.notes.append(Note(.duplicateContent, source: SourceRef(file: "inbox"),
                                       "\(names) have the same content (SHA-256 \(group[0].sha256.prefix(12))…); one is enough"))
        }
        return arrivals
    }

    /// An arrival read and normalised (``loadFile(_:as:_:)``), unless the run's faults stop it here.
    /// - Parameter turn: the pooled worker held for it (``WorkerPool/reserve()``), if any.
    func readArrival(_ url: URL, _ setup: RunSetup, turn: WorkerPool.Turn? = nil) throws -> (Intake, ResultsModel?) {
        options.faults.beginReading(url.lastPathComponent)
        return try loadFile(url, as: .archived, setup, turn: turn)
    }

    /// A file two runs stopped while reading: its manifest entry, quarantined unread.
    func refuseUnread(_ url: URL, stops: [String]) throws -> (Intake, ResultsModel?) {
        let (hash, size) = try Self.hashed(url)
        var entry = Intake(file: url.lastPathComponent, sha256: hash, size: size, fate: .quarantined)
        entry.source = url
        entry.reason = "reader-crash: the runs of batches \(stops.joined(separator: " and ")) stopped while reading this file, the second time while it was read by itself, "
            + "as a crash of the reader or the machine running out of memory would stop them; it was not read a third time. "
            + "If those runs were stopped for another reason, drop the file into the inbox again"
        return (entry, nil)
    }

    /// The threads an in-process run reads its files on: one per core.
    static var loadingThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Each file read and normalised (``loadFile(_:as:_:)``), several at once. With workers, by
    /// one thread more than the pool has workers, so that while a thread hashes its next file and
    /// decodes a worker's result, the worker it just gave back already reads the next file (the
    /// pool never runs more than its size); each thread holds a worker before it takes a file, so
    /// the largest files go first to the workers. In-process, by one thread per core (the loader's
    /// memos are shared and locked; each file's reading is its own). An environment fault stops
    /// the reading and is thrown.
    func loadAll(_ files: [URL], _ setup: RunSetup) throws -> [URL: (Intake, ResultsModel?)] {
        let threadCount = min(files.count, setup.pool.map { $0.size > 1 ? $0.size + 1 : 1 } ?? Self.loadingThreads)
        guard threadCount > 1 else {
            var read: [URL: (Intake, ResultsModel?)] = [:]
            for url in files { read[url] = try readArrival(url, setup) }
            return read
        }
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var read: [URL: (Intake, ResultsModel?)] = [:]
            var fault: Error?
        }
        struct Unchecked<T>: @unchecked Sendable { let value: T }
        // The largest files first: the threads then finish together rather than one waiting on the
        // other's last big file (files are handed out in this order; entries keep theirs).
        let sizes = files.map(Self.size(of:))
        let order = files.indices.sorted { sizes[$0] > sizes[$1] }
        let shared = Shared(), run = Unchecked(value: (self, setup))
        let threads = DispatchGroup()
        for _ in 0..<threadCount {
            threads.enter()
            Thread.detachNewThread {
                defer { threads.leave() }
                let (batch, setup) = run.value
                while true {
                    // With workers, a worker first and then the next file: the files go to the
                    // workers in the order handed out, not in the order their threads woke.
                    let turn: WorkerPool.Turn?
                    do { turn = try setup.pool?.reserve() } catch {
                        shared.lock.withLock { if shared.fault == nil { shared.fault = error } }
                        return
                    }
                    defer { if let turn { setup.pool?.cancel(turn) } }
                    let index: Int? = shared.lock.withLock {
                        guard shared.fault == nil, shared.next < files.count else { return nil }
                        defer { shared.next += 1 }
                        return order[shared.next]
                    }
                    guard let index else { return }
                    do {
                        let outcome = try batch.readArrival(files[index], setup, turn: turn)
                        shared.lock.withLock { shared.read[files[index]] = outcome }
                    } catch {
                        shared.lock.withLock { if shared.fault == nil { shared.fault = error } }
                    }
                }
            }
        }
        threads.wait()
        if let fault = shared.fault { throw fault }
        return shared.read
    }

    /// One file read and normalised: its manifest entry (fate `fate`, or quarantined with the
    /// reason) and its partial model when it loaded.
    /// - Throws: ``EnvironmentFault`` when this process cannot read the file's bytes (EIO, EACCES,
    ///   the file gone from `processing/`) or a worker will not start: the machine's fault, so no
    ///   file is quarantined for it (`reliability.md` 1.3, `io-error`). A file whose bytes read
    ///   here but that the reader refuses is the file's fault, whatever the reader calls it.
    func loadFile(_ url: URL, as fate: Fate, _ setup: RunSetup, turn: WorkerPool.Turn? = nil) throws -> (Intake, ResultsModel?) {
        let (hash, size) = try Self.hashed(url)
        var entry = Intake(file: url.lastPathComponent, sha256: hash, size: size, fate: fate)
        entry.source = url
        options.trace.mark(.fileStarted, file: url.path)
        defer { options.trace.mark(.fileReceived, file: url.path) }
        let read: (load: FileLoad, stderr: String?)
        if let pool = setup.pool {
            read = try pool.load(path: url.path, turn: turn)
        } else {
            read = (FileLoad.perform(path: url.path, loader: setup.loader, pipelineName: setup.pipelineName), nil)
        }
        switch read.load {
        case .loaded(let part):
            let submission = part.submissions.first
            entry.kind = submission?.kind
            entry.bureau = submission?.bureau
            entry.sheets = submission?.sheets ?? []
            return (entry, part)
        case .refused(let category, let reason):
            entry.fate = .quarantined
            entry.reason = "\(category): \(reason)"
            entry.stderr = read.stderr
            return (entry, nil)
        }
    }

    /// ``sha256(of:)`` of a claimed file; a file this process cannot read is the machine's fault.
    /// - Throws: ``EnvironmentFault`` (EIO, EACCES, the file gone from `processing/`).
    static func hashed(_ url: URL) throws -> (String, Int) {
        do {
            return try sha256(of: url)
        } catch {
            throw EnvironmentFault(folder: url.deletingLastPathComponent(), action: "read \(url.lastPathComponent)", error: error,
                                   consequence: nothingMoved)
        }
    }

    /// The size of a file on disk, 0 when it cannot be read.
    static func size(of url: URL) -> Int {
        (try? FileStatus(ofEntry: url.path).size) ?? 0
    }

    /// The SHA-256 (hex) and size of a file, read in 1 MiB pieces so a large upload costs no memory.
    /// - Throws: the error of opening or reading it (it used to give the hash of what was read
    ///   before the error, or of nothing, and a size of 0).
    static func sha256(of url: URL) throws -> (String, Int) {
        var hasher = SHA256()
        var size = 0
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (HexText.lowercase(hasher.finalize()), size)
    }
}
