internal import XMLIO

/// `xl/sharedStrings.xml`: the `<si>` items, rich-text runs joined and phonetic runs skipped.
///
/// Held in memory (capped by the part size); `uniqueCount` is never used to allocate.
struct SharedStringTable {
    var strings: [String] = []

    static func read(_ part: String, with reader: PartReader) throws -> SharedStringTable {
        let handler = Handler()
        try reader.parse(part, vocabulary: Handler.vocabulary, handler: handler, cap: 256 << 20)
        return SharedStringTable(strings: handler.strings)
    }

    private final class Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["si", "t", "rPh"], textElements: ["t"])
        var strings: [String] = []
        private var current = ""
        private var inPhonetic = false

        func startElement(_ element: Int, attributes: XMLAttributes) throws {
            switch element {
            case 0: current = ""
            case 2: inPhonetic = true
            default: break
            }
        }

        func endElement(_ element: Int, text: String?) throws {
            switch element {
            case 0: strings.append(OOXMLText.unescape(current))
            case 1: if !inPhonetic, let text { current += text }
            case 2: inPhonetic = false
            default: break
            }
        }
    }
}

/// OOXML's `_xHHHH_` escapes for characters XML cannot carry.
public enum OOXMLText {
    /// Decodes `_x000D_`-style escapes; `_x005F_` yields a literal `_`.
    public static func unescape(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "_", let end = s.index(i, offsetBy: 7, limitedBy: s.endIndex), end < s.endIndex || end == s.endIndex {
                let candidate = s[i..<end]
                if candidate.count == 7, candidate.dropFirst().first == "x", candidate.last == "_",
                   let code = UInt32(candidate.dropFirst(2).dropLast(), radix: 16), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                    i = end
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
