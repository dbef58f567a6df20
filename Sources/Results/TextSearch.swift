import Foundation

/// Substring search without bridging to `NSString` where it cannot matter (issue 11).
public enum TextSearch {
    /// Whether `text` contains `word`, as Foundation's `contains` says. Two ASCII texts are
    /// compared on their bytes: with no combining mark or composed letter in either, Foundation's
    /// canonical-equivalence search finds exactly the byte matches. Any other pair, and an empty
    /// word, goes to Foundation.
    public static func contains(_ text: String, _ word: String) -> Bool {
        guard !word.isEmpty, text.isASCII, word.isASCII else { return text.contains(word) }
        // On the contiguous bytes (the standard library's generic `firstRange(of:)` took ten
        // times as many instructions here).
        var text = text, word = word
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in
                guard needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                    if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
                }
                return false
            }
        }
    }
}
