internal import CLibZip

/// One entry's bytes served to libzip through a `zip_source_function` callback while `zip_close`
/// writes the archive: the commands, the error and the ownership, once. A subclass says how its
/// bytes are read and described: ``SegmentReader`` (segments in memory and spool files, deflated
/// by libzip) and ``DeflatedEntry`` (bytes deflated by libdeflate, copied as they are).
class EntrySource {
    private var error = zip_error_t()

    init() { zip_error_init(&error) }

    deinit { zip_error_fini(&error) }

    /// Back to the first byte (`ZIP_SOURCE_OPEN`).
    func rewind() {}

    /// Fills `buffer` from the current position on; returns the bytes given, 0 at the end, -1 on
    /// error (after ``fail(_:_:)``).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int64 { 0 }

    /// What libzip is told of the bytes (`ZIP_SOURCE_STAT`), on a `zip_stat_init`-ed stat.
    func describe(_ stat: inout zip_stat_t) {}

    /// Records the error a failing ``read(into:)`` returns -1 for.
    func fail(_ code: Int32, _ systemError: Int32) { zip_error_set(&error, code, systemError) }

    /// The libzip source serving these bytes; it owns this object from then on and releases it
    /// with `ZIP_SOURCE_FREE`. Nil when libzip cannot make one.
    final func source(in archive: OpaquePointer) -> OpaquePointer? {
        let userdata = Unmanaged.passRetained(self).toOpaque()
        guard let source = zip_source_function(archive, Self.callback, userdata) else {
            Unmanaged<EntrySource>.fromOpaque(userdata).release()
            return nil
        }
        return source
    }

    private static let callback: zip_source_callback = { userdata, data, length, command in
        let entry = Unmanaged<EntrySource>.fromOpaque(userdata!)
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
            rewind()
            return 0
        case ZIP_SOURCE_READ:
            return read(into: UnsafeMutableRawBufferPointer(start: data, count: length))
        case ZIP_SOURCE_CLOSE:
            return 0
        case ZIP_SOURCE_STAT:
            let stat = data!.assumingMemoryBound(to: zip_stat_t.self)
            zip_stat_init(stat)
            describe(&stat.pointee)
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
