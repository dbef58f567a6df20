/// Whether a row's first text names a total or a subtotal (domain.md b.3): the patterns as regular
/// expressions, and their answer for an ASCII label read off its first bytes.
///
/// The expressions cost about 17,000 instructions a label in every process that reads sheets
/// (issue 11: every row whose first text begins with `t` or `s`, a title as often as a total).
/// For a label whose first bytes are ASCII the answer is the same from the bytes: a word of the
/// pattern in either case, then the end of the text or a character that starts another word.
/// Where Unicode's word boundary depends on what follows (`.`, `:`, `'` between letters, or a
/// character beyond ASCII) and where case folding reaches beyond ASCII (`ſ`, the Kelvin sign),
/// the expression decides. `TotalLabelTests` compares both on generated labels.
enum TotalLabel {
    nonisolated(unsafe) static let total = #/^(?i)(total|subtotal|sub-total|sous-total|totale?|suma)\b/#
    nonisolated(unsafe) static let subtotal = #/^(?i)(subtotal|sub-total|sous-total)\b/#

    static let totalWords = ["total", "subtotal", "sub-total", "sous-total", "totale", "suma"].map { Array($0.utf8) }
    static let subtotalWords = ["subtotal", "sub-total", "sous-total"].map { Array($0.utf8) }

    /// Whether `label` is a total's label (``total``).
    static func isTotal(_ label: String) -> Bool {
        // Every word begins with `t` or `s`: any other ASCII first character is no total.
        if let first = label.utf8.first, first < 0x80, first | 0x20 != UInt8(ascii: "t"), first | 0x20 != UInt8(ascii: "s") { return false }
        return ascii(label, words: totalWords) ?? label.contains(total)
    }

    /// Whether `label` is a subtotal's label (``subtotal``).
    static func isSubtotal(_ label: String) -> Bool {
        ascii(label, words: subtotalWords) ?? label.contains(subtotal)
    }

    /// The pattern's answer for `words` from the label's first bytes, or nil when the expression
    /// must give it.
    static func ascii(_ label: String, words: [[UInt8]]) -> Bool? {
        let utf8 = label.utf8
        // Case folding beyond ASCII can make a word of other characters (`ſubtotal`). Twelve bytes
        // cover the longest word and the character after it.
        guard !utf8.prefix(12).contains(where: { $0 >= 0x80 }) else { return nil }
        for word in words {
            var bytes = utf8.makeIterator()
            guard word.allSatisfy({ bytes.next().map(ASCIIBytes.lowercased) == $0 }) else { continue }
            guard let next = bytes.next().map(ASCIIBytes.lowercased) else { return true }   // the word is the whole label
            if ASCIIBytes.isLowerAlphanumeric(next) || next == UInt8(ascii: "_") { continue }   // `totale` after `total`, or no boundary
            // Between letters these do not end a word (UAX #29 WB6-7): the expression decides.
            if next == UInt8(ascii: ".") || next == UInt8(ascii: ":") || next == UInt8(ascii: "'") { return nil }
            return true
        }
        return false
    }
}
