internal import CLibISAL
internal import CLibZip

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Inflates one deflated entry as it streams: libzip hands over the entry's compressed bytes as
/// they lie in the archive (`ZIP_FL_COMPRESSED`), and ISA-L's igzip inflates them and computes
/// their CRC-32 as it goes (`ISAL_GZIP_NO_HDR`: a raw DEFLATE stream, the gzip CRC, which is
/// zip's). At K = 58 that is about half the instructions of libzip's own path (zlib's inflate,
/// then zlib's table CRC over the same bytes: about 60 M, 30 M less with igzip; docs/scale.md,
/// session 18).
///
/// The stream must end where DEFLATE says it ends, within the compressed bytes the archive
/// declares; what the checks of ``ZipEntryReader`` then ask of the inflated bytes (sizes, caps,
/// ratio, CRC) is the same whichever library inflated them.
final class Inflater {
    /// Why an entry could not be inflated, in words for ``ZipIOError``'s message.
    struct Failure: Error {
        var message: String
    }

    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private(set) var finished = false

    /// Compressed bytes read from libzip at a time.
    static let inputSize = 64 << 10

    init?() {
        guard let memory = malloc(Self.inputSize) else { return nil }
        input = UnsafeMutableRawBufferPointer(start: memory, count: Self.inputSize)
        state = .allocate(capacity: 1)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
    }

    deinit {
        state.deallocate()
        free(input.baseAddress)
    }

    /// The CRC-32 of the bytes inflated so far.
    var crc: UInt32 { state.pointee.crc }

    /// Fills `output` from its start with the next inflated bytes of `file` (opened compressed);
    /// returns how many, 0 once the stream has ended.
    func inflate(into output: UnsafeMutableRawBufferPointer, from file: OpaquePointer) throws(Failure) -> Int {
        guard !finished, let base = output.baseAddress, output.count > 0 else { return 0 }
        while true {
            if state.pointee.avail_in == 0, !inputEnded {
                let count = zip_fread(file, input.baseAddress, zip_uint64_t(input.count))
                if count < 0 { throw Failure(message: String(cString: zip_file_strerror(file))) }
                if count == 0 {
                    inputEnded = true
                } else {
                    state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    state.pointee.avail_in = UInt32(count)
                }
            }
            let availableIn = state.pointee.avail_in
            state.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(min(output.count, Int(UInt32.max)))
            let status = isal_inflate(state)
            if status < 0 { throw Failure(message: Self.describe(status)) }
            let produced = min(output.count, Int(UInt32.max)) - Int(state.pointee.avail_out)
            if state.pointee.block_state == ISAL_BLOCK_FINISH { finished = true }
            if produced > 0 || finished { return produced }
            if inputEnded, state.pointee.avail_in == 0 { throw Failure(message: "the compressed data ends before the stream does") }
            // No byte out and none taken in although both were possible: a stream igzip cannot
            // go on with (never seen; refused rather than looped on).
            if state.pointee.avail_in == availableIn, availableIn > 0 { throw Failure(message: "the stream does not advance") }
        }
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: "invalid block"
        case ISAL_INVALID_SYMBOL: "invalid symbol"
        case ISAL_INVALID_LOOKBACK: "invalid distance too far back"
        default: "inflate error \(status)"
        }
    }
}
