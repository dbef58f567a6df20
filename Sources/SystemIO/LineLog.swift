internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// A file that several processes append lines to at once (`O_APPEND`: each line one `write`, so
/// lines of different processes never interleave), with the time on a clock all of them share.
/// For traces, not for data: nothing is flushed to the disk, and a failed write is dropped.
public final class LineLog: @unchecked Sendable {
    private let descriptor: FileDescriptor

    /// Opens `path` for appending, creating it when missing.
    /// - Throws: ``SystemCallError`` (`open`).
    public init(appendingTo path: String) throws {
        descriptor = try SystemCallError.wrapping("open", FilePath(path)) {
            try FileDescriptor.open(FilePath(path), .writeOnly, options: [.append, .create, .closeOnExec],
                                    permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
    }

    deinit { try? descriptor.close() }

    /// Appends `line` and a line feed in one write.
    public func append(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        _ = try? descriptor.writeAll(bytes)
    }

    /// Microseconds on the system's monotonic clock: comparable between processes of one boot.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
    }

    /// This process's id.
    public static var processID: Int32 { getpid() }
}
