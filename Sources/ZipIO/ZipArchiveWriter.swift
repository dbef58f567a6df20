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
/// An entry is deflated when it is added, in memory (``DeflatedEntry``: igzip at level 1, libdeflate at the others), and libzip keeps its
/// compressed bytes until `close()` writes them as they are. An entry too large to hold in memory
/// is added as ``Segment``s, some of them ``ZipSpoolFile``s; up to ``deflateInMemoryLimit`` bytes
/// it is read back and deflated the same way (the inflated bytes held only while it is deflated),
/// and beyond that libzip reads it through a source callback (`zip_source_function`) and deflates
/// it with zlib while `zip_close` runs, so memory stays bounded however large the entry.
///
/// The file appears only when `close()` succeeds (libzip writes a temporary file and renames it);
/// an archive that is never closed is discarded in `deinit` and leaves nothing behind.
public final class ZipArchiveWriter {
    /// The archive's path as given by the caller.
    public let path: String
    /// The deflate level, 1 (fastest) to 9 (smallest); 0 stores entries uncompressed.
    public let compressionLevel: Int
    private var archive: OpaquePointer?
    /// The deflater at ``compressionLevel``, made for the first entry given in memory.
    private var deflater: Deflater?

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

    /// A piece of an entry's bytes: in memory, or everything appended to a spool file.
    public enum Segment {
        case bytes([UInt8])
        case spool(ZipSpoolFile)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .spool(let spool): spool.count
            }
        }
    }

    /// Adds an entry with the given bytes; libzip takes its own copy.
    ///
    /// - Throws: `ZipIOError` with code `.addEntryFailed` (for example a duplicate name) or
    ///   `.alreadyClosed`.
    public func addEntry(name: String, data: [UInt8]) throws {
        try addEntry(name: name, chunks: [data])
    }

    /// Adds an entry whose bytes are the concatenation of `chunks`: one chunk is deflated where it
    /// lies; several are joined once first (the deflaters take one buffer), as they are for libzip's
    /// own buffer when the archive stores its entries.
    ///
    /// - Throws: `ZipIOError` with code `.addEntryFailed` (for example a duplicate name) or
    ///   `.alreadyClosed`.
    public func addEntry(name: String, chunks: [[UInt8]]) throws {
        let archive = try openArchive(entry: name)
        if chunks.count == 1, try chunks[0].withUnsafeBytes({ try addDeflated(name: name, $0, archive: archive) }) { return }
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
        if chunks.count != 1, try addDeflated(name: name, UnsafeRawBufferPointer(start: copy, count: count), archive: archive) {
            free(copy)
            return
        }
        guard let source = zip_source_buffer(archive, copy, zip_uint64_t(count), 1) else {
            free(copy)
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        try add(source, name: name, archive: archive)
    }

    /// Adds an entry whose bytes are the concatenation of `segments`.
    ///
    /// An entry up to ``deflateInMemoryLimit`` is read back whole now and deflated in memory,
    /// which keeps only its compressed bytes. A larger one keeps its segments in memory as they are
    /// and its spool files are read back only while `close()` writes the archive, so it costs no
    /// more memory than its in-memory segments. A spool must not be appended to after it is added.
    ///
    /// - Throws: `ZipIOError` with code `.addEntryFailed` (for example a duplicate name) or
    ///   `.alreadyClosed`; a spool that cannot be read fails `close()` with `.closeFailed`.
    public func addEntry(name: String, segments: [Segment]) throws {
        guard segments.contains(where: { if case .spool = $0 { true } else { false } }) else {
            try addEntry(
                name: name,
                chunks: segments.map {
                    if case .bytes(let bytes) = $0 { return bytes }
                    return []
                })
            return
        }
        let archive = try openArchive(entry: name)
        let reader = SegmentReader(segments)
        if compressionLevel > 0, reader.size <= deflateInMemoryLimit, let bytes = malloc(max(reader.size, 1)) {
            defer { free(bytes) }
            let whole = UnsafeMutableRawBufferPointer(start: bytes, count: reader.size)
            // A spool that cannot be read is left to libzip, which fails `close()` with the reason.
            if reader.read(into: whole) == Int64(reader.size), try addDeflated(name: name, UnsafeRawBufferPointer(whole), archive: archive) {
                return
            }
        }
        // From here the source owns the reader and releases it with ZIP_SOURCE_FREE.
        guard let source = reader.source(in: archive) else {
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        try add(source, name: name, archive: archive)
    }

    /// The largest entry given in segments that is read back into memory to be deflated
    /// in memory (16 MiB); a larger one is deflated by libzip's zlib as it streams from its spool.
    public var deflateInMemoryLimit = 16 << 20

    /// Adds `bytes` as entry `name`, deflated in memory at the archive's level; false when the
    /// archive stores its entries or the deflater cannot (no memory), and nothing was added.
    private func addDeflated(name: String, _ bytes: UnsafeRawBufferPointer, archive: OpaquePointer) throws -> Bool {
        guard compressionLevel > 0 else { return false }
        let deflater = self.deflater ?? Deflater(level: compressionLevel)
        self.deflater = deflater
        guard let entry = DeflatedEntry(bytes, deflater: deflater) else { return false }
        guard let source = entry.source(in: archive) else {
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        try add(source, name: name, archive: archive, deflated: true)
        return true
    }

    /// Adds `source` as entry `name` with the archive's compression and fixed time; a `deflated`
    /// source keeps the entry's default method, so libzip copies its compressed bytes as they are.
    private func add(_ source: OpaquePointer, name: String, archive: OpaquePointer, deflated: Bool = false) throws {
        let index = zip_file_add(archive, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            zip_source_free(source)
            throw failure(.addEntryFailed, entry: name, action: "cannot add entry")
        }
        let method = compressionLevel == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        guard deflated || zip_set_file_compression(archive, zip_uint64_t(index), method, zip_uint32_t(compressionLevel)) == 0,
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

/// Serves the concatenated segments of one entry to libzip, which deflates them.
private final class SegmentReader: EntrySource {
    private let segments: [ZipArchiveWriter.Segment]
    let size: Int
    /// The read position: the segment and the offset in it.
    private var segment = 0
    private var offset = 0

    init(_ segments: [ZipArchiveWriter.Segment]) {
        self.segments = segments
        self.size = segments.reduce(0) { $0 + $1.count }
    }

    override func rewind() {
        segment = 0
        offset = 0
    }

    override func describe(_ stat: inout zip_stat_t) {
        stat.size = zip_uint64_t(size)
        stat.valid |= zip_uint64_t(ZIP_STAT_SIZE)
    }

    /// Fills `buffer` from the current position on; returns the bytes given, 0 at the end, -1 on error.
    override func read(into buffer: UnsafeMutableRawBufferPointer) -> Int64 {
        var filled = 0
        while filled < buffer.count, segment < segments.count {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
            var count: Int
            switch segments[segment] {
            case .bytes(let bytes):
                count = min(target.count, bytes.count - offset)
                bytes.withUnsafeBytes { source in
                    target.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
                }
            case .spool(let spool):
                count = min(target.count, spool.count - offset)
                if count > 0 {
                    count = spool.read(into: UnsafeMutableRawBufferPointer(rebasing: target[..<count]), at: offset)
                    guard count > 0 else {
                        fail(ZIP_ER_READ, count < 0 ? errno : EIO)
                        return -1
                    }
                }
            }
            filled += count
            offset += count
            if offset == segments[segment].count {
                segment += 1
                offset = 0
            }
        }
        return Int64(filled)
    }
}
