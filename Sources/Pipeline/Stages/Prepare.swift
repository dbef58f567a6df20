import Crypto
import Foundation
import XLSXCore
import Normalise

/// What a run holds before it reads a file: its pipeline, folders, the drop folder's lock, the
/// scratch folder and the counter of durable steps.
final class RunSetup {
    let pipeline: PipelineFile
    let pipelinePath: String
    /// The pipeline file's name, for messages.
    let pipelineName: String
    let inbox: Inbox
    let output: URL
    let loader: WorkbookLoader
    let steps: DurableSteps
    /// Held for the run: one run at a time per drop folder (none for `--keep-inputs` runs).
    let lock: RunLock?
    /// The workers' results of this run (none in-process).
    let scratch: Scratch?
    /// The run's reused workers (none in-process); they exit when the run lets go of its setup.
    let pool: WorkerPool?
    /// The sweep of dead runs' scratch folders (``Scratch/sweepStale(in:halfMadeAge:)``), which
    /// lists the whole temporary folder: on a thread of its own, waited for when the run lets go
    /// of its setup, so no run ends in the middle of removing a folder.
    let sweep: Background<Void>?
    /// The pool's shutdown once the files are read (``retireWorkers()``), waited for when the run
    /// lets go of its setup.
    private var retiring: Background<Void>?
    /// The run's batch id: its start time and a random suffix (`2026-12-05T173000Z-ab12`), the name
    /// of its folders in `processing/`, `archive/` and `quarantine/`, recorded in the manifest.
    let batch: String
    /// `processing/<batch>/`: where the run's claimed inputs lie until they are filed away.
    var processing: URL { inbox.processing.appendingPathComponent(batch) }
    /// The SHA-256 (hex) of the pipeline file, for the manifest and the history (read once, when
    /// first asked: before the outputs are written).
    private(set) lazy var pipelineSHA256: String = {
        let data = FileManager.default.contents(atPath: pipelinePath) ?? Data()
        return HexText.lowercase(SHA256.hash(data: data))
    }()

    init(pipeline: PipelineFile, pipelinePath: String, inbox: Inbox, output: URL, steps: DurableSteps, lock: RunLock?, scratch: Scratch?,
         pool: WorkerPool?, loader: WorkbookLoader, sweep: Background<Void>?) {
        self.sweep = sweep
        self.pipeline = pipeline
        self.pipelinePath = pipelinePath
        pipelineName = URL(fileURLWithPath: pipelinePath).lastPathComponent
        self.inbox = inbox
        self.output = output
        self.loader = loader
        self.steps = steps
        self.lock = lock
        self.scratch = scratch
        batch = Self.batchID(startedAt: Date())
        self.pool = pool
    }

    deinit {
        retiring?.value()
        pool?.shutdown()
        sweep?.value()
    }

    /// Stops the workers on a thread of their own once every file is read (the new ones and the
    /// current ones `select` reads again from the archive): the rest of the run does not wait for
    /// them to exit, and their memory goes back meanwhile (issue 11). The pool refuses a file
    /// handed to it after this with an internal error (``WorkerPool/shutdown()``).
    func retireWorkers() {
        guard let pool, retiring == nil else { return }
        retiring = Background { pool.shutdown() }
    }

    /// `2026-12-05T173000Z-ab12`: UTC start time to the second, then 4 random hex digits, so batch
    /// folders sort in the order their runs started and two runs in one second never share one.
    static func batchID(startedAt date: Date) -> String {
        UTCText.compactDateTime(date.timeIntervalSince1970) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

extension BatchRun {
    /// Starts the workers, loads the pipeline file, checks the folders, takes the drop folder's
    /// lock, sweeps what a stopped run left. Nothing is read or moved yet.
    func prepare() throws -> RunSetup {
        options.trace.mark(.runStarted)
        // Workers' results go to a scratch folder of this run; those of runs that died are swept.
        // The workers start first, before the pipeline file is read: their start overlaps the
        // rest of the preparation and the discovery (issue 11). A run that stops below lets go
        // of them (their input closes and they exit) and of the scratch folder.
        let temporary = options.temporaryFolder ?? FileManager.default.temporaryDirectory
        var scratch: Scratch?, pool: WorkerPool?, sweep: Background<Void>?
        do {
            scratch = try options.worker.map { _ in try Scratch(in: temporary) }
            pool = zip(options.worker, scratch).map { WorkerPool(settings: $0, pipelinePath: options.pipelinePath, scratch: $1.folder) }
            pool?.spawn()
            if pool != nil { options.trace.mark(.workersSpawning) }
            ShippedDefaults.prefetch()
            let pipeline = try PipelineFile.load(path: options.pipelinePath)
            let loader = pipeline.workbookLoader
            options.trace.mark(.pipelineFileRead)
            pool?.provide(loader)
            let root = URL(fileURLWithPath: options.pipelinePath).deletingLastPathComponent().deletingLastPathComponent()
            func resolve(_ path: String) -> URL {
                path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL
            }
            let inboxURL = options.inbox.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? resolve(pipeline.inbox)
            let outURL = options.output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? resolve(pipeline.output)
            try Self.checkFolders(inbox: inboxURL, output: outURL, pipelineName: URL(fileURLWithPath: options.pipelinePath).lastPathComponent)
            // Only a run that files inputs away needs the folder to itself (and a writable place for the lock).
            let lock = options.keepInputs ? nil : try RunLock(besideInbox: inboxURL)
            let steps = DurableSteps(crashAt: options.faults.crashAt)
            let inbox = Inbox(folder: inboxURL, steps: steps)
            // What stopped runs left: in the drop folder, and their scratch folders in $TMPDIR (on a
            // thread of its own). Only once the lock is held: a run refused for it changes nothing.
            if lock != nil { inbox.sweepDebris(outputs: outURL) }
            sweep = Background { _ = Scratch.sweepStale(in: temporary) }
            options.trace.mark(.prepared)
            return RunSetup(pipeline: pipeline, pipelinePath: options.pipelinePath, inbox: inbox, output: outURL, steps: steps, lock: lock,
                            scratch: scratch, pool: pool, loader: loader, sweep: sweep)
        } catch {
            // The workers stopped and the settings written before the scratch folder goes.
            pool?.shutdown()
            pool = nil
            scratch = nil
            sweep?.value()
            throw error
        }
    }

    /// A run that cannot take files in or put results out says so before reading anything.
    static func checkFolders(inbox: URL, output: URL, pipelineName: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError(file: inbox.path, "the inbox folder does not exist (set inbox: in \(pipelineName) or pass --inbox)")
        }
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(file: output.path, "cannot create the output folder: \(error.localizedDescription)")
        }
    }
}
