/// Trimming horizontal space without Foundation (issue 11): `trimmingCharacters(in: .whitespaces)`
/// bridges every string to `NSString` and back, about 10,000 instructions a call, which a large
/// run paid per risk, per stated total and per header.
extension StringProtocol {
    /// The text without the leading and trailing scalars of Foundation's `CharacterSet.whitespaces`
    /// (general category Zs, U+0009 CHARACTER TABULATION and, on Linux, U+200B ZERO WIDTH SPACE), trimmed scalar by scalar as
    /// `trimmingCharacters(in: .whitespaces)` trims them: line breaks stay, and so does a combining
    /// mark that followed a trimmed space. `HorizontalSpaceTests` compares the two on every scalar.
    public var trimmingHorizontalSpace: String {
        let text = Substring(self)
        // Most texts start and end with ASCII that is not a space or a tab: nothing to trim.
        if let first = text.utf8.first, let last = text.utf8.last,
           first < 0x80, first != 0x20, first != 0x09, last < 0x80, last != 0x20, last != 0x09 {
            return String(text)
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].isHorizontalSpace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].isHorizontalSpace else { break }
            end = before
        }
        return String(text[start..<end])
    }
}

extension Unicode.Scalar {
    /// A space or tab in the sense of Foundation's `CharacterSet.whitespaces`: U+0009, general
    /// category Zs (U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), and U+200B
    /// ZERO WIDTH SPACE, which swift-corelibs-foundation's set holds too (`HorizontalSpaceTests`).
    public var isHorizontalSpace: Bool {
        if isASCII { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
