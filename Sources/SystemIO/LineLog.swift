internal import SystemPackage

/// A file that several processes append lines to at once (`O_APPEND`: each line one `write`, so
/// lines of different processes never interleave); their times from
/// ``ProcessControl/monotonicMicroseconds()``, a clock all of them share. For traces, not for
/// data: nothing is flushed to the disk, and a failed write is dropped.
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
}
