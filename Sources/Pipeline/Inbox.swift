import Foundation

/// The drop folder: which files are ready, and where each one ends up.
///
/// Layout beside the inbox: `archive/` (accepted and superseded files) and `quarantine/` (refused
/// files, each with `<file>.reason.txt`). A file is moved only after the run's manifest is written.
struct Inbox {
    let folder: URL
    var archive: URL { folder.deletingLastPathComponent().appendingPathComponent("archive") }
    var quarantine: URL { folder.deletingLastPathComponent().appendingPathComponent("quarantine") }

    /// Files ready to take: regular, non-empty-named, not hidden, not an editor's lock or partial
    /// upload (`~$…`, `*.tmp`, `*.part`, `*.crdownload`), sorted by name.
    func discover() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.sorted().compactMap { name in
            if name.hasPrefix(".") || name.hasPrefix("~$") { return nil }
            if [".tmp", ".part", ".crdownload", ".reason.txt"].contains(where: { name.lowercased().hasSuffix($0) }) { return nil }
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return url
        }
    }

    /// Moves an accepted file to `archive/`, never overwriting an earlier one.
    func archive(_ file: URL) throws -> URL { try move(file, to: archive) }

    /// Writes the reason first, then moves the file to `quarantine/`.
    func quarantine(_ file: URL, reason: String) throws -> URL {
        try FileManager.default.createDirectory(at: quarantine, withIntermediateDirectories: true)
        let target = unique(quarantine.appendingPathComponent(file.lastPathComponent))
        try Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: target.path + ".reason.txt"), options: .atomic)
        try FileManager.default.moveItem(at: file, to: target)
        return target
    }

    private func move(_ file: URL, to folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = unique(folder.appendingPathComponent(file.lastPathComponent))
        try FileManager.default.moveItem(at: file, to: target)
        return target
    }

    /// `name.xlsx`, else `name (2).xlsx`, … so nothing already filed is replaced.
    private func unique(_ url: URL) -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else { return url }
        let base = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
        for n in 2... {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("\(base) (\(n))" + (ext.isEmpty ? "" : ".\(ext)"))
            if !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return url
    }
}
