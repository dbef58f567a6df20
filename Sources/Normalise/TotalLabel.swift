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
        var head: [UInt8] = []
        head.reserveCapacity(12)
        for byte in label.utf8.prefix(12) {
            // Case folding beyond ASCII can make a word of other characters (`ſubtotal`).
            guard byte < 0x80 else { return nil }
            head.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        for word in words where head.count >= word.count && head[..<word.count].elementsEqual(word) {
            guard word.count < head.count else {
                // The word is the whole label, or the label goes on past what was looked at.
                if label.utf8.count == word.count { return true }
                return nil
            }
            let next = head[word.count]
            if isWordByte(next) { continue }   // `totale` after `total`, or no boundary at all
            // Between letters these do not end a word (UAX #29 WB6-7): the expression decides.
            if next == UInt8(ascii: ".") || next == UInt8(ascii: ":") || next == UInt8(ascii: "'") { return nil }
            return true
        }
        return false
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
