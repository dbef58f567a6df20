import Foundation
import SystemIO

/// Writes that survive a power cut in the order the drop folder's protocol needs
/// (`reliability.md` 6.1), on URLs and with rbm's error texts; the system calls are
/// `SystemIO.Durable`'s. The bytes go to a temporary file beside the target and are flushed with
/// `fsync`, the file is renamed over the target, and then the folder is flushed so that the rename
/// itself is on disk (`DurableWriteTests` checks the order with strace). An `fsync` that fails is
/// not retried: the error ends the run before its commit point.
enum DurableFile {
    /// - Throws: ``SystemCallError`` (its `reason` is the cause an ``EnvironmentFault`` names).
    static func write(_ data: Data, to url: URL) throws {
        try Durable.write(data, to: url.path)
    }

    /// A text's UTF-8, written from the string's own storage rather than a copy of it (the page
    /// and the log run to megabytes; issue 11).
    static func write(_ text: String, to url: URL) throws {
        try Durable.write(text.utf8, to: url.path)
    }

    /// Bytes made for a file (the page), written as they are.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Durable.write(bytes, to: url.path)
    }

    /// `fsync` of a file's content.
    static func flush(_ url: URL) throws {
        try Durable.flush(file: url.path)
    }

    /// `fsync` of a folder, so that the names created, renamed or removed in it are on disk.
    static func flushFolder(_ url: URL) throws {
        do {
            try Durable.flush(folder: url.path)
        } catch let error as SystemCallError {
            throw PipelineError(file: url.path, "\(error.call == "open" ? "cannot open the folder" : "cannot flush the folder"): \(error.reason)")
        }
    }

    /// The suffix of a durable write's temporary, or of a copy on its way into place across file
    /// systems (swept at start-up).
    static let partialSuffix = Durable.partialSuffix

    /// Moves `source` to `target` (a name not taken) so that `target` only ever names the whole
    /// file (`reliability.md` 6.1). Within one file system that is `rename(2)`. Across file systems
    /// (`EXDEV`: `archive/` on another disk) it is a copy under a hidden temporary name beside the
    /// target, given the source's modification time (resubmissions are ordered by it), flushed,
    /// renamed into place, and only then the source removed: a run killed half-way leaves a
    /// temporary that the next run sweeps, never a truncated file under the final name.
    static func move(_ source: URL, to target: URL, steps: DurableSteps = .uncounted) throws {
        var flushes = FolderFlushes()
        try move(source, to: target, steps: steps, flushes: &flushes)
        try flushes.flush()
    }

    /// ``move(_:to:steps:)`` whose last folder flushes are left in `flushes`: the caller flushes
    /// them, once per folder, after its last move (`reliability.md` 6.1). Within one file system
    /// that is the rename alone; across file systems the target's folder is still flushed before
    /// the source is removed.
    static func move(_ source: URL, to target: URL, steps: DurableSteps = .uncounted, flushes: inout FolderFlushes) throws {
        let targetFolder = target.deletingLastPathComponent(), sourceFolder = source.deletingLastPathComponent()
        do {
            try Durable.rename(source.path, over: target.path)
            flushes.add(targetFolder)
            flushes.add(sourceFolder)
            return
        } catch let error as SystemCallError where error.call == "rename" {
            guard error.kind == .crossDevice else {
                throw PipelineError(file: target.path, "cannot move \(source.lastPathComponent) here: \(error.reason)")
            }
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: source.path)
        if attributes[.type] as? FileAttributeType == .typeRegular {
            let partial = targetFolder.appendingPathComponent("." + target.lastPathComponent + partialSuffix)
            try? FileManager.default.removeItem(at: partial)
            try FileManager.default.copyItem(at: source, to: partial)
            if let modified = attributes[.modificationDate] as? Date {
                try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: partial.path)
            }
            try flush(partial)
            steps.step()
            try rename(partial, over: target)
            try flushFolder(targetFolder)
            steps.step()
            try FileManager.default.removeItem(at: source)
        } else {
            try FileManager.default.moveItem(at: source, to: target)   // a link or folder refused unopened: no bytes to lose
            try flushFolder(targetFolder)
        }
        flushes.add(sourceFolder)
    }

    /// Whether two files hold the same bytes (compared in 1 MiB pieces).
    static func sameContent(_ a: URL, _ b: URL) -> Bool {
        guard let sizeA = (try? FileManager.default.attributesOfItem(atPath: a.path))?[.size] as? NSNumber,
              let sizeB = (try? FileManager.default.attributesOfItem(atPath: b.path))?[.size] as? NSNumber, sizeA == sizeB,
              let handleA = FileHandle(forReadingAtPath: a.path), let handleB = FileHandle(forReadingAtPath: b.path) else { return false }
        defer { try? handleA.close(); try? handleB.close() }
        while true {
            let pieceA = (try? handleA.read(upToCount: 1 << 20)) ?? nil, pieceB = (try? handleB.read(upToCount: 1 << 20)) ?? nil
            guard pieceA == pieceB else { return false }
            if pieceA?.isEmpty ?? true { return true }
        }
    }

    /// `rename(2)`: atomic, and replaces the target if there is one.
    static func rename(_ source: URL, over target: URL) throws {
        do {
            try Durable.rename(source.path, over: target.path)
        } catch let error as SystemCallError {
            throw PipelineError(file: target.path, "cannot rename \(source.lastPathComponent) into place: \(error.reason)")
        }
    }
}
