internal import CLibZip
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A nameless temporary file that holds part of an entry's bytes until the archive is closed.
///
/// A large entry (a worksheet's rows) is appended here as it is produced, so that it is never held
/// in memory; ``ZipArchiveWriter/addEntry(name:segments:)`` reads it back while the archive is
/// written. The file never has a name in the folder (`O_TMPFILE`) and disappears with its
/// descriptor, even when the process is killed without closing the archive. Where the file system
/// has no nameless files it is made with a name and unlinked at once (a kill in between leaves
/// `rbm-spool-XXXXXX`; the kill harness found one on a file system with them, before `O_TMPFILE`).
public final class ZipSpoolFile {
    /// The folder the file was created in, for messages.
    public let directory: String
    /// Bytes appended so far.
    public private(set) var count = 0
    let descriptor: Int32

    /// Creates an empty spool file in `directory`, by default `$TMPDIR` or `/tmp`.
    ///
    /// - Throws: `ZipIOError` with code `.ioError` when the file cannot be created.
    public init(directory: String? = nil) throws(ZipIOError) {
        let folder = directory ?? Self.defaultDirectory
        self.directory = folder
        let nameless = rbm_open_nameless_file(folder)
        if nameless >= 0 {
            descriptor = nameless
            return
        }
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
        template.append(contentsOf: Array("rbm-spool-XXXXXX".utf8CString))
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Self.failure(path: folder, action: "cannot create a spool file")
        }
        let name = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(name)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    private static var defaultDirectory: String {
        if let folder = getenv("TMPDIR"), folder.pointee != 0 { return String(cString: folder) }
        return "/tmp"
    }

    /// Appends `bytes` at the end of the file.
    ///
    /// - Throws: `ZipIOError` with code `.ioError` (a full disk, for example); the bytes written
    ///   before the failure stay, so a failed spool should be discarded.
    public func append(_ bytes: [UInt8]) throws(ZipIOError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path: directory, action: "cannot write a spool file")
            }
            offset += written
            count += written
        }
    }

    /// Reads up to `buffer.count` bytes from `offset`; returns how many were read (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        while true {
            let read = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if read < 0, errno == EINTR { continue }
            return read
        }
    }

    /// Every byte appended so far (for tests and small spools).
    ///
    /// - Throws: `ZipIOError` with code `.ioError` when the file cannot be read.
    public func contents() throws(ZipIOError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                self.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]), at: offset)
            }
            guard read > 0 else {
                if read == 0 {
                    throw ZipIOError(code: .ioError, path: directory, message: "a spool file ends before its \(count) bytes")
                }
                throw Self.failure(path: directory, action: "cannot read a spool file")
            }
            offset += read
        }
        return bytes
    }

    private static func failure(path: String, action: String) -> ZipIOError {
        ZipIOError(code: .ioError, path: path, message: "\(action): \(String(cString: strerror(errno)))")
    }
}
