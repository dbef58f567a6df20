/// The natural order of domain.md (d) "Sort order": digit runs compare as integers, other runs by
/// Unicode scalar values; equal keys fall back to the scalar order of the whole text.
///
/// A comparison splits both strings into runs; to sort many strings, build each one's ``Key``
/// once (``sorted(_:by:)``) rather than re-splitting both strings on every comparison.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        asciiLess(a, b) ?? (Key(a) < Key(b))
    }

    /// ``Key``'s order for two ASCII strings, walking both once without building their runs (a
    /// comparison of two codes built two keys, four arrays, each time: issue 11); nil when either
    /// holds a non-ASCII byte (``Key`` then compares runs by Unicode equality).
    static func asciiLess(_ a: String, _ b: String) -> Bool? {
        // On the strings' own bytes where they are contiguous (native strings are), else through
        // their UTF-8 views: the same walk either way.
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in b.utf8.withContiguousStorageIfAvailable { pb in walk(pa, pb) } }
        if case .some(.some(let result)) = fast { return result }
        return walk(a.utf8, b.utf8)
    }

    private static func walk<C: Collection>(_ ua: C, _ ub: C) -> Bool? where C.Element == UInt8 {
        var ia = ua.startIndex, ib = ub.startIndex
        var digits = false   // runs alternate from a text run
        while true {
            let sa = ia, sb = ib
            while ia != ua.endIndex {
                let c = ua[ia]
                if c >= 128 { return nil }
                if (c >= 48 && c <= 57) != digits { break }
                ua.formIndex(after: &ia)
            }
            while ib != ub.endIndex {
                let c = ub[ib]
                if c >= 128 { return nil }
                if (c >= 48 && c <= 57) != digits { break }
                ub.formIndex(after: &ib)
            }
            let p = ua[sa..<ia], q = ub[sb..<ib]
            if !p.elementsEqual(q) {
                if digits {
                    // Fewer significant digits is smaller, then digit by digit; runs that differ
                    // only in leading zeros are equal here.
                    let pz = p.drop { $0 == 48 }, qz = q.drop { $0 == 48 }
                    let pc = pz.count, qc = qz.count
                    if pc != qc { return pc < qc }
                    if !pz.elementsEqual(qz) { return pz.lexicographicallyPrecedes(qz) }
                } else {
                    return p.lexicographicallyPrecedes(q)
                }
            }
            let aMore = ia != ua.endIndex, bMore = ib != ub.endIndex
            if aMore != bMore { return bMore }   // fewer runs is smaller
            if !aMore { return ua.lexicographicallyPrecedes(ub) }
            digits.toggle()
        }
    }

    /// A string prepared once for comparing: compare keys in place of the strings.
    public struct Key: Comparable, Sendable {
        public let text: String
        /// The key as bytes whose plain byte order is the runs' order (``pack(_:)``), or nil.
        let packed: [UInt8]?
        /// The text's runs, made here only for a text that does not pack; a packed key compared
        /// with such a text splits its own then (``runs``), so no key is prepared twice.
        private let split: Runs?

        public init(_ s: String) {
            text = s
            packed = Self.pack(s)
            split = packed == nil ? Runs(s) : nil
        }

        /// The runs, split now for a packed key.
        private var runs: Runs { split ?? Runs(text) }

        /// A text split into its runs: the first is text (possibly empty), then the kinds alternate.
        struct Runs {
            /// Text runs as they are; digit runs without their leading zeros.
            var runs: [Substring] = []
            /// Each run as the text has it (only needed to tell equal runs apart).
            var original: [Substring] = []

            init(_ s: String) {
                runs.reserveCapacity(4)
                original.reserveCapacity(4)
                let u = s.unicodeScalars
                var start = u.startIndex
                var inDigits = false
                var i = u.startIndex
                while i != u.endIndex {
                    let v = u[i].value
                    let isDigit = v >= 48 && v <= 57
                    if isDigit != inDigits {
                        append(Substring(u[start..<i]), digits: inDigits)
                        start = i
                        inDigits = isDigit
                    }
                    u.formIndex(after: &i)
                }
                append(Substring(u[start..<i]), digits: inDigits)
            }

            private mutating func append(_ run: Substring, digits: Bool) {
                original.append(run)
                runs.append(digits ? run.drop { $0 == "0" } : run)
            }
        }

        /// `text` as bytes whose order is the order of its runs (issue 11: a sort compares two keys
        /// in one pass over two byte arrays instead of walking their runs): the text's own bytes, each
        /// digit run replaced by its count of significant digits, a byte below every character's,
        /// then those digits. So a shorter digit run is smaller, and a text that ends where the
        /// other goes on is smaller, as run by run. Nil for a text this cannot stand for: a non-ASCII
        /// byte (runs then compare by Unicode equality), a control character (not above the
        /// counts), a digit run of more than 31 significant digits.
        static func pack(_ s: String) -> [UInt8]? {
            let bytes = Array(s.utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 4)
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                guard c >= 32, c < 128 else { return nil }
                guard c >= 48, c <= 57 else {
                    out.append(c)
                    i += 1
                    continue
                }
                var end = i
                while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
                var first = i
                while first < end, bytes[first] == 48 { first += 1 }
                guard end - first <= 31 else { return nil }
                out.append(UInt8(end - first))
                out.append(contentsOf: bytes[first..<end])
                i = end
            }
            return out
        }

        /// -1, 0 or 1 as `a` comes before, is equal to or comes after `b`: one comparison where
        /// a sort by several fields asked `==` then `<`.
        public static func order(_ a: Key, _ b: Key) -> Int {
            if let p = a.packed, let q = b.packed {
                let order = packedOrder(p, q)
                return order != 0 ? order : textOrder(a.text, b.text)
            }
            return a == b ? 0 : a < b ? -1 : 1
        }

        /// The order of two packed keys' bytes; 0 for equal runs (they differ at most in leading
        /// zeros), which ``textOrder(_:_:)`` then tells apart.
        private static func packedOrder(_ p: [UInt8], _ q: [UInt8]) -> Int {
            let n = min(p.count, q.count)
            var i = 0
            while i < n {
                if p[i] != q[i] { return p[i] < q[i] ? -1 : 1 }
                i += 1
            }
            return p.count == q.count ? 0 : p.count < q.count ? -1 : 1
        }

        /// The whole texts' scalar order.
        private static func textOrder(_ a: String, _ b: String) -> Int {
            a.utf8.elementsEqual(b.utf8) ? 0 : bytesLess(Substring(a), Substring(b)) ? -1 : 1
        }

        public static func < (a: Key, b: Key) -> Bool {
            if a.packed != nil, b.packed != nil { return order(a, b) < 0 }
            let (x, y) = (a.runs, b.runs)
            let n = min(x.runs.count, y.runs.count)
            var i = 0
            while i < n {
                // Runs alternate from a text run, so index parity gives the kind on both sides.
                // Equal bytes are equal runs: the Unicode comparison only when the bytes differ.
                if !sameBytes(x.original[i], y.original[i]) && x.original[i] != y.original[i] {
                    let p = x.runs[i], q = y.runs[i]
                    if i % 2 == 1 {
                        // Digits (ASCII): fewer significant digits is smaller, then digit by digit.
                        if p.utf8.count != q.utf8.count { return p.utf8.count < q.utf8.count }
                        if p != q { return bytesLess(p, q) }
                    } else {
                        return bytesLess(p, q)
                    }
                }
                i += 1
            }
            if x.runs.count != y.runs.count { return x.runs.count < y.runs.count }
            return bytesLess(Substring(a.text), Substring(b.text))
        }

        public static func == (a: Key, b: Key) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        /// `order(keys[i], keys[j])`, read where the keys are: a sort that took each key out of
        /// its array to compare it copied its text, bytes and runs every time, which cost more
        /// than the comparison (issue 11).
        public static func order(_ keys: [Key], _ i: Int, _ j: Int) -> Int {
            guard let p = keys[i].packed, let q = keys[j].packed else { return order(keys[i], keys[j]) }
            let order = packedOrder(p, q)
            return order != 0 ? order : textOrder(keys[i].text, keys[j].text)
        }

        /// `keys[i] < keys[j]`, read where the keys are (as ``order(_:_:_:)``).
        public static func less(_ keys: [Key], _ i: Int, _ j: Int) -> Bool {
            order(keys, i, j) < 0
        }
    }

    /// `items` in the natural order of `key`, each key built once.
    public static func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        let keys = items.map { Key(key($0)) }
        return items.indices.sorted { Key.less(keys, $0, $1) }.map { items[$0] }
    }

    public static func scalarLess(_ a: String, _ b: String) -> Bool {
        bytesLess(Substring(a), Substring(b))
    }

    /// Scalar order: UTF-8 byte order is Unicode scalar order.
    @inline(__always)
    static func bytesLess(_ a: Substring, _ b: Substring) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in b.utf8.withContiguousStorageIfAvailable { pb in pa.lexicographicallyPrecedes(pb) } }
        if case .some(.some(let less)) = fast { return less }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether two texts have the same UTF-8 bytes, compared in place where they are contiguous.
    static func sameBytes(_ a: Substring, _ b: Substring) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in b.utf8.withContiguousStorageIfAvailable { pb in pa.elementsEqual(pb) } }
        if case .some(.some(let same)) = fast { return same }
        return a.utf8.elementsEqual(b.utf8)
    }
}
