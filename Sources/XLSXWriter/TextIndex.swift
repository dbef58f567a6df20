/// Texts numbered in the order of their first use, each found through its hash: a look-up hashes
/// the text once, and a table that grows moves the stored hashes, never hashing a text again (a
/// `[String: Int]` rehashed every text at each doubling, a third of the shared strings' time at
/// scale; issue 11). Texts are told apart as Swift strings are (canonically equivalent texts are
/// one text), exactly as the dictionary keyed them.
struct TextIndex {
    private(set) var texts: [String] = []
    private var hashes: [Int] = []
    /// Open addressing, linear probing: a text's number + 1 in each used slot, 0 in an empty one;
    /// a power of two long, at most three quarters used.
    private var slots = [Int](repeating: 0, count: 64)

    var count: Int { texts.count }

    /// The number of `text`, given it when new.
    mutating func number(of text: String) -> Int {
        let hash = text.hashValue, mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if hashes[number] == hash && texts[number] == text { return number }
            slot = (slot + 1) & mask
        }
        texts.append(text)
        hashes.append(hash)
        slots[slot] = texts.count
        if texts.count * 4 > slots.count * 3 { grow() }
        return texts.count - 1
    }

    /// Twice the slots, each text placed again by its stored hash.
    private mutating func grow() {
        var larger = [Int](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = hash & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = number + 1
        }
        slots = larger
    }
}
