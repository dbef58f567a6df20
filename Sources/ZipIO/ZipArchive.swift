internal import CLibZip
#if canImport(Glibc)
import Glibc
#endif

/// A zip archive opened read-only with libzip, its entries validated up front.
///
/// Opened with `ZIP_CHECKCONS`; entry names must be valid, relative, free of `..` segments and
/// unique ignoring ASCII case (OPC M1.12); only store and deflate are accepted, and no encryption.
/// Entries are read through ``ZipEntryReader``, which counts inflated bytes against ``ZipLimits``
/// and reads to the end so libzip checks the CRC.
public final class ZipArchive {
    /// One entry of the central directory.
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var name: String
        /// Declared inflated size (never trusted for allocation).
        public var declaredSize: UInt64
        public var compressedSize: UInt64
        public var method: Int
    }

    public let path: String
    public let limits: ZipLimits
    public private(set) var entries: [Entry] = []
    private var byFoldedName: [String: Int] = [:]
    private let handle: OpaquePointer
    /// Bytes inflated so far across all entries.
    var totalInflated: UInt64 = 0

    /// Opens the archive at `path`.
    /// - Throws: ``ZipIOError`` with `.notAZip`, `.corruptArchive`, `.suspiciousArchive`,
    ///   `.encrypted` or `.resourceLimit`.
    public init(path: String, limits: ZipLimits = ZipLimits()) throws {
        self.path = path
        self.limits = limits
        var errorCode: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &errorCode) else {
            var ze = zip_error_t()
            zip_error_init_with_code(&ze, errorCode)
            let text = String(cString: zip_error_strerror(&ze))
            zip_error_fini(&ze)
            let code: ZipIOError.Code = (errorCode == ZIP_ER_OPEN || errorCode == ZIP_ER_READ || errorCode == ZIP_ER_MEMORY)
                ? .ioError : (errorCode == ZIP_ER_NOZIP ? .notAZip : .corruptArchive)
            throw ZipIOError(code, path: path, "cannot open as zip: \(text)")
        }
        handle = za
        do { try loadEntries() } catch {
            zip_discard(za)
            throw error
        }
    }

    deinit { zip_discard(handle) }

    private func loadEntries() throws {
        let count = zip_get_num_entries(handle, 0)
        guard count >= 0 else { throw ZipIOError(.corruptArchive, path: path, "unreadable central directory") }
        guard count <= Int64(limits.maxEntries) else {
            throw ZipIOError(.suspiciousArchive, path: path, "\(count) entries (at most \(limits.maxEntries))")
        }
        for i in 0..<UInt64(count) {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(handle, i, ZIP_FL_ENC_RAW, &st) == 0, let rawName = zip_get_name(handle, i, ZIP_FL_ENC_RAW) else {
                throw ZipIOError(.corruptArchive, path: path, "entry \(i) has no readable header")
            }
            let nameBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(rawName).assumingMemoryBound(to: UInt8.self),
                                                      count: strlen(rawName)))
            guard let name = String(validating: nameBytes, as: UTF8.self) else {
                throw ZipIOError(.suspiciousArchive, path: path, "entry \(i) name is not UTF-8")
            }
            try Self.validate(name: name, path: path)
            let method = Int(st.comp_method)
            if st.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, st.encryption_method != ZIP_EM_NONE {
                throw ZipIOError(.encrypted, path: path, entry: name, "entry is encrypted")
            }
            if name.hasSuffix("/") { continue }   // directory entries carry no data
            guard method == 0 || method == 8 else {
                throw ZipIOError(.suspiciousArchive, path: path, entry: name, "compression method \(method) (only store and deflate)")
            }
            let folded = name.lowercased()
            guard byFoldedName[folded] == nil else {
                throw ZipIOError(.suspiciousArchive, path: path, entry: name, "duplicate entry name (ignoring case)")
            }
            byFoldedName[folded] = entries.count
            entries.append(Entry(index: Int(i), name: name, declaredSize: st.size, compressedSize: st.comp_size, method: method))
        }
    }

    /// Rejects names that are empty, absolute, contain `\`, control bytes, or `.`/`..` segments.
    static func validate(name: String, path: String) throws {
        let bad: String?
        if name.isEmpty { bad = "empty entry name" }
        else if name.utf8.count > 1024 { bad = "entry name longer than 1024 bytes" }
        else if name.hasPrefix("/") { bad = "absolute entry name" }
        else if name.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\\") }) { bad = "control character or backslash in entry name" }
        else if name.split(separator: "/", omittingEmptySubsequences: false).dropLast(name.hasSuffix("/") ? 1 : 0)
                    .contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { bad = "empty, '.' or '..' segment in entry name" }
        else { bad = nil }
        if let bad { throw ZipIOError(.suspiciousArchive, path: path, entry: name, bad) }
    }

    /// The entry with this name, compared ignoring ASCII case (OPC part names are case-insensitive).
    public func entry(named name: String) -> Entry? {
        let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return byFoldedName[key.lowercased()].map { entries[$0] }
    }

    /// Opens a streaming reader over one entry.
    public func reader(for entry: Entry) throws -> ZipEntryReader {
        guard let file = zip_fopen_index(handle, UInt64(entry.index), 0) else {
            let text = String(cString: zip_strerror(handle))
            throw ZipIOError(.corruptArchive, path: path, entry: entry.name, "cannot open entry: \(text)")
        }
        return ZipEntryReader(archive: self, entry: entry, file: file)
    }

    /// Reads a whole entry into memory (for small parts: relationships, workbook, styles).
    /// - Parameter cap: the largest inflated size accepted for this part.
    public func readAll(_ entry: Entry, cap: UInt64 = 64 << 20) throws -> [UInt8] {
        let reader = try self.reader(for: entry)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = try reader.read(into: &chunk)
            if n == 0 { break }
            guard UInt64(out.count + n) <= cap else {
                throw ZipIOError(.resourceLimit, path: path, entry: entry.name, "part larger than \(cap) bytes")
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// Streams the inflated bytes of one entry, enforcing the archive's limits.
///
/// `read(into:)` returns 0 only after the entry was read to its end, its CRC checked by libzip,
/// and its actual size compared with the declared one.
public final class ZipEntryReader {
    private let archive: ZipArchive
    public let entry: ZipArchive.Entry
    private var file: OpaquePointer?
    public private(set) var bytesRead: UInt64 = 0

    init(archive: ZipArchive, entry: ZipArchive.Entry, file: OpaquePointer) {
        self.archive = archive
        self.entry = entry
        self.file = file
    }

    deinit { if let file { zip_fclose(file) } }

    /// Fills `buffer` from its start with the next bytes; returns how many (0 at the end).
    /// - Throws: ``ZipIOError`` `.corruptArchive` (CRC, inflate, size) or `.resourceLimit`.
    public func read(into buffer: inout [UInt8]) throws -> Int {
        guard let file else { return 0 }
        let n = buffer.withUnsafeMutableBytes { raw in
            zip_fread(file, raw.baseAddress!, UInt64(raw.count))
        }
        let limits = archive.limits
        if n < 0 {
            let text = String(cString: zip_file_strerror(file))
            close()
            throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name, text)
        }
        if n == 0 {
            let rc = zip_fclose(file)
            self.file = nil
            if rc != 0 {
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name, "entry failed its checks when closed (libzip error \(rc))")
            }
            if bytesRead != entry.declaredSize {
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name,
                                 "size mismatch: declared \(entry.declaredSize) bytes, inflated \(bytesRead)")
            }
            return 0
        }
        bytesRead += UInt64(n)
        archive.totalInflated += UInt64(n)
        if bytesRead > limits.maxEntryBytes {
            close()
            throw ZipIOError(.resourceLimit, path: archive.path, entry: entry.name, "entry inflates past \(limits.maxEntryBytes) bytes")
        }
        if archive.totalInflated > limits.maxTotalBytes {
            close()
            throw ZipIOError(.resourceLimit, path: archive.path, entry: entry.name, "archive inflates past \(limits.maxTotalBytes) bytes")
        }
        if bytesRead > limits.ratioGraceBytes, bytesRead > limits.maxCompressionRatio * max(entry.compressedSize, 1) {
            close()
            throw ZipIOError(.resourceLimit, path: archive.path, entry: entry.name,
                             "compression ratio above \(limits.maxCompressionRatio):1 (zip bomb?)")
        }
        return Int(n)
    }

    private func close() {
        if let file { zip_fclose(file) }
        file = nil
    }
}
