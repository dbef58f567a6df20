/// Tests on eight bytes at once, for the writer's scans of long texts (issue 11).
///
/// Every finding's message, sources and explanation pass through the escaping and line-counting
/// scans several times (each workbook, its notes, the added Findings sheets); byte by byte those
/// scans cost about four to twelve instructions a byte. Loaded as one `UInt64`, a word of plain
/// ASCII text is cleared in about ten instructions. Each test below is exact as a yes-or-no
/// answer for the whole word (the classic "has a zero byte" trick: a borrow can only start at a
/// byte that matches), never for which byte matched: a word that tests true is looked at byte by
/// byte by the caller.
enum ByteWords {
    /// 0x01 in every byte.
    static let ones: UInt64 = 0x0101_0101_0101_0101
    /// 0x80 in every byte.
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `word` equals `byte`.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
        below(word ^ (ones &* UInt64(byte)), 1)
    }

    /// Whether a byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether a byte of `word` is 0x80 or above (not ASCII).
    @inline(__always)
    static func hasHighByte(_ word: UInt64) -> Bool {
        word & highs != 0
    }

    /// Where the eight-byte words of `bytes[start...]` stop being `clear`: the offset of the first
    /// word that is not, or of the last bytes (fewer than eight) when every word was. The caller
    /// looks at the bytes from there one by one; none before it needs to be.
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, while clear: (UInt64) -> Bool) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = start
        while index + 8 <= raw.count {
            guard clear(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) else { return index }
            index += 8
        }
        return index
    }
}
