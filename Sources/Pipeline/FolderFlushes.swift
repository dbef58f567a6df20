import Foundation

/// The folders a run of renames changed, each to be flushed once after the last of them
/// (`reliability.md` 6.1: the batch's moves, then `fsync(archive/B, quarantine/B, processing/B)`).
/// A rename is on disk once its folder is flushed; flushing each folder once after many renames
/// into or out of it makes them all durable at the same cost as one.
struct FolderFlushes {
    /// In the order first changed; each once.
    private(set) var folders: [URL] = []

    /// Notes that a name in `folder` was created, renamed or removed.
    mutating func add(_ folder: URL) {
        let folder = folder.standardizedFileURL
        if !folders.contains(folder) { folders.append(folder) }
    }

    /// `fsync` of each folder noted, in order; then none is pending.
    /// - Throws: `PipelineError` naming the folder that could not be flushed.
    mutating func flush() throws {
        for folder in folders { try DurableFile.flushFolder(folder) }
        folders = []
    }
}
