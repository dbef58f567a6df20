import Foundation
import Glibc

/// Writes that survive a power cut in the order the drop folder's protocol needs
/// (`reliability.md` 6.1): the bytes go to a temporary file beside the target and are flushed
/// with `fsync`, the file is renamed over the target (Foundation's atomic write does these three
/// here, which `DurableWriteTests` checks with strace), and then the folder is flushed so that the
/// rename itself is on disk. An `fsync` that fails is not retried: the error ends the run before
/// its commit point.
enum DurableFile {
    static func write(_ data: Data, to url: URL) throws {
        try data.write(to: url, options: .atomic)
        try flushFolder(url.deletingLastPathComponent())
    }

    /// `fsync` of a file's content.
    static func flush(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// `fsync` of a folder, so that the names created, renamed or removed in it are on disk.
    static func flushFolder(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PipelineError(file: url.path, "cannot open the folder: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw PipelineError(file: url.path, "cannot flush the folder: \(String(cString: strerror(errno)))") }
    }

    /// `rename(2)`: atomic, and replaces the target if there is one.
    static func rename(_ source: URL, over target: URL) throws {
        guard Glibc.rename(source.path, target.path) == 0 else {
            throw PipelineError(file: target.path, "cannot rename \(source.lastPathComponent) into place: \(String(cString: strerror(errno)))")
        }
    }
}
