#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares every local header with its central-directory entry, for the archives libzip's own
/// consistency check (`ZIP_CHECKCONS`) refuses.
///
/// libzip 1.7.3 accepts a local header with the data-descriptor flag (bit 3) only when its CRC and
/// both sizes are zero. Info-ZIP's streaming output sets the flag and still writes the uncompressed
/// size there; APPNOTE 4.4.4 says such values are to be ignored, and Excel, calamine and POI open
/// those files. This check applies libzip's rules with that one relaxed, plus one libzip lacks: no
/// two entries' data overlap, and none reaches into the central directory.
///
/// libzip 1.7.3 also refuses every ZIP64 archive whose local headers carry a ZIP64 extra field
/// (Python's `zipfile` with `force_zip64`, Info-ZIP `zip -fz`), which `unzip -t` reads: the sizes
/// are compared here through the ZIP64 extra fields and end records (APPNOTE 4.3.14-4.3.15,
/// 4.5.3), so such archives are read like the others, under the same checks.
///
/// It reads only records at offsets it has bounds-checked, and never adds two values from the
/// file without bounding them first (ZIP64 sizes go up to 2^64 - 1).
struct ZipHeaderCheck {
    /// One central-directory entry, as far as the comparison needs.
    struct Record: Equatable {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var offset: UInt64
    }

    enum Verdict: Equatable {
        /// Every local header agrees with its entry; the records libzip should see.
        case consistent([Record])
        /// A real disagreement, with what it is.
        case inconsistent(String)
        /// Beyond this check (unreadable, too large): keep libzip's verdict.
        case undecided
    }

    /// Checks the archive at `path`, at most `maxEntries` entries.
    static func check(path: String, maxEntries: Int) -> Verdict {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .undecided }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 22 else { return .undecided }
        let size = UInt64(info.st_size)

        // The end-of-central-directory record: the last signature whose comment ends the file.
        let tailLength = min(size, 65_557)
        guard let tail = read(fd, at: size - tailLength, count: Int(tailLength)) else { return .undecided }
        var eocd: Int?
        var i = tail.count - 22
        while i >= 0 {
            if le32(tail, i) == 0x0605_4B50, i + 22 + Int(le16(tail, i + 20)) == tail.count { eocd = i; break }
            i -= 1
        }
        guard let e = eocd else { return .undecided }
        var count = UInt64(le16(tail, e + 10))
        var cdSize = UInt64(le32(tail, e + 12)), cdOffset = UInt64(le32(tail, e + 16))
        // Where the central directory must end: at the end record, or at the ZIP64 end record.
        var directoryEnd = size - tailLength + UInt64(e)
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            switch zip64End(fd, endRecordOffset: directoryEnd, count: count, cdSize: cdSize, cdOffset: cdOffset) {
            case .found(let end): (count, cdSize, cdOffset, directoryEnd) = (end.count, end.cdSize, end.cdOffset, end.recordOffset)
            case .inconsistent(let what): return .inconsistent(what)
            }
        }
        if count > UInt64(maxEntries) || cdSize > 64 << 20 { return .undecided }   // refused later with its own reason
        guard cdOffset <= directoryEnd, cdSize <= directoryEnd - cdOffset else {
            return .inconsistent("the central directory lies outside the file")
        }
        guard let cd = read(fd, at: cdOffset, count: Int(cdSize)) else { return .undecided }

        var records: [Record] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, le32(cd, p) == 0x0201_4B50 else { return .inconsistent("a central-directory entry is damaged") }
            let nameLength = Int(le16(cd, p + 28)), extraLength = Int(le16(cd, p + 30)), commentLength = Int(le16(cd, p + 32))
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                return .inconsistent("a central-directory entry is damaged")
            }
            var record = Record(
                name: Array(cd[(p + 46)..<(p + 46 + nameLength)]), flags: le16(cd, p + 8), method: le16(cd, p + 10),
                time: le16(cd, p + 12), date: le16(cd, p + 14), crc: le32(cd, p + 16),
                compressedSize: UInt64(le32(cd, p + 20)), size: UInt64(le32(cd, p + 24)), offset: UInt64(le32(cd, p + 42)))
            if record.compressedSize == 0xFFFF_FFFF || record.size == 0xFFFF_FFFF || record.offset == 0xFFFF_FFFF {
                // The central directory's ZIP64 field holds only the values saturated here, in this order.
                let extra = Array(cd[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)])
                var values = Zip64Values(Self.zip64Field(in: extra))
                guard let size = record.size == 0xFFFF_FFFF ? values.next() : record.size,
                      let compressed = record.compressedSize == 0xFFFF_FFFF ? values.next() : record.compressedSize,
                      let offset = record.offset == 0xFFFF_FFFF ? values.next() : record.offset
                else { return .inconsistent("a ZIP64 central-directory entry lacks its sizes or offset") }
                (record.size, record.compressedSize, record.offset) = (size, compressed, offset)
            }
            records.append(record)
            p += 46 + nameLength + extraLength + commentLength
        }

        var spans: [(start: UInt64, end: UInt64)] = []
        for record in records {
            guard record.offset < cdOffset, cdOffset - record.offset >= 30, let header = read(fd, at: record.offset, count: 30),
                  le32(header, 0) == 0x0403_4B50
            else {
                return .inconsistent("an entry's local header is missing")
            }
            let nameLength = UInt64(le16(header, 26)), extraLength = UInt64(le16(header, 28))
            let dataStart = record.offset + 30 + nameLength + extraLength   // below the directory's offset + 128 KiB
            guard dataStart <= cdOffset, let name = read(fd, at: record.offset + 30, count: Int(nameLength)),
                  let extra = read(fd, at: record.offset + 30 + nameLength, count: Int(extraLength))
            else {
                return .inconsistent("an entry's local header is damaged")
            }
            let flags = le16(header, 6)
            guard name == record.name, le16(header, 8) == record.method, le16(header, 10) == record.time,
                  le16(header, 12) == record.date, flags & 1 == record.flags & 1
            else {
                return .inconsistent("local headers disagree with the central directory")
            }
            // Bit 3: the real CRC and sizes follow the data; whatever the local header holds is ignored.
            if flags & 8 == 0 {
                guard le32(header, 14) == record.crc, let (compressed, size) = Self.localSizes(header, extra: extra),
                      compressed == record.compressedSize, size == record.size
                else {
                    return .inconsistent("local headers disagree with the central directory")
                }
            }
            guard record.compressedSize <= cdOffset - dataStart else {
                return .inconsistent("an entry's data reaches into the central directory")
            }
            spans.append((record.offset, dataStart + record.compressedSize))
        }
        spans.sort { $0.start < $1.start }
        for (a, b) in zip(spans, spans.dropFirst()) where b.start < a.end {
            return .inconsistent("two entries share bytes (overlapping entries)")
        }
        return .consistent(records)
    }

    static func read(_ fd: Int32, at offset: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, offset <= UInt64(Int64.max) else { return nil }
        if count == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return pread(fd, base, count, off_t(offset))
        }
        return n == count ? buffer : nil
    }

    static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
