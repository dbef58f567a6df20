/// A long text built from many short pieces, as UTF-8 bytes: the page's findings table appends
/// about a hundred pieces a finding, the logs about seventy. Appending a short `String` to a long
/// one costs about 420 instructions (the two strings' flags merged, capacity checked, then the
/// copy); here a piece is copied from its own contiguous bytes, and the bytes go to their file as
/// they are (`text` makes one `String` of them where one is wanted; issue 11). A piece is a
/// `String` (literals included), an ASCII byte, or a run of an ASCII text's bytes, so the bytes are always
/// valid UTF-8.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func append(bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        self.bytes.append(contentsOf: bytes)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    static func += (buffer: inout TextBuffer, text: String) {
        buffer.append(text)
    }

    /// The text, made once from the bytes.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
