/// What the patterns' classes mean on an ASCII text's bytes, for the patterns matched there in
/// place of their regular expressions (``CodePatterns``, ``CodeText``, ``HeaderKey``,
/// ``HeaderYear``, ``TotalLabel``): Unicode's classes restricted to ASCII, and the year-and-second-
/// year run that the header patterns share.
enum ASCIIBytes {
    /// `\s`: tab, line feed, vertical tab, form feed, carriage return and space (Unicode's
    /// White_Space within ASCII).
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// `\d` with ASCII digits only.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// `A`-`Z` as `a`-`z`; any other byte as it is.
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 32 : byte }

    /// A lower-case letter or a digit (after ``lowercased(_:)``).
    @inline(__always) static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || isDigit(byte) }

    /// Where a year starting at `start` ends: `20` (or `19` too, `from1900`) and two digits; nil
    /// when none starts there.
    static func yearEnd(in bytes: [UInt8], at start: Int, from1900: Bool) -> Int? {
        guard start + 3 < bytes.count else { return nil }
        let century = (bytes[start], bytes[start + 1])
        guard century == (0x32, 0x30) || (from1900 && century == (0x31, 0x39)), isDigit(bytes[start + 2]), isDigit(bytes[start + 3]) else { return nil }
        return start + 4
    }

    /// After a year ending at `end`: `\s*[-/]\s*` and the digits that follow it (the range may be
    /// empty); nil when no `-` or `/` follows.
    static func secondYearDigits(in bytes: [UInt8], after end: Int) -> Range<Int>? {
        var i = end
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        let digits = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        return digits..<i
    }
}
