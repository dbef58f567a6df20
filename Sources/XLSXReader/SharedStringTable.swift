internal import XMLIO

/// Maps `<sst>` in `xl/sharedStrings.xml`: the `<si>` items, rich-text runs joined, phonetic
/// runs (`<rPh>`) skipped, `_xHHHH_` escapes decoded, each `<t>` trimmed as Excel shows it unless
/// it says `xml:space="preserve"` (`OOXMLText+Whitespace.swift`).
///
/// Held in memory (capped by the part size); `uniqueCount` is never used to allocate. Cells that
/// refer to the same item share its storage (Swift strings are copy-on-write), so a string used
/// 12,000 times costs its size once.
struct SharedStringTable {
    var strings: [String] = []

    static func read(_ part: String, with reader: PartReader, limits: ReaderLimits) throws -> SharedStringTable {
        let handler = Handler(file: reader.file, part: part, maxCharacters: limits.maxCellCharacters)
        return SharedStringTable(strings: try reader.parse(part, handler: handler, cap: limits.maxSharedStringsBytes).strings)
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["si", "t", "rPh"], textElements: ["t"], attributes: ["space"])
        let file: String
        let part: String
        let maxCharacters: Int
        var strings: [String] = []
        private var current = ""
        private var inPhonetic = false
        /// Whether the `<t>` being read says `xml:space="preserve"`.
        private var preserve = false

        init(file: String, part: String, maxCharacters: Int) {
            self.file = file
            self.part = part
            self.maxCharacters = maxCharacters
        }

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            switch element {
            case 0: current = ""
            case 1: preserve = OOXMLText.preserves(attributes, 0)
            case 2: inPhonetic = true
            default: break
            }
        }

        mutating func endElement(_ element: Int, text: borrowing XMLText) throws {
            switch element {
            case 0:
                guard OOXMLText.fits(current, maxCharacters: maxCharacters) else {
                    throw XLSXError(.resourceLimit, file: file, part: part,
                                    "shared string \(strings.count) is longer than \(maxCharacters) characters")
                }
                strings.append(current)
                current = ""
            case 1: if !inPhonetic, text.isCollected { current += OOXMLText.unescape(OOXMLText.shown(text, preserve: preserve)) }
            case 2: inPhonetic = false
            default: break
            }
        }
    }
}

/// OOXML's `_xHHHH_` escapes for characters XML cannot carry (ECMA-376 Part 1, 22.9.2.19).
public enum OOXMLText {
    /// Decodes `_x000D_`-style escapes: `_x005F_` yields a literal `_`, so `_x005F_x0041_` reads
    /// `_x0041_`; an escaped UTF-16 surrogate pair becomes its character; anything that is not a
    /// complete escape of a valid character is kept as written.
    public static func unescape(_ s: String) -> String {
        let underscore = UInt8(ascii: "_"), x = UInt8(ascii: "x")
        // Most texts hold no `_x`: told on the text's own bytes (a text's iterator took about 240
        // instructions a cell, issue 11). A text shorter than one escape (7 bytes) holds none.
        func mayHoldEscape(_ bytes: some Collection<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for b in bytes {
                if previous == underscore && b == x { return true }
                previous = b
            }
            return false
        }
        guard s.utf8.count >= 7,
              s.utf8.withContiguousStorageIfAvailable(mayHoldEscape) ?? mayHoldEscape(s.utf8) else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == underscore, let unit = escape(bytes, at: i) {
                if (0xD800...0xDBFF).contains(unit), let low = escape(bytes, at: i + 7), (0xDC00...0xDFFF).contains(low),
                   let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                    out.append(contentsOf: String(scalar).utf8)
                    i += 14
                    continue
                }
                if let scalar = Unicode.Scalar(unit) {
                    out.append(contentsOf: String(scalar).utf8)
                    i += 7
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The code unit of a complete `_xHHHH_` at `i`, or nil.
    private static func escape(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i >= 0, i + 6 < bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt32 = 0
        for b in bytes[(i + 2)..<(i + 6)] {
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Whether `s` holds at most `maxCharacters` UTF-16 code units (Excel counts characters so).
    static func fits(_ s: String, maxCharacters: Int) -> Bool {
        s.utf8.count <= maxCharacters || s.utf16.count <= maxCharacters
    }
}
