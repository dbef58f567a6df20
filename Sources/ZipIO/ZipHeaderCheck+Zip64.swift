#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ZIP64 for ``ZipHeaderCheck``: the ZIP64 end record and the ZIP64 extra fields (APPNOTE 4.3.14,
/// 4.3.15, 4.5.3), read only as far as the comparison of local headers needs.
extension ZipHeaderCheck {
    /// The values of the ZIP64 end-of-central-directory record.
    struct Zip64End {
        var count: UInt64
        var cdSize: UInt64
        var cdOffset: UInt64
        /// Where the record starts: the central directory must end there.
        var recordOffset: UInt64
    }

    enum Zip64EndLookup {
        case found(Zip64End)
        case inconsistent(String)
    }

    /// Reads the ZIP64 end record through the locator just before the end record at
    /// `endRecordOffset`. Each value the plain end record does not saturate must agree with it.
    static func zip64End(_ fd: Int32, endRecordOffset: UInt64, count: UInt64, cdSize: UInt64, cdOffset: UInt64) -> Zip64EndLookup {
        let missing = Zip64EndLookup.inconsistent("the ZIP64 end of the central directory is missing or damaged")
        guard endRecordOffset >= 20, let locator = read(fd, at: endRecordOffset - 20, count: 20), le32(locator, 0) == 0x0706_4B50,
              le32(locator, 4) == 0, le32(locator, 16) <= 1
        else { return missing }
        let recordOffset = le64(locator, 8), locatorOffset = endRecordOffset - 20
        // The record (56 bytes, then any extensible data its size counts) ends where the locator starts.
        guard recordOffset <= locatorOffset, locatorOffset - recordOffset >= 56,
              let record = read(fd, at: recordOffset, count: 56), le32(record, 0) == 0x0606_4B50,
              le64(record, 4) == locatorOffset - recordOffset - 12,
              le32(record, 16) == 0, le32(record, 20) == 0, le64(record, 24) == le64(record, 32)
        else { return missing }
        let end = Zip64End(count: le64(record, 32), cdSize: le64(record, 40), cdOffset: le64(record, 48), recordOffset: recordOffset)
        guard count == 0xFFFF || count == end.count, cdSize == 0xFFFF_FFFF || cdSize == end.cdSize,
              cdOffset == 0xFFFF_FFFF || cdOffset == end.cdOffset
        else { return .inconsistent("the ZIP64 end of the central directory disagrees with the plain one") }
        return .found(end)
    }

    /// The data of the ZIP64 extra field (header id 1) among `extra`'s fields, nil when absent or
    /// when the fields overrun their space.
    static func zip64Field(in extra: [UInt8]) -> [UInt8]? {
        var p = 0
        while p + 4 <= extra.count {
            let id = le16(extra, p), length = Int(le16(extra, p + 2))
            guard p + 4 + length <= extra.count else { return nil }
            if id == 1 { return Array(extra[(p + 4)..<(p + 4 + length)]) }
            p += 4 + length
        }
        return nil
    }

    /// The eight-byte values of a ZIP64 extra field, in order.
    struct Zip64Values {
        private let data: [UInt8]
        private var position = 0
        init(_ data: [UInt8]?) { self.data = data ?? [] }

        mutating func next() -> UInt64? {
            guard position + 8 <= data.count else { return nil }
            defer { position += 8 }
            return ZipHeaderCheck.le64(data, position)
        }
    }

    /// A local header's (compressed, uncompressed) sizes: its own fields, or, where they are
    /// 0xFFFFFFFF, the ZIP64 extra field (which holds both there, uncompressed first).
    static func localSizes(_ header: [UInt8], extra: [UInt8]) -> (UInt64, UInt64)? {
        let compressed = UInt64(le32(header, 18)), size = UInt64(le32(header, 22))
        guard compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF else { return (compressed, size) }
        var values = Zip64Values(zip64Field(in: extra))
        guard let zip64Size = values.next(), let zip64Compressed = values.next() else { return nil }
        return (compressed == 0xFFFF_FFFF ? zip64Compressed : compressed, size == 0xFFFF_FFFF ? zip64Size : size)
    }

    static func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
}
