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
/// It reads only fixed-size records at offsets it has bounds-checked; ZIP64 archives are left to
/// libzip (the caller keeps libzip's verdict).
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
        /// Beyond this check (ZIP64, unreadable): keep libzip's verdict.
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
        let count = Int(le16(tail, e + 10))
        let cdSize = UInt64(le32(tail, e + 12)), cdOffset = UInt64(le32(tail, e + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF { return .undecided }   // ZIP64
        if count > maxEntries || cdSize > 64 << 20 { return .undecided }   // refused later with its own reason
        guard cdOffset + cdSize <= size - tailLength + UInt64(e) else {
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
            let record = Record(
                name: Array(cd[(p + 46)..<(p + 46 + nameLength)]), flags: le16(cd, p + 8), method: le16(cd, p + 10),
                time: le16(cd, p + 12), date: le16(cd, p + 14), crc: le32(cd, p + 16),
                compressedSize: UInt64(le32(cd, p + 20)), size: UInt64(le32(cd, p + 24)), offset: UInt64(le32(cd, p + 42)))
            if record.compressedSize == 0xFFFF_FFFF || record.size == 0xFFFF_FFFF || record.offset == 0xFFFF_FFFF { return .undecided }
            records.append(record)
            p += 46 + nameLength + extraLength + commentLength
        }

        var spans: [(start: UInt64, end: UInt64)] = []
        for record in records {
            guard record.offset + 30 <= cdOffset, let header = read(fd, at: record.offset, count: 30), le32(header, 0) == 0x0403_4B50 else {
                return .inconsistent("an entry's local header is missing")
            }
            let nameLength = UInt64(le16(header, 26)), extraLength = UInt64(le16(header, 28))
            guard record.offset + 30 + nameLength <= cdOffset, let name = read(fd, at: record.offset + 30, count: Int(nameLength)) else {
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
                guard le32(header, 14) == record.crc, UInt64(le32(header, 18)) == record.compressedSize,
                      UInt64(le32(header, 22)) == record.size
                else {
                    return .inconsistent("local headers disagree with the central directory")
                }
            }
            let end = record.offset + 30 + nameLength + extraLength + record.compressedSize
            guard end <= cdOffset else { return .inconsistent("an entry's data reaches into the central directory") }
            spans.append((record.offset, end))
        }
        spans.sort { $0.start < $1.start }
        for (a, b) in zip(spans, spans.dropFirst()) where b.start < a.end {
            return .inconsistent("two entries share bytes (overlapping entries)")
        }
        return .consistent(records)
    }

    private static func read(_ fd: Int32, at offset: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, offset <= UInt64(Int64.max) else { return nil }
        if count == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return pread(fd, base, count, off_t(offset))
        }
        return n == count ? buffer : nil
    }

    private static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
