import Results

/// The transfer's table of strings, each in it once, told apart by its UTF-8 bytes: every text
/// reads back exactly as it was written. (A `[String: UInt32]` told them apart as Swift's `==`
/// does, which makes canonically equivalent texts one: `é` as one scalar and `é` as `e` and a
/// combining accent took the same entry, and the second came back as the first.) A text is found
/// through a hash of its bytes (FNV-1a), not Swift's hashing, which cost about 650 instructions a
/// look-up and was a worker's commonest (42,000 look-ups for a K = 58 run's files; issue 11).
struct TransferStrings {
    /// The texts in the order of their first use: the table the result starts with.
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing: a text's index + 1 in each used slot, 0 in an empty one; a
    /// power of two long, at most three quarters used.
    private var slots = [UInt32](repeating: 0, count: 256)

    /// The index of `text`, added at the end when new.
    mutating func index(of text: String) -> UInt32 {
        let hash = Self.hash(text), mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if hashes[index] == hash, strings[index].hasSameBytes(as: text) { return UInt32(index) }
            slot = (slot + 1) & mask
        }
        strings.append(text)
        hashes.append(hash)
        slots[slot] = UInt32(strings.count)
        if strings.count * 4 > slots.count * 3 { grow() }
        return UInt32(strings.count - 1)
    }

    /// Twice the slots, each text placed again by its stored hash.
    private mutating func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(index + 1)
        }
        slots = larger
    }

    /// FNV-1a over the text's UTF-8 bytes, the top bits folded in (the slot takes the low ones).
    static func hash(_ text: String) -> UInt64 {
        // `withUTF8` hands a short (inline) text's bytes over too, copied to the stack.
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return hash ^ (hash >> 29)
        }
    }
}
