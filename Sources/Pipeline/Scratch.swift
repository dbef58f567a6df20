import Foundation
import SystemIO

/// The run's scratch folder in the temporary folder (`$TMPDIR/rbm-run-<id>/`), where workers write
/// their results. The run holds an exclusive `flock` on `.owner` inside it for its whole life; the
/// kernel drops the lock when the process dies, however it dies, so a later run tells a folder
/// whose run is gone (lock free) from one in use and sweeps it (issue 11: after 357 kills, 357
/// folders were left behind).
///
/// Created before any file is read, and checked by writing to it: a temporary folder that is full
/// or not writable is the machine's fault, not the inputs', so the run stops there
/// (``EnvironmentFault``) instead of quarantining every good input as a reader crash.
final class Scratch {
    static let prefix = "rbm-run-"
    let folder: URL
    private let owner: FileLock

    init(in temporary: URL) throws {
        let id = Self.prefix + UUID().uuidString
        folder = temporary.appendingPathComponent(id)
        // Made under a hidden name and locked before it takes its sweepable name, so that no
        // sweeping run can ever find it unlocked.
        let hidden = temporary.appendingPathComponent("." + id)
        let fault = { (cause: String) in
            EnvironmentFault(folder: temporary.path, action: "use the temporary folder ($TMPDIR) for the workers' results", cause: cause,
                             consequence: "nothing was read or moved; free space there or set TMPDIR to another folder, then run again")
        }
        do {
            try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        } catch {
            throw fault(EnvironmentFault.cause(of: error))
        }
        do {
            let path = hidden.appendingPathComponent(".owner").path
            // A fresh folder's lock is free; finding it held is as wrong as failing to take it.
            guard let taken = try FileLock(exclusive: path, permissions: 0o600) else {
                throw PipelineError(file: path, "the lock of a folder just made is held by another process")
            }
            try Durable.rename(hidden.path, over: folder.path)
            owner = taken
        } catch {
            try? FileManager.default.removeItem(at: hidden)
            throw fault(EnvironmentFault.cause(of: error))
        }
        // A full file system still lets a folder and an empty file be created: write and flush
        // a page, as a worker's result will.
        let probe = folder.appendingPathComponent(".probe")
        do {
            try DurableFile.write(Data(repeating: 0x20, count: 4096), to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            owner.unlock()
            try? FileManager.default.removeItem(at: folder)
            throw fault(EnvironmentFault.cause(of: error))
        }
    }

    deinit {
        Self.dismantle(folder)
        owner.unlock()
    }

    /// Removes a scratch folder (its lock still held): back under its hidden name first, then
    /// removed with `remove`. A run killed half-way through the removal (`.owner` gone, the folder
    /// not yet) then leaves a half-made folder, which a later run sweeps, never a visible one
    /// without `.owner`, which none would (the kill harness, seed 2047: an empty `rbm-run-<id>/`).
    static func dismantle(_ folder: URL, remove: (URL) throws -> Void = { try FileManager.default.removeItem(at: $0) }) {
        let hidden = folder.deletingLastPathComponent().appendingPathComponent("." + folder.lastPathComponent)
        let doomed = (try? Durable.rename(folder.path, over: hidden.path)) != nil ? hidden : folder
        try? remove(doomed)
    }

    /// Removes the scratch folders in `temporary` whose run is gone (their `.owner` lock is free);
    /// returns their names. Folders without `.owner` (not rbm's, or from before it kept one) are
    /// left alone.
    ///
    /// A run killed while making its folder leaves it under its hidden name (`.rbm-run-<id>`, with or
    /// without `.owner`), which no later run would ever take for a live one's: such a folder is
    /// swept once it is older than `halfMadeAge` (a live run renames it within microseconds) and its
    /// lock, if any, is free (the kill harness, docs/reliability.md).
    @discardableResult
    static func sweepStale(in temporary: URL, halfMadeAge: TimeInterval = 60) -> [String] {
        // `$TMPDIR` may hold thousands of other programs' entries: only names with rbm's prefix
        // (as bytes, hidden or not) are made into texts.
        let hidden = Array(("." + prefix).utf8), visible = Array(prefix.utf8)
        let names = ((try? DirectoryEntries.names(in: temporary.path)) ?? [])
            .filter { $0.starts(with: visible) || $0.starts(with: hidden) }
            .compactMap { String(validating: $0, as: UTF8.self) }
        let halfMade = names.filter { $0.hasPrefix("." + prefix) }.sorted().filter { name in
            let folder = temporary.appendingPathComponent(name)
            guard let status = try? FileStatus(ofEntry: folder.path), status.kind == .directory,
                  Date().timeIntervalSince(status.modifiedDate) > halfMadeAge else { return false }
            let owner = folder.appendingPathComponent(".owner").path
            if FileManager.default.fileExists(atPath: owner) {
                guard let lock = try? FileLock(exclusive: owner, create: false, followingSymlinks: false) else { return false }
                defer { lock.unlock() }
                return (try? FileManager.default.removeItem(at: folder)) != nil
            }
            return (try? FileManager.default.removeItem(at: folder)) != nil
        }
        return halfMade + names.filter { $0.hasPrefix(prefix) }.sorted().filter { name in
            let owner = temporary.appendingPathComponent(name).appendingPathComponent(".owner").path
            // No `.owner` (or a link in its place): not a folder rbm can judge. Held: its run is alive.
            guard let lock = try? FileLock(exclusive: owner, create: false, followingSymlinks: false) else { return false }
            defer { lock.unlock() }   // held until the folder is gone
            return (try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))) != nil
        }
    }
}

extension Scratch {
    /// Writes a file of the scratch folder (the workers' settings, a worker's result) in place,
    /// without a temporary name and without flushing it to the disk (``ScratchFile``): the run
    /// reads a result only once its worker said it was written, and the settings only once they are
    /// named to the workers, so no reader meets a half-written file; and a machine that stops loses
    /// the scratch folder anyway.
    static func write(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { try ScratchFile.write($0, to: url.path) }
    }
}
