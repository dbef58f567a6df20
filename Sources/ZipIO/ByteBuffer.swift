/// Bytes being written, growing at the end: the XML of a package part before the archive takes
/// it (``ZipArchiveWriter/Segment``, ``ZipSpoolFile/append(_:)-(ByteBuffer)``).
///
/// A value, as `[UInt8]` is (a copy shares the storage until either side writes), but an append
/// costs a uniqueness check, a capacity check and a copy of the bytes: `Array.append(contentsOf:)`
/// took about 95 instructions for the few bytes of a tag and a byte-wise digit loop about 130 for
/// a number, and a run writes over a million of each (issue 11). The pointer code of the writer's
/// path lives here, in the module that owns the archive's memory.
public struct ByteBuffer {
    @usableFromInline var storage: Storage

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        storage = Storage(capacity: max(capacity, 16))
    }

    /// How many bytes were written.
    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.count == 0 }

    /// The bytes written, as an array (a copy).
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The byte at `index` (`0..<count`).
    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < storage.count, "ByteBuffer index out of range")
        return storage.base[index]
    }

    /// Hands over the bytes as an array and leaves the buffer empty with its capacity.
    public mutating func take() -> [UInt8] {
        let taken = bytes
        removeAll()
        return taken
    }

    /// Empties the buffer and keeps its storage for the next document.
    public mutating func removeAll() {
        unique()
        storage.count = 0
    }

    /// Drops the bytes from `offset` on (`0...count`): a partly written row undone.
    public mutating func removeSuffix(from offset: Int) {
        precondition(offset >= 0 && offset <= storage.count, "ByteBuffer offset out of range")
        unique()
        storage.count = offset
    }

    // MARK: Appending

    @inlinable public mutating func append(_ byte: UInt8) {
        let end = reserve(1)
        storage.base[end] = byte
        storage.count = end + 1
    }

    /// Appends trusted ASCII or UTF-8 known at compile time (markup).
    @inlinable public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a string's UTF-8.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func append(contentsOf bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a run of bytes read from elsewhere.
    @inlinable public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard let source = bytes.baseAddress, count > 0 else { return }
        let end = reserve(count)
        UnsafeMutableRawPointer(storage.base + end).copyMemory(from: source, byteCount: count)
        storage.count = end + count
    }

    /// Appends the decimal digits of `value`, at least `minimumCount` of them (leading zeros).
    public mutating func appendDigits(_ value: UInt64, minimumCount: Int = 1) {
        // Most numbers a sheet's XML holds are small (a style, a row, a shared string's number).
        if minimumCount <= 1, value < 100 {
            if value < 10 {
                append(0x30 &+ UInt8(truncatingIfNeeded: value))
            } else {
                let end = reserve(2)
                storage.base[end] = 0x30 &+ UInt8(truncatingIfNeeded: value / 10)
                storage.base[end + 1] = 0x30 &+ UInt8(truncatingIfNeeded: value % 10)
                storage.count = end + 2
            }
            return
        }
        // At most 20 digits for a UInt64, written backwards into room made first.
        var digits = 1, rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        rest = value
        let count = max(digits, min(minimumCount, 64))
        let end = reserve(count)
        let base = storage.base + end
        var index = count - 1
        while index >= 0 {
            base[index] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            index -= 1
        }
        storage.count = end + count
    }

    /// Makes the storage this value's own and room for `extra` more bytes; returns where they go.
    @inlinable mutating func reserve(_ extra: Int) -> Int {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(minimumCapacity: storage.count + extra) }
        let end = storage.count
        if storage.capacity - end < extra { storage.grow(toHold: end + extra) }
        return end
    }

    @usableFromInline mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(minimumCapacity: storage.capacity) }
    }

    /// Calls `body` with the bytes written (valid only inside `body`).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count)) }
    }

    /// The memory behind a ``ByteBuffer``.
    ///
    /// Its fields are read and written only through the ``ByteBuffer`` that owns it uniquely
    /// (`isKnownUniquelyReferenced` before every write), so the runtime's exclusivity tracking of
    /// class properties, which cost more than the appends themselves, is turned off for them.
    @usableFromInline final class Storage {
        @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<UInt8>
        @exclusivity(unchecked) @usableFromInline var count = 0
        @exclusivity(unchecked) @usableFromInline var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }

        @usableFromInline func copy(minimumCapacity: Int) -> Storage {
            let copy = Storage(capacity: max(minimumCapacity, capacity))
            copy.base.update(from: base, count: count)
            copy.count = count
            return copy
        }

        /// At least doubles the capacity, to hold `needed` bytes.
        @usableFromInline func grow(toHold needed: Int) {
            let larger = max(needed, capacity * 2)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.update(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = larger
        }
    }
}

extension ByteBuffer: Equatable {
    public static func == (lhs: ByteBuffer, rhs: ByteBuffer) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }
}
