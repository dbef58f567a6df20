import Crypto
import Foundation
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
    /// Reads and normalises each settled file, one at a time (in a worker process by default); a
    /// bad file is refused with its reason and never stops the batch. Entries that are not regular
    /// files are refused unopened.
    func load(_ discovery: Inbox.Discovery, _ setup: RunSetup) throws -> Arrivals {
        var arrivals = Arrivals()
        for name in discovery.renamed {
            arrivals.notes.append(Note(.renamedFile, source: SourceRef(file: "inbox"),
                                       "'\(name)' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"))
        }
        // Symbolic links, FIFOs, folders…: refused without being opened (a FIFO would block a read).
        let notFiles = Dictionary(discovery.notFiles.map { ($0.url.lastPathComponent, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for url in (discovery.ready + discovery.notFiles.map(\.url)).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            guard let reason = notFiles[url.lastPathComponent] else {
                let (entry, part) = try loadFile(url, as: .archived, setup)
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

    /// One file read and normalised: its manifest entry (fate `fate`, or quarantined with the
    /// reason) and its partial model when it loaded.
    func loadFile(_ url: URL, as fate: Fate, _ setup: RunSetup) throws -> (Intake, ResultsModel?) {
        let (hash, size) = Self.sha256(of: url)
        var entry = Intake(file: url.lastPathComponent, sha256: hash, size: size, fate: fate)
        let outcome = if let worker = options.worker, let scratch = setup.scratch {
            try worker.load(path: url.path, pipelinePath: setup.pipelinePath, scratch: scratch.folder)
        } else {
            FileLoad.perform(path: url.path, loader: setup.loader, pipelineName: setup.pipelineName)
        }
        switch outcome {
        case .loaded(let part):
            let submission = part.submissions.first
            entry.kind = submission?.kind
            entry.bureau = submission?.bureau
            entry.sheets = submission?.sheets ?? []
            return (entry, part)
        case .refused(let category, let reason):
            entry.fate = .quarantined
            entry.reason = "\(category): \(reason)"
            return (entry, nil)
        }
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
}
