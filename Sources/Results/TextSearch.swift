import Foundation

/// Substring search without bridging to `NSString` where it cannot matter (issue 11).
public enum TextSearch {
    /// Whether `text` contains `word`, as Foundation's `contains` says. Two ASCII texts are
    /// compared on their bytes: with no combining mark or composed letter in either, Foundation's
    /// canonical-equivalence search finds exactly the byte matches. Any other pair, and an empty
    /// word, goes to Foundation.
    public static func contains(_ text: String, _ word: String) -> Bool {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 } && word.utf8.allSatisfy { $0 < 0x80 }
        guard isASCII else { return text.contains(word) }
        let haystack = Array(text.utf8), needle = Array(word.utf8)
        guard let first = needle.first else { return text.contains(word) }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
