import Foundation
import SystemIO

/// The drop folder: which files are ready, and where each one ends up.
///
/// Layout beside the inbox: `processing/<batch>/` (the files a run has claimed, by `rename(2)`,
/// until it has filed them away), `archive/<batch>/` (accepted and superseded files) and
/// `quarantine/<batch>/` (refused files, each with `<file>.reason.txt`). A file leaves
/// `processing/` only after the run's manifest is written (docs/manifest.md, "The drop folder").
struct Inbox {
    let folder: URL
    /// Counts the moves and reasons written, for a planned crash (`FaultPlan`).
    var steps: DurableSteps = .uncounted
    var archive: URL { folder.deletingLastPathComponent().appendingPathComponent("archive") }
    var quarantine: URL { folder.deletingLastPathComponent().appendingPathComponent("quarantine") }
    /// `processing/`: one folder per batch claimed and not yet filed away.
    var processing: URL { folder.deletingLastPathComponent().appendingPathComponent("processing") }

    /// Claims `file` for the batch whose folder is `batch` (`processing/<batch>/`): renamed there,
    /// under its own name or, when that is taken, `name (2).xlsx`, …; both folders are left in
    /// `flushes`, to be flushed once after the batch's last claim. Within one file system that is
    /// one `rename(2)`; across file systems the durable copy of ``DurableFile/move(_:to:steps:)``.
    func claim(_ file: URL, into batch: URL, flushes: inout FolderFlushes) throws -> URL {
        try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
        let target = unique(batch.appendingPathComponent(file.lastPathComponent))
        steps.step()
        try DurableFile.move(file, to: target, steps: steps, flushes: &flushes)
        return target
    }

    /// What discovery found: files ready to take, files still being written or open in an editor
    /// (left for the next run), and entries that are not regular files (refused unopened).
    struct Discovery {
        var ready: [URL]
        var unsettled: [URL]
        /// Entries refused without being opened: not regular files, and editors' lock files left
        /// behind (no workbook beside them, untouched for `lockGrace`).
        var notFiles: [(url: URL, reason: String)] = []
        /// Names that were not UTF-8, as they were renamed in place (bad bytes as `%XX`).
        var renamed: [String] = []
    }

    /// How long an editor's lock file without its workbook is left alone before it is quarantined.
    static let lockGrace: TimeInterval = 3600

    /// When a file counts as completely written (`reliability.md` 6.2, Camel's `readLock=changed`
    /// with `readLockMinAge`, NiFi's "Minimum File Age"): its size and modification time unchanged
    /// over two looks at least `interval` apart, and at the second look at least `minimumAge` old.
    /// A file appended to every 0.6 s is never that old, so it is never taken half-written.
    struct Stability: Sendable {
        var interval: TimeInterval
        var minimumAge: TimeInterval
        /// The catalogue's rule: two looks 2 s apart, five seconds untouched.
        static let catalogue = Stability(interval: 2, minimumAge: 5)
    }

    /// Files ready to take: regular, not hidden, not an editor's lock or a partial upload (`~$…`,
    /// `.~lock.…#`, `*.tmp`, `*.part`, `*.crdownload`), not open in an editor (its lock file is
    /// beside it), and complete by `rule`. When every candidate is already older than the minimum
    /// age at the first look, its time itself shows it has not changed for longer than the looks
    /// would span, and discovery does not wait; otherwise it waits until the youngest could be old
    /// enough (at least `interval`) and looks again: files that changed, are still too young, or
    /// carry a time in the future wait for the next run. An empty file is taken (and quarantined as
    /// empty) only when it was already old enough at the first look. A symbolic link, FIFO, socket, device or folder is never
    /// opened: it is refused (`reliability.md` A.12). Sorted by name.
    func discover(rule: Stability = .catalogue) throws -> Discovery {
        let renamed = FileNames.repairNames(in: folder.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var notFiles: [(url: URL, reason: String)] = []
        let present = Set(names)
        let candidates: [URL] = names.sorted().compactMap { name in
            if Self.isLock(name) {
                let url = folder.appendingPathComponent(name)
                if Self.isOrphanLock(name, beside: present), let stamp = Self.stamp(url), Date().timeIntervalSince(stamp.modified) > Self.lockGrace {
                    notFiles.append((url, "an editor's lock file left behind (no workbook beside it for over an hour)"))
                }
                return nil
            }
            if name.hasPrefix(".") { return nil }
            if Self.isPartial(name) { return nil }
            let url = folder.appendingPathComponent(name)
            // lstat: a symbolic link is not followed, the entry itself is judged.
            let type = (try? FileStatus(ofEntry: url.path))?.kind
            guard type == .regular else {
                notFiles.append((url, "not a regular file (\(Self.kind(type))); it was not opened"))
                return nil
            }
            return url
        }
        let firstLook = Date()
        let first = candidates.map { Self.stamp($0) }
        // How long until the youngest file could be old enough (nil stamps and future times count as new).
        let untilOldEnough = first.map { stamp in rule.minimumAge - (stamp.map { firstLook.timeIntervalSince($0.modified) } ?? 0) }.max() ?? 0
        let waited = untilOldEnough > 0
        if waited { Thread.sleep(forTimeInterval: min(max(rule.interval, untilOldEnough), rule.minimumAge + rule.interval) + 0.05) }
        let secondLook = Date()
        var discovery = Discovery(ready: [], unsettled: [], notFiles: notFiles, renamed: renamed)
        for (url, stamp) in zip(candidates, first) {
            let now = waited ? Self.stamp(url) : stamp
            let age = now.map { secondLook.timeIntervalSince($0.modified) } ?? -1
            if Self.isOpenInEditor(url.lastPathComponent, beside: present) {
                discovery.unsettled.append(url)   // open in Excel or LibreOffice: maybe not saved yet
            } else if stamp == nil || now != stamp || age < rule.minimumAge {
                discovery.unsettled.append(url)   // still being written, or not untouched for long enough yet
            } else if let stamp, stamp.size == 0, firstLook.timeIntervalSince(stamp.modified) < rule.minimumAge {
                discovery.unsettled.append(url)   // created but not written yet: an upload about to start
            } else {
                discovery.ready.append(url)
            }
        }
        return discovery
    }

    /// Whether an editor's lock file sits beside `name`: LibreOffice's `.~lock.<name>#`, or Excel's
    /// `~$<name>` (Word-style owner files drop the first one or two characters of the name, so
    /// those are matched too). A workbook open in an editor may not be saved yet.
    static func isOpenInEditor(_ name: String, beside names: Set<String>) -> Bool {
        if names.contains(".~lock.\(name)#") { return true }
        return (0...2).contains { names.contains("~$" + name.dropFirst($0)) }
    }

    /// A partial upload or a quarantine side file (reason, worker's standard error): never a submission.
    static func isPartial(_ name: String) -> Bool {
        [".tmp", ".part", ".crdownload", ".reason.txt", ".stderr.txt"].contains { name.lowercased().hasSuffix($0) }
    }

    static func isLock(_ name: String) -> Bool { name.hasPrefix("~$") || (name.hasPrefix(".~lock.") && name.hasSuffix("#")) }

    /// A lock file no workbook in the folder answers to.
    static func isOrphanLock(_ lock: String, beside names: Set<String>) -> Bool {
        !names.contains { !isLock($0) && isOpenInEditor($0, beside: [lock]) }
    }

    private static func kind(_ type: FileStatus.Kind?) -> String {
        switch type {
        case .symbolicLink?: "a symbolic link"
        case .directory?: "a folder"
        case .socket?: "a socket"
        case .characterDevice?, .blockDevice?: "a device"
        default: "a FIFO or other special file"
        }
    }

    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    private static func stamp(_ url: URL) -> Stamp? {
        guard let status = try? FileStatus(ofEntry: url.path) else { return nil }
        return Stamp(size: status.size, modified: status.modifiedDate)
    }

    /// The place an accepted file takes in `archive/<batch>/` (never an earlier one's); `taken`
    /// holds the names already given to other files of the batch not yet moved.
    func archiveTarget(_ file: URL, batch: String, taken: inout Set<String>) throws -> URL {
        let archive = archive.appendingPathComponent(batch)
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        return place(file, in: archive, taken: &taken)
    }

    /// Moves an accepted file to its place in `archive/<batch>/` (``archiveTarget(_:batch:taken:)``),
    /// its folders left in `flushes`. A workbook that becomes current is recorded so before it
    /// moves: a run stopped between the two then leaves a record of a file still in
    /// `processing/<batch>/`, which the next run files away, rather than an archived file nobody
    /// knows as current.
    func archive(_ file: URL, to target: URL, flushes: inout FolderFlushes) throws {
        steps.step()
        try move(file, to: target, flushes: &flushes)
    }

    /// The name `file` takes in `folder`: its own (fitted), or the name it already has there when a
    /// run stopped after copying it across file systems but before removing it from the inbox
    /// (same name, same bytes: filed once, not twice), else a unique one; neither one of `taken`.
    private func place(_ file: URL, in folder: URL, taken: inout Set<String>) -> URL {
        let fitted = folder.appendingPathComponent(FileNames.fitting(file.lastPathComponent))
        let target = !taken.contains(fitted.path) && DurableFile.sameContent(file, fitted) ? fitted : unique(fitted, taken: taken)
        taken.insert(target.path)
        return target
    }

    /// Moves `file` to `target`, or, when `target` already holds the same bytes, removes `file`;
    /// the folders concerned are left in `flushes`.
    private func move(_ file: URL, to target: URL, flushes: inout FolderFlushes) throws {
        if FileManager.default.fileExists(atPath: target.path), DurableFile.sameContent(file, target) {
            try FileManager.default.removeItem(at: file)
            flushes.add(file.deletingLastPathComponent())
        } else {
            try DurableFile.move(file, to: target, steps: steps, flushes: &flushes)
        }
    }

    /// Removes what a run stopped half-way can leave where rbm writes: temporaries of durable writes
    /// (`.dat.nosync…` from older versions, `.<name>.<random>.rbm-partial`), copies not yet in place across file systems
    /// (`.<name>.rbm-partial`) in `archive/`, `quarantine/` and `outputs`, and unpublished output
    /// sets (`.staging-…`) in `outputs`; in the batch folders of `archive/`, `quarantine/` and
    /// `processing/` too; and a first history not yet renamed into place (`.history-<batch>.sqlite`
    /// and its `-wal`, beside `archive/`).
    func sweepDebris(outputs: URL) {
        var folders = [archive, quarantine, outputs]
        for parent in [archive, quarantine, processing] { folders += Self.batchFolders(in: parent) }
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasPrefix(".dat.nosync") || (name.hasPrefix(".") && name.hasSuffix(DurableFile.partialSuffix))
                || (folder == outputs && name.hasPrefix(".staging-")) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        // A first history that a stopped run had not renamed into place (``RecordAhead``).
        let drop = archive.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: drop.path)) ?? [] where name.hasPrefix(RecordAhead.freshPrefix) {
            try? FileManager.default.removeItem(at: drop.appendingPathComponent(name))
        }
    }

    /// The batch folders in `parent` (`archive/`, `quarantine/`, `processing/`), sorted by name:
    /// batch ids begin with their run's start time, so that is the order the batches ran in.
    static func batchFolders(in parent: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { parent.appendingPathComponent($0) }.filter { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
        }
    }

    /// The side file that keeps a crashed worker's standard error beside the quarantined `name`.
    static func stderrName(of name: String) -> String { name + ".stderr.txt" }

    /// The place a refused file takes in `quarantine/<batch>/`; `taken` as for ``archiveTarget(_:batch:taken:)``.
    func quarantineTarget(_ file: URL, batch: String, taken: inout Set<String>) throws -> URL {
        let quarantine = quarantine.appendingPathComponent(batch)
        try FileManager.default.createDirectory(at: quarantine, withIntermediateDirectories: true)
        return place(file, in: quarantine, taken: &taken)
    }

    /// Writes the reason first (and, for a file whose worker crashed or was stopped, its standard
    /// error as `<file>.stderr.txt`, named in the reason file), then moves the file to its place in
    /// `quarantine/<batch>/` (``quarantineTarget(_:batch:taken:)``), its folders left in `flushes`.
    /// Each side file is written durably (temporary name, flush, rename, folder flushed) before the
    /// file moves, so a quarantined file never lacks its reason.
    func quarantine(_ file: URL, to target: URL, reason: String, stderr: String? = nil, flushes: inout FolderFlushes) throws {
        let quarantine = target.deletingLastPathComponent()
        var text = FileNames.display(reason) + "\n"
        if let stderr {
            let side = Self.stderrName(of: target.lastPathComponent)
            steps.step()
            try DurableFile.write(Data(stderr.utf8), to: quarantine.appendingPathComponent(side))
            text += "The worker's standard error (its last \(WorkerProcess.keptErrorBytes >> 10) KiB) is kept beside this file: \(FileNames.display(side))\n"
        }
        steps.step()
        try DurableFile.write(Data(text.utf8), to: URL(fileURLWithPath: target.path + ".reason.txt"))
        steps.step()
        try move(file, to: target, flushes: &flushes)
    }

    /// `name.xlsx`, else `name (2).xlsx`, … so nothing already filed (nor a name of `taken`) is replaced.
    private func unique(_ url: URL, taken: Set<String> = []) -> URL {
        func free(_ url: URL) -> Bool { !taken.contains(url.path) && !FileManager.default.fileExists(atPath: url.path) }
        guard !free(url) else { return url }
        let base = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
        for n in 2... {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("\(base) (\(n))" + (ext.isEmpty ? "" : ".\(ext)"))
            if free(candidate) { return candidate }
        }
        return url
    }
}
