internal import CLibZip

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An entry deflated in memory (``Deflater``: igzip at level 1, libdeflate at the others) and
/// handed to libzip already compressed: a `zip_source_function` whose stat declares the DEFLATE
/// method, the compressed and inflated sizes and the CRC-32, so that `zip_close` copies the bytes
/// as they are (libzip recompresses only when the declared method differs from the entry's, and the
/// entry's is left at its default).
///
/// Both libraries deflate a buffer in one call several times faster than zlib, and libdeflate
/// computes the CRC-32 with carry-less multiplication instead of zlib's tables (docs/scale.md,
/// sessions 12 and 18); they need the whole entry in memory, so entries spooled to a file still go
/// through libzip's own zlib. Holding the compressed bytes instead of the inflated ones until
/// `close()` also keeps less memory.
final class DeflatedEntry: EntrySource {
    private let compressed: UnsafeMutableRawBufferPointer
    private let size: Int
    private let crc: UInt32
    private var position = 0

    /// Deflates `bytes` with `deflater`; nil when it cannot (no memory).
    init?(_ bytes: UnsafeRawBufferPointer, deflater: Deflater) {
        // Kept until `zip_close`: only the compressed bytes, not the bound the library needed.
        guard let compressed = deflater.deflate(bytes) else { return nil }
        self.compressed = compressed
        size = bytes.count
        crc = Deflater.crc32(bytes)
    }

    deinit {
        free(compressed.baseAddress)
    }

    override func rewind() { position = 0 }

    override func read(into buffer: UnsafeMutableRawBufferPointer) -> Int64 {
        let count = min(buffer.count, compressed.count - position)
        if count > 0 { buffer.baseAddress!.copyMemory(from: compressed.baseAddress! + position, byteCount: count) }
        position += count
        return Int64(count)
    }

    /// The DEFLATE method, both sizes and the CRC-32: libzip then copies the bytes as they are.
    override func describe(_ stat: inout zip_stat_t) {
        stat.size = zip_uint64_t(size)
        stat.comp_size = zip_uint64_t(compressed.count)
        stat.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
        stat.crc = crc
        stat.valid |= zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
    }
}
