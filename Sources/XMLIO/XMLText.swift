/// The character content of a text element, handed to ``XMLEventHandler/endElement(_:text:)``.
///
/// A view on the parser's buffer that is valid only during that call: it is noncopyable and lent
/// to the handler, so it cannot be kept. Make a string with ``string()`` or read the bytes in place
/// with ``withBytes(_:)``.
public struct XMLText: ~Copyable {
    @usableFromInline let base: UnsafePointer<UInt8>
    /// Length in UTF-8 bytes.
    public let count: Int
    /// True for an element of the vocabulary's `textElements` whose content was collected; false
    /// for other elements and for a text element nested inside another one (always empty then).
    public let isCollected: Bool

    init(base: UnsafeMutablePointer<UInt8>, count: Int, isCollected: Bool) {
        self.base = UnsafePointer(base)
        self.count = count
        self.isCollected = isCollected
    }

    public var isEmpty: Bool { count == 0 }

    /// The text as a string (libxml2 has checked that it is UTF-8).
    public func string() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// The bytes in `range` (clamped to the text) as a string: a slice found with ``withBytes(_:)``.
    public func string(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), count), upper = min(max(range.upperBound, lower), count)
        return String(decoding: UnsafeBufferPointer(start: base + lower, count: upper - lower), as: UTF8.self)
    }

    /// Calls `body` with the text's bytes, without making a string.
    @inlinable
    public func withBytes<R>(_ body: (Span<UInt8>) throws -> R) rethrows -> R {
        let buffer = UnsafeBufferPointer(start: base, count: count)
        return try body(buffer.span)
    }
}
