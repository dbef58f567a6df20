internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// Writes, flushes and renames that survive a power cut in the order the drop folder's protocol
/// needs (`reliability.md` 6.1): a file's bytes are flushed before a name points at them, and a
/// folder is flushed after a name in it was created, renamed or removed.
///
/// An `fsync` that fails is reported, never retried (PostgreSQL's lesson: after a failed write-back
/// the kernel may have dropped the dirty pages, and a second `fsync` can pass over the loss).
public enum Durable {
    /// The suffix of a file on its way into place: a durable write's temporary, or a copy across
    /// file systems. Always behind a leading dot; a stopped run can leave one, the next sweeps it.
    public static let partialSuffix = ".rbm-partial"

    /// Writes `bytes` to `path` so that `path` names either its old content or all of the new:
    /// a temporary beside it (`.<name>.<random>.rbm-partial`, created exclusively, mode 0666 less
    /// the umask), written and flushed, renamed over `path`, then the folder flushed. On a failure
    /// the temporary is removed and `path` is as it was.
    /// - Throws: ``SystemCallError`` (`open`, `write`, `fsync`, `rename`).
    public static func write<Bytes: Sequence>(_ bytes: Bytes, to path: String) throws where Bytes.Element == UInt8 {
        let target = FilePath(path)
        let folder = Self.folder(of: target)
        let (temporary, descriptor) = try createTemporary(beside: target, in: folder)
        do {
            _ = try SystemCallError.wrapping("write", temporary) { try descriptor.writeAll(bytes) }
            try sync(descriptor, temporary)
            try SystemCallError.wrapping("close", temporary) { try descriptor.close() }
        } catch {
            try? descriptor.close()
            _ = temporary.withPlatformString { unlink($0) }
            throw error
        }
        do {
            try renameItem(temporary, over: target)
        } catch {
            _ = temporary.withPlatformString { unlink($0) }
            throw error
        }
        try flush(folder)
    }

    /// `fsync` of a file's content (opened read-only for it).
    /// - Throws: ``SystemCallError`` (`open`, `fsync`).
    public static func flush(file path: String) throws {
        let file = FilePath(path)
        let descriptor = try SystemCallError.wrapping("open", file) {
            try FileDescriptor.open(file, .readOnly, options: [.closeOnExec])
        }
        defer { try? descriptor.close() }
        try sync(descriptor, file)
    }

    /// `fsync` of a folder, so that the names created, renamed or removed in it are on disk.
    /// - Throws: ``SystemCallError`` (`open` when the folder cannot be opened, `fsync`).
    public static func flush(folder path: String) throws {
        try flush(FilePath(path))
    }

    static func flush(_ folder: FilePath) throws {
        let descriptor = try SystemCallError.wrapping("open", folder) {
            try FileDescriptor.open(folder, .readOnly, options: [.directory, .closeOnExec])
        }
        defer { try? descriptor.close() }
        try sync(descriptor, folder)
    }

    /// `rename(2)`: atomic within one file system, and replaces `target` if there is one. Flushes
    /// nothing: the caller flushes the folders concerned.
    /// - Throws: ``SystemCallError`` (`rename`; kind ``ErrorKind/crossDevice`` across file systems).
    public static func rename(_ source: String, over target: String) throws {
        try renameItem(FilePath(source), over: FilePath(target))
    }

    /// The folder holding `path` (`.` for a bare name).
    static func folder(of path: FilePath) -> FilePath {
        let folder = path.removingLastComponent()
        return folder.isEmpty ? "." : folder
    }

    /// A new, empty temporary beside `target`, open for writing.
    private static func createTemporary(beside target: FilePath, in folder: FilePath) throws -> (FilePath, FileDescriptor) {
        // The target's name keeps a leftover recognisable; a name too long to take the suffix
        // (up to 255 bytes are allowed) gives way to a short one.
        let name = target.lastComponent.map { $0.string.utf8.count <= 200 ? $0.string : "rbm" } ?? "rbm"
        var attempt = 0
        while true {
            let random = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)
            let temporary = folder.appending("." + name + "." + random + partialSuffix)
            do {
                let descriptor = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                                                         permissions: [.ownerReadWrite, .groupReadWrite, .otherReadWrite])
                return (temporary, descriptor)
            } catch let error as Errno where error == .fileExists && attempt < 100 {
                attempt += 1
            } catch let error as Errno {
                throw SystemCallError(call: "open", path: temporary.description, code: error.rawValue)
            }
        }
    }

    /// Flushes `descriptor` to the device. On Darwin `fsync` only reaches the drive's cache;
    /// `F_FULLFSYNC` asks the drive to write it out (and falls back to `fsync` where the file
    /// system has no such request).
    private static func sync(_ descriptor: FileDescriptor, _ path: FilePath) throws {
        #if canImport(Darwin)
        if fcntl(descriptor.rawValue, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(descriptor.rawValue) == 0 else { throw SystemCallError.last("fsync", path.description) }
    }
}

/// `rename(2)` of two paths held as swift-system `FilePath`s (raw bytes kept as they are).
func renameItem(_ source: FilePath, over target: FilePath) throws {
    let status = source.withPlatformString { from in target.withPlatformString { to in rename(from, to) } }
    guard status == 0 else { throw SystemCallError.last("rename", target.description) }
}
