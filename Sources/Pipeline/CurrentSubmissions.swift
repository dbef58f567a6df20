import Foundation
import Results

/// `archive/current.json`: the accepted workbook that is current for each kind and bureau.
///
/// A run consolidates the current set: the files that arrived in the inbox, plus, for every kind
/// and bureau that sent nothing new, the file accepted in an earlier run. A resubmission replaces
/// the entry of its kind and bureau; the workbook it supersedes stays in `archive/`.
///
/// Losing it would silently forget every earlier submission (issue 11: a truncated file was reset
/// and six bureaus became "missing"), so it is written through a temporary file and a rename, the
/// previous good version is kept as `current.json.prev`, and an unreadable one is recovered — from
/// the previous version and the archive's own files — with a warning, never reset in silence.
struct CurrentSubmissions: Codable {
    /// Each slot (`RF`, `FP`, `RR`, `OP/<bureau>` in the file) → the workbook's path relative to
    /// `archive/`: `<batch>/<file>` (`2026-12-05T173000Z-ab12/OP_BR_v3.xlsx`), or a bare file name
    /// in `archive/` itself as versions before batch folders wrote it (still read as such).
    var files: [SubmissionSlot: String] = [:]

    static let name = "current.json"
    static let previousName = "current.json.prev"

    init(files: [SubmissionSlot: String] = [:]) {
        self.files = files
    }

    private enum CodingKeys: String, CodingKey { case files }

    /// `{"files": {"OP/BR": "<batch>/OP_BR_v3.xlsx", …}}`; a key that names no slot makes the file
    /// unreadable, and so recovered with a warning (`load`), never half read.
    init(from decoder: Decoder) throws {
        let texts = try decoder.container(keyedBy: CodingKeys.self).decode([String: String].self, forKey: .files)
        for (text, file) in texts {
            guard let slot = SubmissionSlot(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.files], debugDescription: "'\(text)' is not a submission slot"))
            }
            files[slot] = file
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: files.map { ($0.key.description, $0.value) }), forKey: .files)
    }

    /// The current set recorded in `archive`. No `current.json` means a fresh start. One that
    /// cannot be read is recovered: `current.json.prev`, then every archived workbook whose slot
    /// `slot` tells from its name, the later version (`Resubmission`) winning; the warning says so.
    /// - Parameter slot: the slot of an archived file from its name, or nil when the name does not tell.
    static func load(from archive: URL, slot: (String) -> SubmissionSlot?) -> (current: CurrentSubmissions, warning: Note?) {
        let url = archive.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return (CurrentSubmissions(), nil) }
        let problem: String
        do {
            return (try JSONDecoder().decode(CurrentSubmissions.self, from: Data(contentsOf: url)), nil)
        } catch is DecodingError {
            problem = "it is truncated or not valid JSON"
        } catch {
            problem = EnvironmentFault.cause(of: error)
        }
        let previous = (try? Data(contentsOf: archive.appendingPathComponent(previousName)))
            .flatMap { try? JSONDecoder().decode(CurrentSubmissions.self, from: $0) }
        var recovered = previous ?? CurrentSubmissions()
        var unplaced: [String] = []
        for file in archivedFiles(in: archive) {
            guard let key = slot(Resubmission.arrivalName(ofArchived: URL(fileURLWithPath: file).lastPathComponent)) else {
                unplaced.append(file)
                continue
            }
            let candidate = archive.appendingPathComponent(file)
            if let held = recovered.files[key], held != file, FileManager.default.fileExists(atPath: archive.appendingPathComponent(held).path),
               !Resubmission.isEarlier(archive.appendingPathComponent(held), than: candidate,
                                       arrivedAs: Resubmission.arrivalName(ofArchived: URL(fileURLWithPath: file).lastPathComponent)) {
                continue
            }
            recovered.files[key] = file
        }
        let list = recovered.files.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
        var warning = "archive/\(name) could not be read (\(problem)); the current workbooks were recovered from "
            + (previous == nil ? "" : "\(previousName) and ") + "the archive's files: " + (list.isEmpty ? "none" : list)
        if !unplaced.isEmpty { warning += "; not placed (the name does not tell the kind or bureau): " + unplaced.joined(separator: ", ") }
        warning += ". Check them: the file is written afresh when this run files its inputs away"
        // The sentence names the file itself (`archive/current.json could not be read …`).
        return (recovered, Note(.currentSetRecovered, source: nil, warning))
    }

    /// The workbooks in `archive/`, as paths relative to it: those of older versions in the folder
    /// itself, then those of each batch folder (`<batch>/<file>`), batches in the order they ran.
    static func archivedFiles(in archive: URL) -> [String] {
        func files(_ folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { !$0.hasPrefix(".") && !$0.hasPrefix(name) && !$0.hasSuffix(".reason.txt") }.sorted()
                .filter { file in
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path, isDirectory: &isFolder) && !isFolder.boolValue
                }
        }
        return files(archive) + Inbox.batchFolders(in: archive).flatMap { batch in files(batch).map { batch.lastPathComponent + "/" + $0 } }
    }

    /// Writes the set (temporary file, flush, rename), first keeping the version it replaces as
    /// `current.json.prev` when that one is readable and different. A file already holding these
    /// bytes is not written again; its folder is flushed, so that its name is on disk all the same.
    func save(to archive: URL) throws {
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(self)
        let url = archive.appendingPathComponent(Self.name)
        let old = try? Data(contentsOf: url)
        if old == data {
            try DurableFile.flushFolder(archive)
            return
        }
        if let old, (try? JSONDecoder().decode(CurrentSubmissions.self, from: old)) != nil {
            try DurableFile.write(old, to: archive.appendingPathComponent(Self.previousName))
        }
        try DurableFile.write(data, to: url)
    }
}
