internal import SystemPackage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#else
#error("SystemIO is written for Glibc (Linux) and Darwin only")
#endif

/// A file of a run's scratch folder (a worker's result, the run's settings for its workers),
/// written in place and not flushed to the disk: no reader opens it before its writer says it is
/// written, and a machine that stops loses the scratch folder anyway. (Foundation's `Data.write`
/// flushed each one, about 0.6 ms on this machine's disk and more on a slow one, on every
/// worker's way from reading a file to answering; issue 11.)
public enum ScratchFile {
    /// Writes `bytes` to `path`, created (mode 0600) or emptied first; no `fsync`.
    /// - Throws: ``SystemCallError`` (`open`, `write`, `close`).
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let file = FilePath(path)
        let descriptor = try SystemCallError.wrapping("open", file) {
            try FileDescriptor.open(file, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: [.ownerReadWrite])
        }
        do {
            _ = try SystemCallError.wrapping("write", file) { try descriptor.writeAll(bytes) }
        } catch {
            try? descriptor.close()
            throw error
        }
        try SystemCallError.wrapping("close", file) { try descriptor.close() }
    }
}
