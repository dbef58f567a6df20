internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// An exclusive `flock(2)` on a file, held from `init` until ``unlock()`` or the lock's end.
///
/// `flock` locks belong to the open file description, so the kernel drops one when its process
/// dies, however it dies: a killed run never leaves a stale lock (a PID file would). Two locks on
/// one file conflict even within one process, as long as each opened the file itself.
public final class FileLock {
    /// The locked file.
    public let path: String
    private var descriptor: FileDescriptor?

    /// Opens `path` for reading and writing and locks it without waiting.
    /// - Parameters:
    ///   - create: create the file (with `permissions`, less the umask) when it is missing.
    ///   - followingSymlinks: `false` refuses a symbolic link in the last component (`O_NOFOLLOW`).
    /// - Returns: `nil` when another open file description holds a lock on the file.
    /// - Throws: ``SystemCallError`` (`open` when the file cannot be opened or created, `flock`).
    public init?(exclusive path: String, create: Bool = true, permissions: Int = 0o644, followingSymlinks: Bool = true) throws {
        self.path = path
        let file = FilePath(path)
        var options: FileDescriptor.OpenOptions = [.closeOnExec]
        if create { options.insert(.create) }
        if !followingSymlinks { options.insert(.noFollow) }
        let opened = try SystemCallError.wrapping("open", file) {
            try FileDescriptor.open(file, .readWrite, options: options,
                                    permissions: create ? FilePermissions(rawValue: CInterop.Mode(permissions)) : nil)
        }
        guard flock(opened.rawValue, LOCK_EX | LOCK_NB) == 0 else {
            let error = SystemCallError.last("flock", path)
            try? opened.close()
            if error.kind == .wouldBlock { return nil }
            throw error
        }
        descriptor = opened
    }

    /// Releases the lock and closes the file; does nothing the second time.
    public func unlock() {
        guard let descriptor else { return }
        self.descriptor = nil
        _ = flock(descriptor.rawValue, LOCK_UN)
        try? descriptor.close()
    }

    deinit { unlock() }
}
