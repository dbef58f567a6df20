/// A text's UTF-8 bytes, asked about without bridging to `NSString` (issue 11).
extension String {
    /// Whether every character is ASCII (each UTF-8 byte below 0x80): a text whose bytes can be
    /// taken one character each.
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// Whether the two texts hold the same UTF-8 bytes: not canonical equivalence, which `==`
    /// computes (dearly) for texts beyond ASCII. The lengths first, then the bytes in place.
    public func hasSameBytes(as other: String) -> Bool {
        utf8.count == other.utf8.count && NaturalOrder.sameBytes(self[...], other[...])
    }
}
