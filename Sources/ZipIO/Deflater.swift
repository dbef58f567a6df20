internal import CLibDeflate
internal import CLibISAL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Deflates whole buffers at one level, for one writer (not shared between threads).
///
/// Level 1, the fastest, goes to ISA-L's igzip (`isal_deflate_stateless` at its level 1): on the
/// run's workbooks about a third of libdeflate's instructions at its level 1, for output about a
/// tenth larger (docs/scale.md, session 18). Levels 2...9 go to libdeflate, as does a level-1
/// buffer igzip cannot take (no memory, or output past the bound it is given). Either way the
/// result is a raw DEFLATE stream any inflater reads; the same bytes in give the same bytes out.
final class Deflater {
    let level: Int
    /// libdeflate's compressor at `level` (made when first needed).
    private var compressor: OpaquePointer?
    /// igzip's working memory for level 1 (made when first needed).
    private var levelBuffer: UnsafeMutableRawBufferPointer?

    /// igzip's level-1 working memory: its hash table and a token buffer of 64 KiB tokens.
    private static let levelBufferSize = Int(rbm_isal_level1_buffer_size)

    /// - Parameter level: 1...9.
    init(level: Int) {
        self.level = level
    }

    deinit {
        if let compressor { libdeflate_free_compressor(compressor) }
        if let levelBuffer { free(levelBuffer.baseAddress) }
    }

    /// `bytes` deflated, in memory from `malloc` that the caller frees (trimmed to the compressed
    /// size); nil when neither library can (no memory).
    func deflate(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer? {
        if level == 1, let deflated = deflateWithIgzip(bytes) { return deflated }
        return deflateWithLibdeflate(bytes)
    }

    private func deflateWithIgzip(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer? {
        if levelBuffer == nil, let memory = malloc(Self.levelBufferSize) {
            levelBuffer = UnsafeMutableRawBufferPointer(start: memory, count: Self.levelBufferSize)
        }
        guard let levelBuffer, bytes.count <= Int(UInt32.max) / 2 else { return nil }
        // Stored blocks at worst: 5 bytes a block of at most 64 KiB, plus igzip's own headroom.
        let bound = bytes.count + bytes.count / 8 + 1024
        guard let output = malloc(bound) else { return nil }
        var stream = isal_zstream()
        isal_deflate_stateless_init(&stream)
        stream.level = 1
        stream.level_buf = levelBuffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.level_buf_size = UInt32(levelBuffer.count)
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(bytes.count)
        stream.next_out = output.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(bound)
        stream.end_of_stream = 1
        stream.flush = UInt16(NO_FLUSH)
        stream.gzip_flag = UInt16(IGZIP_DEFLATE)
        guard isal_deflate_stateless(&stream) == COMP_OK, stream.avail_in == 0 else {
            free(output)
            return nil
        }
        let count = Int(stream.total_out)
        return UnsafeMutableRawBufferPointer(start: realloc(output, max(count, 1)) ?? output, count: count)
    }

    private func deflateWithLibdeflate(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer? {
        if compressor == nil { compressor = libdeflate_alloc_compressor(Int32(level)) }
        guard let compressor else { return nil }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        guard let memory = malloc(max(bound, 1)) else { return nil }
        let count = libdeflate_deflate_compress(compressor, bytes.baseAddress, bytes.count, memory, bound)
        guard count > 0 || bytes.isEmpty else {
            free(memory)
            return nil
        }
        return UnsafeMutableRawBufferPointer(start: realloc(memory, max(count, 1)) ?? memory, count: count)
    }

    /// The CRC-32 of `bytes` (libdeflate's, with carry-less multiplication).
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        libdeflate_crc32(0, bytes.baseAddress, bytes.count)
    }
}
