internal import CLibZip

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ZipIOError {
    /// Maps a libzip error to a `ZipIOError`; the one place libzip's error texts are read.
    init(code: Code, path: String, entry: String?, action: String, zipError: UnsafeMutablePointer<zip_error_t>) {
        let text = String(cString: zip_error_strerror(zipError))
        self.init(
            code: code, path: path, entry: entry, message: "\(action): \(text)",
            libzipCode: Int(zip_error_code_zip(zipError)))
    }
}

/// Writes a new zip archive with libzip: an owning wrapper around a `zip_t*` opened for writing.
///
/// Every entry is deflated at the same explicit level and stamped with the same modification time
/// (1980-01-01 00:00, the first DOS date), and entries are stored in the order they were added, so the
/// same entries give a byte-identical archive.
///
/// libzip keeps each entry's bytes until `close()`, when it compresses and writes them all; memory is
/// therefore the sum of the entries. A constant-memory writer would instead hand libzip a source
/// callback (`zip_source_function`) that produces an entry's bytes while `zip_close` runs.
///
/// The file appears only when `close()` succeeds (libzip writes a temporary file and renames it);
/// an archive that is never closed is discarded in `deinit` and leaves nothing behind.
public final class ZipArchiveWriter {
    /// The archive's path as given by the caller.
    public let path: String
    /// The deflate level, 1 (fastest) to 9 (smallest); 0 stores entries uncompressed.
    public let compressionLevel: Int
    private var archive: OpaquePointer?

    /// Opens `path` for writing, replacing any existing file when the archive is closed.
    ///
    /// - Parameter compressionLevel: deflate level 0...9; libzip's own default is 9, which is several
    ///   times slower than 6 for a few percent smaller output.
    /// - Throws: `ZipIOError` with code `.invalidArgument` or `.openFailed`.
    public init(path: String, compressionLevel: Int = 6) throws {
        guard (0...9).contains(compressionLevel) else {
            throw ZipIOError(
                code: .invalidArgument, path: path,
                message: "compression level \(compressionLevel) is outside 0...9")
        }
        self.path = path
        self.compressionLevel = compressionLevel
        var status: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &status) else {
            var zipError = zip_error_t()
            zip_error_init_with_code(&zipError, status)
            defer { zip_error_fini(&zipError) }
            throw ZipIOError(
                code: .openFailed, path: path, entry: nil, action: "cannot open for writing",
                zipError: &zipError)
        }
        self.archive = archive
    }

    deinit {
        if let archive { zip_discard(archive) }
    }

    /// Adds an entry with the given bytes; libzip takes its own copy.
    ///
    /// - Throws: `ZipIOError` with code `.addEntryFailed` (for example a duplicate name) or
    ///   `.alreadyClosed`.
    public func addEntry(name: String, data: [UInt8]) throws {
        try addEntry(name: name, chunks: [data])
    }

    /// Adds an entry whose bytes are the concatenation of `chunks`, copied once into libzip's buffer.
    ///
    /// - Throws: `ZipIOError` with code `.addEntryFailed` (for example a duplicate name) or
    ///   `.alreadyClosed`.
    public func addEntry(name: String, chunks: [[UInt8]]) throws {
        let archive = try openArchive(entry: name)
        let count = chunks.reduce(0) { $0 + $1.count }
        // libzip frees the copy (freep = 1) once the source is released, after zip_close.
        guard let copy = malloc(max(count, 1)) else {
            throw ZipIOError(code: .addEntryFailed, path: path, entry: name, message: "cannot allocate \(count) bytes")
        }
        var offset = 0
        for chunk in chunks {
            chunk.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { (copy + offset).copyMemory(from: base, byteCount: bytes.count) }
            }
            offset += chunk.count
        }
        guard let source = zip_source_buffer(archive, copy, zip_uint64_t(count), 1) else {
            free(copy)
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        let index = zip_file_add(archive, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        let method = compressionLevel == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        guard zip_set_file_compression(archive, zip_uint64_t(index), method, zip_uint32_t(compressionLevel)) == 0,
            zip_file_set_mtime(archive, zip_uint64_t(index), Self.fixedModificationTime, 0) == 0
        else {
            throw failure(.addEntryFailed, entry: name, action: "cannot set entry attributes")
        }
    }

    /// Compresses and writes every entry, then releases the archive.
    ///
    /// On failure nothing is written and the archive is discarded; either way the writer is closed.
    /// - Throws: `ZipIOError` with code `.closeFailed` or `.alreadyClosed`.
    public func close() throws {
        let archive = try openArchive(entry: nil)
        if zip_close(archive) != 0 {
            let error = failure(.closeFailed, entry: nil, action: "cannot write archive")
            zip_discard(archive)
            self.archive = nil
            throw error
        }
        self.archive = nil
    }

    private func openArchive(entry: String?) throws -> OpaquePointer {
        guard let archive else {
            throw ZipIOError(code: .alreadyClosed, path: path, entry: entry, message: "archive is already closed")
        }
        return archive
    }

    private func failure(_ code: ZipIOError.Code, entry: String?, action: String) -> ZipIOError {
        ZipIOError(code: code, path: path, entry: entry, action: action, zipError: zip_get_error(archive!))
    }

    /// 1980-01-01 00:00 local time: libzip converts `time_t` to DOS time with `localtime`, so the
    /// local midnight gives the same DOS stamp (date 0x0021, time 0) in every time zone.
    private static let fixedModificationTime: time_t = {
        var moment = tm()
        moment.tm_year = 80
        moment.tm_mon = 0
        moment.tm_mday = 1
        moment.tm_isdst = -1
        return mktime(&moment)
    }()
}
