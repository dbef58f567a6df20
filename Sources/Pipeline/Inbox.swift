import Foundation

/// The drop folder: which files are ready, and where each one ends up.
///
/// Layout beside the inbox: `archive/` (accepted and superseded files) and `quarantine/` (refused
/// files, each with `<file>.reason.txt`). A file is moved only after the run's manifest is written.
struct Inbox {
    let folder: URL
    var archive: URL { folder.deletingLastPathComponent().appendingPathComponent("archive") }
    var quarantine: URL { folder.deletingLastPathComponent().appendingPathComponent("quarantine") }

    /// What discovery found: files ready to take, and files still being written (left for the next run).
    struct Discovery {
        var ready: [URL]
        var unsettled: [URL]
    }

    /// Files ready to take: regular, not hidden, not an editor's lock or a partial upload (`~$…`,
    /// `*.tmp`, `*.part`, `*.crdownload`), and complete: a file changed in the last `settle`
    /// seconds is watched for `watch` seconds and taken only if its size and time did not move
    /// (and it is not empty). Sorted by name.
    func discover(settle: TimeInterval = 5, watch: TimeInterval = 0.5) throws -> Discovery {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let candidates: [URL] = names.sorted().compactMap { name in
            if name.hasPrefix(".") || name.hasPrefix("~$") { return nil }
            if [".tmp", ".part", ".crdownload", ".reason.txt"].contains(where: { name.lowercased().hasSuffix($0) }) { return nil }
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return url
        }
        let now = Date()
        let first = candidates.map { Self.stamp($0) }
        let young = zip(candidates, first).map { _, stamp in stamp.map { now.timeIntervalSince($0.modified) < settle } ?? true }
        if young.contains(true), watch > 0 { Thread.sleep(forTimeInterval: watch) }
        var discovery = Discovery(ready: [], unsettled: [])
        for (index, (url, stamp)) in zip(candidates, first).enumerated() {
            if young[index], stamp == nil || Self.stamp(url) != stamp || stamp?.size == 0 {
                discovery.unsettled.append(url)
            } else {
                discovery.ready.append(url)
            }
        }
        return discovery
    }

    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    private static func stamp(_ url: URL) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue, let modified = attributes[.modificationDate] as? Date else { return nil }
        return Stamp(size: size, modified: modified)
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
