/// The attributes of the current start tag, indexed by their ``XMLVocabulary`` number.
///
/// A view on libxml2's bytes that is valid only while ``XMLEventHandler/startElement(_:attributes:)``
/// runs: it is noncopyable and lent to the handler, so it cannot be kept. Read values as strings
/// (`attributes[0]`) or, on hot paths, as bytes without making a string (``withValue(_:_:)``).
public struct XMLAttributes: ~Copyable {
    @usableFromInline let slots: UnsafePointer<AttributeSlot>
    @usableFromInline let count: Int
    @usableFromInline let generation: UInt64

    init(slots: UnsafeMutablePointer<AttributeSlot>, count: Int, generation: UInt64) {
        self.slots = UnsafePointer(slots)
        self.count = count
        self.generation = generation
    }

    @inlinable @inline(__always)
    func slot(_ index: Int) -> AttributeSlot? {
        guard index >= 0, index < count else { return nil }
        let slot = slots[index]
        return slot.generation == generation ? slot : nil
    }

    /// Whether the tag carries vocabulary attribute `index`.
    @inlinable
    public func contains(_ index: Int) -> Bool { slot(index) != nil }

    /// The value of vocabulary attribute `index`, or nil when the tag does not carry it.
    public subscript(_ index: Int) -> String? {
        guard let slot = slot(index) else { return nil }
        return Self.decode(UnsafeBufferPointer(start: slot.start, count: slot.count))
    }

    /// Calls `body` with the bytes of attribute `index` (nil when absent), without making a string.
    ///
    /// The bytes are libxml2's UTF-8 with every reference decoded except `&`, which arrives as
    /// the five bytes `&#38;` (see ``subscript(_:)``, which undoes it): compare them with values
    /// that hold no `&`, or use the subscript.
    @inlinable
    public func withValue<R>(_ index: Int, _ body: (Span<UInt8>) throws -> R) rethrows -> R? {
        guard let slot = slot(index) else { return nil }
        let buffer = UnsafeBufferPointer(start: slot.start, count: slot.count)
        return try body(buffer.span)
    }

    /// An attribute value as libxml2 hands it to SAX2 without entity substitution: every `&` of the
    /// value (written `&amp;`, `&#38;` or `&#x26;` in the file) arrives as the five bytes `&#38;`, and
    /// every other reference is already decoded. Undoing that one escape, left to right, gives the
    /// value exactly.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let amp = UInt8(ascii: "&")
        guard raw.contains(amp) else { return String(decoding: raw, as: UTF8.self) }
        let escape: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == amp, i + escape.count <= raw.count, raw[i..<(i + escape.count)].elementsEqual(escape) {
                out.append(amp)
                i += escape.count
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Where the value of one vocabulary attribute lies in libxml2's buffer; current when its
/// generation is the start tag's.
@usableFromInline
struct AttributeSlot {
    @usableFromInline var start: UnsafePointer<UInt8>?
    @usableFromInline var count: Int
    @usableFromInline var generation: UInt64

    init(start: UnsafePointer<UInt8>?, count: Int, generation: UInt64) {
        self.start = start
        self.count = count
        self.generation = generation
    }
}
