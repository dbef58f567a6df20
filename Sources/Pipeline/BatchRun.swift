import Crypto
import Foundation
import Normalise
import Reconcile
import Reports
import Results
import XLSXReader

/// One consolidation run: discover → read → normalise → reconcile → write → file away.
public struct BatchRun {
    public struct Options {
        public var pipelinePath: String
        public var inbox: String?
        public var output: String?
        /// Leave inputs where they are (the demo runs on a copy anyway; tests may want this).
        public var keepInputs = false
        /// Where each file is parsed: in a worker process (the command line's default), or in this
        /// process (library use and tests).
        public var worker: WorkerProcess?
        /// Where the run's scratch folder goes (workers' results): `$TMPDIR` unless set.
        var temporaryFolder: URL?
        /// Fault injection for tests: fail as a full disk would, half-way through writing the outputs.
        var failWhileWriting = false
        /// Fault injection for tests: rendering this output throws this error, as a content problem
        /// in that output would (a layout estimate out of range).
        var failRendering: (output: String, error: any Error)?

        public init(pipelinePath: String, inbox: String? = nil, output: String? = nil, keepInputs: Bool = false, worker: WorkerProcess? = nil) {
            self.pipelinePath = pipelinePath
            self.inbox = inbox
            self.output = output
            self.keepInputs = keepInputs
            self.worker = worker
        }
    }

    /// What the run produced, for the summary and the exit code.
    public struct Report {
        public var findings: [Finding]
        public var manifest: Manifest
        public var outputFolder: String
        public var model: ResultsModel
        /// Outputs that could not be rendered (name → error); the others were written. `rbm run`
        /// exits with 2 when there is one.
        public var failedOutputs: [String: String] { manifest.failedOutputs ?? [:] }

        /// `rbm run`'s exit status: 2 when an output could not be written (the run did not do its
        /// whole job, whatever it found), else 1 when a finding has one of `failing`'s severities, else 0.
        public func exitStatus(failingOn failing: Set<Severity>) -> Int32 {
            if !failedOutputs.isEmpty { return 2 }
            return findings.contains { failing.contains($0.severity) } ? 1 : 0
        }
    }

    public static let version = "0.1.0"
    let options: Options

    public init(options: Options) { self.options = options }

    public func run() throws -> Report {
        var clock = StageClock()
        let pipeline = try PipelineFile.load(path: options.pipelinePath)
        let root = URL(fileURLWithPath: options.pipelinePath).deletingLastPathComponent().deletingLastPathComponent()
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL
        }
        let inboxURL = options.inbox.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? resolve(pipeline.inbox)
        let outURL = options.output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? resolve(pipeline.output)
        let pipelineName = URL(fileURLWithPath: options.pipelinePath).lastPathComponent
        try Self.checkFolders(inbox: inboxURL, output: outURL, pipelineName: pipelineName)
        // Only a run that files inputs away needs the folder to itself (and a writable place for the lock).
        let lock = options.keepInputs ? nil : try RunLock(besideInbox: inboxURL)
        defer { withExtendedLifetime(lock) {} }
        let inbox = Inbox(folder: inboxURL)
        if lock != nil { inbox.sweepDebris(outputs: outURL) }   // what a stopped run left (only while no run can be writing)
        let loader = pipeline.workbookLoader
        // Workers' results go to a scratch folder of this run; those of runs that died are swept.
        let temporary = options.temporaryFolder ?? FileManager.default.temporaryDirectory
        Scratch.sweepStale(in: temporary)
        let scratch = try options.worker.map { _ in try Scratch(in: temporary) }
        defer { withExtendedLifetime(scratch) {} }

        // Discover: only files that are complete; one still being written waits for the next run.
        let discovery = try inbox.discover()
        let files = discovery.ready
        clock.lap("discover")

        // Read and normalise, one file at a time; a bad file never stops the batch.
        var model = ResultsModel()
        for name in discovery.renamed {
            model.notes.append(Note(.renamedFile, source: SourceRef(file: "inbox"), "'\(name)' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"))
        }
        var inputs: [Manifest.InputFile] = []
        var loaded: [(URL, ResultsModel)] = []
        func load(_ url: URL, fate: String) throws -> Manifest.InputFile {
            let (hash, size) = Self.sha256(of: url)
            var entry = Manifest.InputFile(file: url.lastPathComponent, sha256: hash, size: size, fate: fate, sheets: [])
            let outcome = if let worker = options.worker, let scratch {
                try worker.load(path: url.path, pipelinePath: options.pipelinePath, scratch: scratch.folder)
            } else {
                FileLoad.perform(path: url.path, loader: loader, pipelineName: pipelineName)
            }
            switch outcome {
            case .loaded(let part):
                let submission = part.submissions.first
                entry.kind = submission?.kind.rawValue
                entry.bureau = submission?.bureau?.rawValue
                entry.sheets = submission?.sheets ?? []
                loaded.append((url, part))
            case .refused(let category, let reason):
                entry.fate = "quarantined"
                entry.reason = "\(category): \(reason)"
            }
            return entry
        }
        // Symbolic links, FIFOs, folders…: refused without being opened (a FIFO would block a read).
        let notFiles = Dictionary(discovery.notFiles.map { ($0.url.lastPathComponent, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for url in (files + discovery.notFiles.map(\.url)).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            guard let reason = notFiles[url.lastPathComponent] else {
                inputs.append(try load(url, fate: "archived"))
                continue
            }
            inputs.append(Manifest.InputFile(file: url.lastPathComponent, sha256: "", size: 0, fate: "quarantined",
                                             reason: "not-a-workbook: \(url.lastPathComponent): \(reason)", sheets: []))
        }
        // The same bytes under two names (a double download, a copy renamed): say so.
        let arrivals = inputs.filter { !$0.sha256.isEmpty }
        for group in Dictionary(grouping: arrivals, by: \.sha256).values where group.count > 1 {
            let names = group.map { "'\($0.file)'" }.sorted().joined(separator: ", ")
            model.notes.append(Note(.duplicateContent, source: SourceRef(file: "inbox"), "\(names) have the same content (SHA-256 \(group[0].sha256.prefix(12))…); one is enough"))
        }
        // The current workbook of each kind and bureau, from earlier runs (recovered, loudly, if its
        // record is damaged: an archived file's name tells its kind and bureau).
        let recorded = CurrentSubmissions.load(from: inbox.archive) { name in
            guard let source = loader.source(forFile: name) else { return nil }
            let bureau = loader.bureau(fromFileName: name, source: source)
            if source.kind == .operationalPlan, bureau == nil { return nil }
            return CurrentSubmissions.key(kind: source.kind.rawValue, bureau: bureau?.rawValue)
        }
        var current = recorded.current
        if let warning = recorded.warning { model.notes.append(warning) }
        // Within the batch, a later version supersedes an earlier one of the same kind and bureau;
        // across runs the same rule holds: an arrival older than its slot's current workbook
        // (accepted in an earlier run) is archived as superseded on arrival and the current one stays.
        var kept = Self.supersede(loaded.map(\.0), models: loaded.map(\.1), marking: &inputs)
        kept.removeAll { i in
            let (url, part) = loaded[i]
            let key = CurrentSubmissions.key(kind: part.submissions.first?.kind.rawValue, bureau: part.submissions.first?.bureau?.rawValue)
            guard let newer = LateArrival.newerCurrent(than: url, key: key, current: current, archive: inbox.archive),
                  let index = inputs.firstIndex(where: { $0.file == url.lastPathComponent }) else { return false }
            inputs[index].fate = "superseded"
            inputs[index].reason = "superseded on arrival by archive/\(newer), the current \(key) workbook since an earlier run (this one is an earlier version)"
            model.notes.append(Note(.earlierVersion, source: SourceRef(file: "inbox"),
                                    "'\(url.lastPathComponent)' is an earlier version than '\(newer)', the current \(key) workbook accepted in an earlier run; it was archived as superseded and '\(newer)' stays current"))
            return true
        }
        // Every kind and bureau that sent nothing new keeps the workbook accepted in an earlier run.
        let arrived = Set(kept.map { i in
            CurrentSubmissions.key(kind: loaded[i].1.submissions.first?.kind.rawValue, bureau: loaded[i].1.submissions.first?.bureau?.rawValue)
        })
        let fromArchive = loaded.count
        for (key, name) in current.files.sorted(by: { $0.key < $1.key }) where !arrived.contains(key) {
            let url = inbox.archive.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            var entry = try load(url, fate: "current")
            if entry.fate == "current" { entry.reason = "accepted in an earlier run (archive/\(name))" } else {
                entry.fate = "current-unreadable"
            }
            inputs.append(entry)
        }
        for i in kept + Array(fromArchive..<loaded.count) { model.merge(loaded[i].1) }
        for input in inputs where input.fate == "quarantined" || input.fate == "current-unreadable" {
            let source = loader.source(forFile: input.file)
            model.missed.append(MissedWorkbook(file: input.file, reason: input.reason ?? "", kind: source?.kind,
                                               bureau: source.flatMap { loader.bureau(fromFileName: input.file, source: $0) }))
        }
        clock.lap("read+normalise")

        // Reconcile.
        let settings = pipeline.reconcileSettings
        let outcome = Reconciler(settings: settings).reconcile(model)
        let findings = outcome.findings
        model.notes += outcome.notes
        clock.lap("reconcile")

        // The run's date is the newest workbook read: the same inputs give byte-identical outputs.
        let newestInput = loaded.compactMap { (try? FileManager.default.attributesOfItem(atPath: $0.0.path))?[.modificationDate] as? Date }.max()
        let failedOutputs = try writeOutputs(findings: findings, model: model, outcome: outcome, years: settings.years, pipeline: pipeline,
                                             newestInput: newestInput, to: outURL)
        clock.lap("write")

        let pipelineData = FileManager.default.contents(atPath: options.pipelinePath) ?? Data()
        var byRule: [String: [String: Int]] = [:]
        var bySeverity: [String: Int] = [:]
        for f in findings {
            byRule[f.rule.rawValue, default: [:]][f.severity.rawValue, default: 0] += 1
            bySeverity[f.severity.rawValue, default: 0] += 1
        }
        var manifest = Manifest(
            rbmVersion: Self.version, pipeline: URL(fileURLWithPath: options.pipelinePath).lastPathComponent,
            pipelineSHA256: SHA256.hash(data: pipelineData).map { String(format: "%02x", $0) }.joined(),
            tolerances: Dictionary(uniqueKeysWithValues: Tolerances.keys.map { ($0.name, settings.tolerances[$0].plainText) }),
            rules: ["costRecoveryOverrun": settings.costRecoveryOverrun.rawValue],
            startedAt: ISO8601DateFormatter().string(from: clock.start), inputs: inputs,
            leftInInbox: discovery.unsettled.map(\.lastPathComponent), findings: byRule, findingsBySeverity: bySeverity,
            rootCauses: findings.filter { $0.causedBy.isEmpty }.count, notes: model.notes.map(\.manifestLine), stages: clock.stages,
            outputs: ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "consolidated.xlsx", "manifest.json"].filter { failedOutputs[$0] == nil },
            failedOutputs: failedOutputs.isEmpty ? nil : failedOutputs)
        do { try writeManifest(manifest, to: outURL) } catch {
            throw EnvironmentFault(folder: outURL, action: "write manifest.json (the run's commit point)", error: error, consequence: Self.nothingMoved)
        }

        // File away, only after the manifest (the commit point) is on disk.
        if !options.keepInputs {
            do { try Self.fileAway(inputs, inbox: inbox, current: &current) } catch {
                throw EnvironmentFault(folder: inboxURL.deletingLastPathComponent(), action: "file the inputs away into archive/ and quarantine/",
                                       error: error, consequence: "the outputs and manifest.json are written; the inputs not yet filed stay in the inbox and the next run takes them again")
            }
        }
        clock.lap("file away")
        manifest.stages = clock.stages
        do { try writeManifest(manifest, to: outURL) } catch {
            throw EnvironmentFault(folder: outURL, action: "rewrite manifest.json with the time of filing away", error: error,
                                   consequence: "the inputs are filed away; the manifest written before filing them stands")
        }
        return Report(findings: findings, manifest: manifest, outputFolder: outURL.path, model: model)
    }

    /// The SHA-256 (hex) and size of a file, read in 1 MiB pieces so a large upload costs no memory.
    static func sha256(of url: URL) -> (String, Int) {
        var hasher = SHA256()
        var size = 0
        if let handle = try? FileHandle(forReadingFrom: url) {
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                size += chunk.count
            }
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    /// A run that cannot take files in or put results out says so before reading anything.
    private static func checkFolders(inbox: URL, output: URL, pipelineName: String) throws {
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

    /// A resubmission supersedes the earlier workbook of the same kind and bureau (`Resubmission`:
    /// the higher `_vN`, else the later modified, else the later name); the superseded one is
    /// marked in `inputs` (archived but not reconciled). Returns the indexes of the workbooks kept.
    private static func supersede(_ urls: [URL], models: [ResultsModel], marking inputs: inout [Manifest.InputFile]) -> [Int] {
        func mark(_ url: URL, by other: URL) {
            guard let i = inputs.firstIndex(where: { $0.file == url.lastPathComponent }) else { return }
            inputs[i].fate = "superseded"
            inputs[i].reason = "superseded by \(other.lastPathComponent)"
        }
        var latest: [String: Int] = [:]
        for (i, model) in models.enumerated() {
            let key = "\(model.submissions.first?.kind.rawValue ?? "")/\(model.submissions.first?.bureau?.rawValue ?? "")"
            guard let previous = latest[key] else {
                latest[key] = i
                continue
            }
            if Resubmission.isEarlier(urls[i], than: urls[previous]) {
                mark(urls[i], by: urls[previous])
            } else {
                mark(urls[previous], by: urls[i])
                latest[key] = i
            }
        }
        return latest.values.sorted()
    }

    /// Writes every output into a staging folder, then publishes them together: an I/O failure
    /// (a full disk) leaves the previous set whole and ends the run. A content problem in one output
    /// (an error its renderer throws) costs that output only: the others are published, the stale
    /// previous copy of the failed one is withdrawn so the set never mixes runs, and the failure is
    /// returned (output name → error) for the manifest and the exit code.
    private func writeOutputs(findings: [Finding], model: ResultsModel, outcome: Reconciler.Outcome, years: [Int],
                              pipeline: PipelineFile, newestInput: Date?, to folder: URL) throws -> [String: String] {
        let staging: OutputStaging
        do { staging = try OutputStaging(outputFolder: folder) } catch {
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
        let outputs: [(name: String, render: (URL) throws -> Void)] = [
            ("discrepancies.csv", { try self.write(DiscrepancyCSV.render(findings), to: $0) }),
            ("discrepancies.jsonl", { try self.write(DiscrepancyJSONL.render(findings), to: $0) }),
            ("discrepancies.html", { url in
                if self.options.failWhileWriting { throw CocoaError(.fileWriteOutOfSpace) }
                try self.write(DiscrepancyHTML.render(findings, title: pipeline.name), to: url)
            }),
            ("consolidated.xlsx", { url in
                CrashPoints.step()
                var workbook = pipeline.consolidatedWorkbook
                workbook.runDate = newestInput
                workbook.version = Self.version
                try workbook.write(model: model, findings: findings, bureauTotals: outcome.bureauTotals, years: years, to: url.path)
                try DurableFile.flush(url)
            }),
        ]
        var failed: [String: String] = [:]
        do {
            for output in outputs {
                do {
                    if let fault = options.failRendering, fault.output == output.name { throw fault.error }
                    try output.render(staging.path(output.name))
                } catch where !EnvironmentFault.isEnvironmental(error) {
                    failed[output.name] = "\(error)"
                    try? FileManager.default.removeItem(at: staging.path(output.name))
                }
            }
            try staging.publish(outputs.map(\.name).filter { failed[$0] == nil }, withdrawing: failed.keys.sorted())
        } catch {
            staging.discard()
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
        return failed
    }

    static let nothingMoved = "the previous outputs are left as they were and no input was moved (the next run takes them again)"

    /// Moves each archived, superseded or quarantined input out of the inbox. An archived workbook
    /// is recorded as current before it moves: a run stopped half-way leaves no archived workbook
    /// that the next run would not know as current.
    private static func fileAway(_ inputs: [Manifest.InputFile], inbox: Inbox, current: inout CurrentSubmissions) throws {
        for input in inputs where input.fate == "archived" || input.fate == "superseded" || input.fate == "quarantined" {
            let url = inbox.folder.appendingPathComponent(input.file)
            if input.fate == "quarantined" {
                _ = try inbox.quarantine(url, reason: input.reason ?? "refused")
                continue
            }
            _ = try inbox.archive(url) { target in
                guard input.fate == "archived" else { return }
                current.files[CurrentSubmissions.key(kind: input.kind, bureau: input.bureau)] = target.lastPathComponent
                CrashPoints.step()
                try current.save(to: inbox.archive)
            }
        }
        CrashPoints.step()
        try current.save(to: inbox.archive)
    }

    private func writeManifest(_ manifest: Manifest, to folder: URL) throws {
        CrashPoints.step()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DurableFile.write(encoder.encode(manifest), to: folder.appendingPathComponent("manifest.json"))
    }

    /// Writes through a flushed temporary file and a rename, so a reader never sees half a file.
    private func write(_ text: String, to url: URL) throws {
        CrashPoints.step()
        try DurableFile.write(Data(text.utf8), to: url)
    }
}

/// Times each stage of a run.
struct StageClock {
    let start = Date()
    private var last = Date()
    private(set) var stages: [String: Double] = [:]

    mutating func lap(_ name: String) {
        let now = Date()
        stages[name] = (now.timeIntervalSince(last) * 1000).rounded() / 1000
        last = now
    }
}
