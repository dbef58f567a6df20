/// A text's UTF-8 bytes, asked about without bridging to `NSString` (issue 11).
extension String {
    /// Whether every character is ASCII (each UTF-8 byte below 0x80): a text whose bytes can be
    /// taken one character each.
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// Whether the two texts hold the same UTF-8 bytes: not canonical equivalence, which `==`
    /// computes (dearly) for texts beyond ASCII. The bytes in place: the lengths, then one
    /// storage for both (the same text handed on, the common case), then byte by byte.
    /// (Through `Substring` this took about 660 instructions a call, a third of the workers'
    /// transfer at K = 58; on the views' own storage about 120.)
    public func hasSameBytes(as other: String) -> Bool {
        let inPlace = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count == theirs.count && (mine.baseAddress == theirs.baseAddress || mine.elementsEqual(theirs))
            }
        }
        if case .some(.some(let same)) = inPlace { return same }
        return utf8.elementsEqual(other.utf8)
    }
}
