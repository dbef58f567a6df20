import Foundation

/// `archive/current.json`: the accepted workbook that is current for each kind and bureau.
///
/// A run consolidates the current set: the files that arrived in the inbox, plus, for every kind
/// and bureau that sent nothing new, the file accepted in an earlier run. A resubmission replaces
/// the entry of its kind and bureau; the workbook it supersedes stays in `archive/`.
struct CurrentSubmissions: Codable {
    /// `RF`, `FP`, `RR` or `OP/<bureau>` → file name inside `archive/`.
    var files: [String: String] = [:]

    static func key(kind: String?, bureau: String?) -> String {
        [kind ?? "?", bureau].compactMap { $0 }.joined(separator: "/")
    }

    static func load(from archive: URL) -> CurrentSubmissions {
        guard let data = try? Data(contentsOf: archive.appendingPathComponent("current.json")),
              let current = try? JSONDecoder().decode(CurrentSubmissions.self, from: data) else { return CurrentSubmissions() }
        return current
    }

    func save(to archive: URL) throws {
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try DurableFile.write(encoder.encode(self), to: archive.appendingPathComponent("current.json"))
    }
}
