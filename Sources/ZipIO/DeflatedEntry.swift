internal import CLibDeflate
internal import CLibZip

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An entry deflated in memory by libdeflate and handed to libzip already compressed: a
/// `zip_source_function` whose stat declares the DEFLATE method, the compressed and inflated
/// sizes and the CRC-32, so that `zip_close` copies the bytes as they are (libzip recompresses only
/// when the declared method differs from the entry's, and the entry's is left at its default).
///
/// libdeflate deflates a buffer in one call about a third faster than zlib at the same level and
/// computes the CRC-32 with carry-less multiplication instead of zlib's tables (docs/scale.md,
/// session 12); it needs the whole entry in memory, so entries spooled to a file still go through
/// libzip's own zlib. Holding the compressed bytes instead of the inflated ones until `close()`
/// also keeps less memory.
final class DeflatedEntry {
    private let compressed: UnsafeMutableRawBufferPointer
    private let size: Int
    private let crc: UInt32
    private var position = 0
    private var error = zip_error_t()

    /// Deflates `bytes` with `compressor` (``compressor(level:)``); nil when libdeflate cannot (no memory).
    init?(_ bytes: UnsafeRawBufferPointer, compressor: OpaquePointer) {
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        guard let memory = malloc(max(bound, 1)) else { return nil }
        let count = libdeflate_deflate_compress(compressor, bytes.baseAddress, bytes.count, memory, bound)
        guard count > 0 || bytes.isEmpty else {
            free(memory)
            return nil
        }
        // Kept until `zip_close`: only the compressed bytes, not the bound libdeflate needed.
        compressed = UnsafeMutableRawBufferPointer(start: realloc(memory, max(count, 1)) ?? memory, count: count)
        size = bytes.count
        crc = libdeflate_crc32(0, bytes.baseAddress, bytes.count)
        zip_error_init(&error)
    }

    deinit {
        free(compressed.baseAddress)
        zip_error_fini(&error)
    }

    /// A libdeflate compressor at `level` (1...12); free it with ``freeCompressor(_:)``.
    static func compressor(level: Int) -> OpaquePointer? {
        libdeflate_alloc_compressor(Int32(level))
    }

    static func freeCompressor(_ compressor: OpaquePointer) {
        libdeflate_free_compressor(compressor)
    }

    /// The libzip source that serves this entry; it owns the entry from then on.
    func source(in archive: OpaquePointer) -> OpaquePointer? {
        let userdata = Unmanaged.passRetained(self).toOpaque()
        guard let source = zip_source_function(archive, Self.callback, userdata) else {
            Unmanaged<DeflatedEntry>.fromOpaque(userdata).release()
            return nil
        }
        return source
    }

    private static let callback: zip_source_callback = { userdata, data, length, command in
        let entry = Unmanaged<DeflatedEntry>.fromOpaque(userdata!)
        switch command {
        case ZIP_SOURCE_FREE:
            entry.release()
            return 0
        default:
            return entry.takeUnretainedValue().handle(command, data: data, length: Int(length))
        }
    }

    private static let supported: Int64 = [
        ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
        ZIP_SOURCE_SUPPORTS,
    ].reduce(0) { $0 | (1 << Int64($1.rawValue)) }

    private func handle(_ command: zip_source_cmd_t, data: UnsafeMutableRawPointer?, length: Int) -> Int64 {
        switch command {
        case ZIP_SOURCE_OPEN:
            position = 0
            return 0
        case ZIP_SOURCE_READ:
            let count = min(length, compressed.count - position)
            if count > 0 { data!.copyMemory(from: compressed.baseAddress! + position, byteCount: count) }
            position += count
            return Int64(count)
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            let stat = data!.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            stat.pointee.size = zip_uint64_t(size)
            stat.pointee.comp_size = zip_uint64_t(compressed.count)
            stat.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
            stat.pointee.crc = crc
            stat.pointee.valid |= zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC)
            return Int64(MemoryLayout<zip_stat_t>.size)
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&error, data, zip_uint64_t(length))
        case ZIP_SOURCE_SUPPORTS:
            return Self.supported
        default:
            zip_error_set(&error, ZIP_ER_OPNOTSUPP, 0)
            return -1
        }
    }
}
