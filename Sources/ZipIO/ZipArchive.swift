internal import CLibZip
#if canImport(Glibc)
import Glibc
#endif

/// A zip archive opened read-only with libzip, its entries validated up front.
///
/// Opened with `ZIP_CHECKCONS` and checked again by ``ZipHeaderCheck`` (overlapping entries;
/// APPNOTE's rule for data-descriptor headers); entry names must be valid, relative, free of `..`
/// segments and unique ignoring ASCII case (OPC M1.12); only store and deflate are accepted, and
/// no encryption.
/// Entries are read through ``ZipEntryReader``, which counts inflated bytes against ``ZipLimits``
/// and reads to the end so the CRC is checked (by ``Inflater`` for a deflated entry, by libzip for
/// a stored one).
public final class ZipArchive {
    /// One entry of the central directory.
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var name: String
        /// Declared inflated size (never trusted for allocation).
        public var declaredSize: UInt64
        public var compressedSize: UInt64
        public var method: Int
        /// The CRC-32 the central directory declares (checked once the entry is read to its end).
        public var crc: UInt32 = 0
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
    ///   `.encrypted`, `.resourceLimit` or `.ioError`.
    public init(path: String, limits: ZipLimits = ZipLimits()) throws {
        self.path = path
        self.limits = limits
        var info = stat()
        if stat(path, &info) == 0, info.st_size > 0, UInt64(info.st_size) > limits.maxArchiveBytes {
            throw ZipIOError(.resourceLimit, path: path, "the file is \(info.st_size) bytes (at most \(limits.maxArchiveBytes))")
        }
        var errorCode: Int32 = 0
        var checked: [ZipHeaderCheck.Record]?
        var opened = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &errorCode)
        if opened != nil || errorCode == ZIP_ER_INCONS {
            // Our own header check: it also finds overlapping entries, which libzip does not look
            // for, and it follows APPNOTE where libzip refuses data-descriptor local headers that
            // carry sizes (Info-ZIP streaming output): such archives are opened without libzip's check.
            switch ZipHeaderCheck.check(path: path, maxEntries: limits.maxEntries) {
            case .consistent(let records):
                if opened == nil {
                    checked = records
                    opened = zip_open(path, ZIP_RDONLY, &errorCode)
                }
            case .inconsistent(let what):
                if let opened { zip_discard(opened) }
                throw ZipIOError(code: .corruptArchive, path: path, message: "inconsistent archive: \(what)",
                                 libzipCode: Int(ZIP_ER_INCONS))
            case .undecided:
                break
            }
        }
        guard let za = opened else {
            throw Self.openError(errorCode, path: path)
        }
        handle = za
        // A throwing class initialiser still runs `deinit` once every property is set, and `deinit`
        // discards the handle: discarding it here too would free it twice.
        try loadEntries()
        if let checked { try confirm(checked) }
    }

    /// After an open without `ZIP_CHECKCONS`: libzip must see the very entries the header check
    /// compared, or the archive has two readings.
    private func confirm(_ records: [ZipHeaderCheck.Record]) throws {
        let count = zip_get_num_entries(handle, 0)
        let same = count == records.count && records.indices.allSatisfy { i in
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(handle, UInt64(i), ZIP_FL_ENC_RAW, &st) == 0, let raw = zip_get_name(handle, UInt64(i), ZIP_FL_ENC_RAW) else {
                return false
            }
            let name = Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)))
            return name == records[i].name && st.size == records[i].size && st.comp_size == records[i].compressedSize
        }
        guard same else {
            throw ZipIOError(code: .corruptArchive, path: path, message: "inconsistent archive: two readings of the central directory",
                             libzipCode: Int(ZIP_ER_INCONS))
        }
    }

    deinit { zip_discard(handle) }

    /// Maps `zip_open`'s error code: the one place libzip's open errors are read.
    private static func openError(_ errorCode: Int32, path: String) -> ZipIOError {
        var ze = zip_error_t()
        zip_error_init_with_code(&ze, errorCode)
        let text = String(cString: zip_error_strerror(&ze))
        zip_error_fini(&ze)
        switch errorCode {
        case ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_MEMORY, ZIP_ER_SEEK, ZIP_ER_TELL:
            return ZipIOError(code: .ioError, path: path, message: "cannot read the file: \(text)", libzipCode: Int(errorCode))
        case ZIP_ER_NOZIP:
            return ZipIOError(code: .notAZip, path: path, message: "not a zip archive, or its end is missing (a truncated copy?)",
                              libzipCode: Int(errorCode))
        case ZIP_ER_EXISTS:
            // With ZIP_CHECKCONS libzip refuses two central-directory entries with one name.
            return ZipIOError(code: .suspiciousArchive, path: path, message: "two entries have the same name (duplicate part)",
                              libzipCode: Int(errorCode))
        case ZIP_ER_INCONS:
            return ZipIOError(code: .corruptArchive, path: path,
                              message: "inconsistent archive: local headers disagree with the central directory",
                              libzipCode: Int(errorCode))
        default:
            return ZipIOError(code: .corruptArchive, path: path, message: "cannot open as zip: \(text)", libzipCode: Int(errorCode))
        }
    }

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
            guard let rawText = String(validating: nameBytes, as: UTF8.self) else {
                throw ZipIOError(.suspiciousArchive, path: path, "entry \(i) name is not UTF-8")
            }
            let name = Self.normalise(name: rawText)
            try Self.validate(name: name, path: path)
            let method = Int(st.comp_method)
            if st.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, st.encryption_method != ZIP_EM_NONE {
                throw ZipIOError(.encrypted, path: path, entry: name, "entry is encrypted")
            }
            if name.hasSuffix("/") { continue }   // directory entries carry no data
            guard method == 0 || method == 8 else {
                throw ZipIOError(.suspiciousArchive, path: path, entry: name, "compression method \(method) (only store and deflate)")
            }
            let folded = Self.fold(name)
            guard byFoldedName[folded] == nil else {
                throw ZipIOError(.suspiciousArchive, path: path, entry: name, "duplicate entry name (ignoring case)")
            }
            byFoldedName[folded] = entries.count
            entries.append(Entry(index: Int(i), name: name, declaredSize: st.size, compressedSize: st.comp_size, method: method, crc: st.crc))
        }
    }

    /// The entry name with `\` read as `/`: a few Windows tools (POI bug 49609) write zip names
    /// with backslashes, and Excel, calamine and POI open those files. Validation then applies to
    /// the normalised name, so `..\x` is still refused.
    static func normalise(name: String) -> String {
        name.contains("\\") ? String(name.map { $0 == "\\" ? "/" : $0 }) : name
    }

    /// ASCII case folding: OPC compares part names as case-insensitive ASCII strings (M1.12).
    public static func fold(_ name: String) -> String {
        String(decoding: name.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Rejects names that are empty, absolute, contain control bytes, or `.`/`..`/empty segments.
    static func validate(name: String, path: String) throws {
        let bad: String?
        if name.isEmpty { bad = "empty entry name" }
        else if name.utf8.count > 1024 { bad = "entry name longer than 1024 bytes" }
        else if name.hasPrefix("/") { bad = "absolute entry name" }
        else if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) { bad = "control character or backslash in entry name" }
        else if name.split(separator: "/", omittingEmptySubsequences: false).dropLast(name.hasSuffix("/") ? 1 : 0)
                    .contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { bad = "empty, '.' or '..' segment in entry name" }
        else { bad = nil }
        if let bad { throw ZipIOError(.suspiciousArchive, path: path, entry: name, bad) }
    }

    /// The entry with this name, compared ignoring ASCII case (OPC part names are case-insensitive).
    public func entry(named name: String) -> Entry? {
        let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return byFoldedName[Self.fold(key)].map { entries[$0] }
    }

    /// Opens a streaming reader over one entry.
    /// - Parameter cap: the largest inflated size accepted for this entry (at most the limits' own).
    public func reader(for entry: Entry, cap: UInt64? = nil) throws -> ZipEntryReader {
        // A deflated entry's compressed bytes are inflated by igzip (``Inflater``); a stored one,
        // or any entry when igzip's memory cannot be had, is read through libzip's own path.
        let inflater = entry.method == 8 ? Inflater() : nil
        guard let file = zip_fopen_index(handle, UInt64(entry.index), inflater == nil ? 0 : zip_flags_t(ZIP_FL_COMPRESSED)) else {
            let text = String(cString: zip_strerror(handle))
            let code: ZipIOError.Code = zip_error_code_zip(zip_get_error(handle)) == ZIP_ER_NOPASSWD ? .encrypted : .corruptArchive
            throw ZipIOError(code, path: path, entry: entry.name, "cannot open entry: \(text)")
        }
        return ZipEntryReader(archive: self, entry: entry, file: file, inflater: inflater, cap: min(cap ?? limits.maxEntryBytes, limits.maxEntryBytes))
    }

    /// Reads a whole entry into memory (for small parts).
    /// - Parameter cap: the largest inflated size accepted for this part.
    public func readAll(_ entry: Entry, cap: UInt64 = 64 << 20) throws -> [UInt8] {
        let reader = try self.reader(for: entry, cap: cap)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = try reader.read(into: &chunk)
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// Streams the inflated bytes of one entry, enforcing the archive's limits.
///
/// `read(into:)` returns 0 only after the entry was read to its end, its CRC checked (by ``Inflater`` or libzip),
/// and its actual size compared with the declared one.
public final class ZipEntryReader {
    private let archive: ZipArchive
    public let entry: ZipArchive.Entry
    private var file: OpaquePointer?
    /// The largest inflated size accepted for this entry.
    public let cap: UInt64
    public private(set) var bytesRead: UInt64 = 0

    /// igzip inflating a deflated entry's compressed bytes; nil when libzip inflates the entry.
    private let inflater: Inflater?

    init(archive: ZipArchive, entry: ZipArchive.Entry, file: OpaquePointer, inflater: Inflater?, cap: UInt64) {
        self.archive = archive
        self.entry = entry
        self.file = file
        self.inflater = inflater
        self.cap = cap
    }

    deinit { if let file { zip_fclose(file) } }

    /// Fills `buffer` from its start with the next bytes; returns how many (0 at the end).
    ///
    /// The checks run in the order that stops a bad entry soonest: more bytes than declared
    /// (a size lie) or than the part's cap, the workbook's total, then the compression ratio.
    /// - Throws: ``ZipIOError`` `.corruptArchive` (CRC, inflate, size) or `.resourceLimit`.
    public func read(into buffer: inout [UInt8]) throws -> Int {
        guard let file else { return 0 }
        if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 64 << 10) }
        let n: Int64
        if let inflater {
            do {
                n = Int64(try buffer.withUnsafeMutableBytes { raw in try inflater.inflate(into: raw, from: file) })
            } catch {
                close()
                let reason = (error as? Inflater.Failure)?.message ?? "\(error)"
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name, "cannot inflate: \(reason)")
            }
            // libzip's own path fails the last read on a wrong CRC: the same words here.
            if n == 0, inflater.crc != entry.crc {
                close()
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name, "cannot inflate: CRC error")
            }
        } else {
            n = buffer.withUnsafeMutableBytes { raw -> Int64 in
                guard let base = raw.baseAddress else { return -1 }
                return zip_fread(file, base, UInt64(raw.count))
            }
        }
        let limits = archive.limits
        if n < 0 {
            let text = String(cString: zip_file_strerror(file))
            close()
            throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name, "cannot inflate: \(text)")
        }
        if n == 0 {
            let rc = zip_fclose(file)
            self.file = nil
            if rc != 0 {
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name,
                                 "the entry failed its checks when closed (libzip error \(rc))")
            }
            if bytesRead != entry.declaredSize {
                throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name,
                                 "size mismatch: declared \(entry.declaredSize) bytes, inflated \(bytesRead)")
            }
            return 0
        }
        bytesRead += UInt64(n)
        archive.totalInflated += UInt64(n)
        if bytesRead > cap {
            close()
            throw ZipIOError(.resourceLimit, path: archive.path, entry: entry.name, "part inflates past \(cap) bytes (zip bomb?)")
        }
        if bytesRead > entry.declaredSize {
            close()
            throw ZipIOError(.corruptArchive, path: archive.path, entry: entry.name,
                             "size mismatch: declared \(entry.declaredSize) bytes, inflates to more")
        }
        if archive.totalInflated > limits.maxTotalBytes {
            close()
            throw ZipIOError(.resourceLimit, path: archive.path, entry: entry.name,
                             "the archive inflates past \(limits.maxTotalBytes) bytes (zip bomb?)")
        }
        let (allowed, overflow) = limits.maxCompressionRatio.multipliedReportingOverflow(by: max(entry.compressedSize, 1))
        if bytesRead > limits.ratioGraceBytes, !overflow, bytesRead > allowed {
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
