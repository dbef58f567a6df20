#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// What `lstat(2)` says of a folder's entry (a symbolic link is judged itself, not followed): its
/// kind, size and last modification.
///
/// Foundation's `attributesOfItem` says the same and more: it also looks the owner and the group
/// up by name, reading `/etc/passwd` and `/etc/group` at every call, which a run did 46 times on
/// its one thread (issue 11). Where only these three are needed, this asks the system alone.
public struct FileStatus: Sendable {
    public enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, fifo, socket, characterDevice, blockDevice, unknown
    }

    public var kind: Kind
    /// Bytes.
    public var size: Int
    /// The last modification, in seconds since 1970-01-01 00:00 UTC (to the nanosecond the file
    /// system keeps).
    public var modified: (seconds: Int, nanoseconds: Int)

    /// The status of the entry at `path`.
    /// - Throws: ``SystemCallError`` (`lstat`: ENOENT for an entry that is not there).
    public init(ofEntry path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw SystemCallError.last("lstat", path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        default: kind = .unknown
        }
        size = Int(status.st_size)
        #if canImport(Glibc)
        modified = (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
        #else
        modified = (Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec))
        #endif
    }

    /// The last modification in seconds since 1970, as a `TimeInterval` is counted.
    public var modifiedSince1970: Double { Double(modified.seconds) + Double(modified.nanoseconds) / 1_000_000_000 }

    /// Whether an entry is at `path` (of any kind; a dangling symbolic link is one).
    public static func exists(_ path: String) -> Bool {
        (try? FileStatus(ofEntry: path)) != nil
    }
}
