/// Appends XML to a reusable byte buffer, escaping text and attribute values as OOXML expects.
///
/// Element and attribute names are trusted ASCII; values are escaped. Besides the five XML
/// entities, characters that XML 1.0 cannot carry (C0 controls other than tab and line feed,
/// U+FFFE, U+FFFF) and carriage returns, which XML parsers would normalise away, are written as
/// `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 `ST_Xstring`); a literal `_xHHHH_` in the text gets its
/// underscore escaped as `_x005F_` so that readers do not decode it. Sheet names are the exception
/// (`literal` attributes): readers (ours, calamine, openpyxl) take them as written, so a literal
/// `_xHHHH_` stays as it is, and the writer refuses the characters that would need the escape.
struct XMLWriter {
    /// The XML written so far, UTF-8.
    var bytes: [UInt8]

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer and keeps its storage for the next document.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Hands over the bytes and leaves the buffer empty.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    // MARK: Elements

    /// Writes `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and a line feed.
    mutating func writeDeclaration() {
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
    }

    /// Writes `<name a="v"…>`.
    mutating func startElement(_ name: StaticString, _ attributes: KeyValuePairs<String, String> = [:]) {
        openTag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name a="v"…/>`.
    mutating func emptyElement(_ name: StaticString, _ attributes: KeyValuePairs<String, String> = [:]) {
        openTag(name, attributes)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name a="v"…>` with attributes decided at run time, in order.
    mutating func startElement(_ name: StaticString, attributes: [(key: String, value: String)]) {
        openTag(name, attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name a="v"…/>` with attributes decided at run time, in order. `literal` values get
    /// the XML entities only, no `_xHHHH_` escape (sheet names).
    mutating func emptyElement(_ name: StaticString, attributes: [(key: String, value: String)], literal: Bool = false) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        appendAttributes(attributes, literal: literal)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `</name>`.
    mutating func endElement(_ name: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Writes `<name a="v"…>text</name>`.
    mutating func textElement(
        _ name: StaticString, _ attributes: KeyValuePairs<String, String> = [:], text: String
    ) {
        startElement(name, attributes)
        self.text(text)
        endElement(name)
    }

    /// Writes escaped character data.
    mutating func text(_ value: String) {
        appendEscaped(value, inAttribute: false)
    }

    private mutating func openTag(_ name: StaticString, _ attributes: KeyValuePairs<String, String>) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        appendAttributes(attributes)
    }

    private mutating func openTag(_ name: StaticString, _ attributes: [(key: String, value: String)]) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        appendAttributes(attributes)
    }

    private mutating func appendAttributes(_ attributes: some Sequence<(key: String, value: String)>, literal: Bool = false) {
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            rawText(key)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            appendEscaped(value, inAttribute: true, literal: literal)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    // MARK: Raw and escaped text

    /// Appends trusted markup as is.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends trusted markup made at run time as is.
    mutating func rawText(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends `value` escaped for character data or for a double-quoted attribute value; a
    /// `literal` value keeps a literal `_xHHHH_` as it is (see the type's note).
    mutating func appendEscaped(_ value: String, inAttribute: Bool, literal: Bool = false) {
        // On the string's own bytes (a native string's are contiguous; another is made so).
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, inAttribute: inAttribute, literal: literal) }) == nil {
            var value = value
            value.withUTF8 { appendEscaped($0, inAttribute: inAttribute, literal: literal) }
        }
    }

    /// Most cell text needs no escaping: check first (eight bytes at a time), then copy it in
    /// one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, inAttribute: Bool, literal: Bool) {
        let clear = ByteWords.skip(utf8, from: 0, while: Self.isPlainWord)
        if let first = utf8[clear...].firstIndex(where: { $0 < 0x20 || Self.isMarkupOrEscapeStart($0) }) {
            appendEscapedSlowly(utf8, from: first, inAttribute: inAttribute, literal: literal)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// Whether none of eight bytes is a control character or ``isMarkupOrEscapeStart(_:)``.
    @inline(__always)
    private static func isPlainWord(_ word: UInt64) -> Bool {
        !(ByteWords.below(word, 0x20) || ByteWords.contains(word, UInt8(ascii: "&")) || ByteWords.contains(word, UInt8(ascii: "<"))
            || ByteWords.contains(word, UInt8(ascii: ">")) || ByteWords.contains(word, UInt8(ascii: "\""))
            || ByteWords.contains(word, UInt8(ascii: "_")) || ByteWords.contains(word, 0xEF))
    }

    @inline(__always)
    private static func isMarkupOrEscapeStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "_"), 0xEF:
            true
        default:
            false
        }
    }

    /// Copies the runs of bytes that need no escape whole, escaping the bytes between them (a
    /// note's text, with its line feeds, comes this way). `start` is the first byte that may need
    /// an escape: the bytes before it are copied as they are.
    private mutating func appendEscapedSlowly(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, inAttribute: Bool, literal: Bool) {
        var index = start, runStart = 0
        while index < utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || Self.isMarkupOrEscapeStart(byte) else {
                // Then whole words of plain text at once (a source's file name, `FP_ITU_2022.xlsx`,
                // comes this way for its underscores).
                index = ByteWords.skip(utf8, from: index + 1, while: Self.isPlainWord)
                continue
            }
            let replacement: StaticString?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where inAttribute: replacement = "&quot;"
            // Attribute-value normalisation would turn these into spaces.
            case UInt8(ascii: "\t") where inAttribute: replacement = "&#9;"
            case UInt8(ascii: "\n") where inAttribute: replacement = "&#10;"
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): replacement = nil
            case 0..<0x20:
                appendRun(utf8, from: runStart, to: index)
                appendCodeUnitEscape(UInt16(byte))
                index += 1
                runStart = index
                continue
            case UInt8(ascii: "_") where !literal && Self.startsCodeUnitEscape(utf8, at: index): replacement = "_x005F_"
            case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                // U+FFFE and U+FFFF are not XML characters.
                appendRun(utf8, from: runStart, to: index)
                appendCodeUnitEscape(utf8[index + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                index += 3
                runStart = index
                continue
            default: replacement = nil
            }
            index += 1
            if let replacement {
                appendRun(utf8, from: runStart, to: index - 1)
                raw(replacement)
                runStart = index
            }
        }
        appendRun(utf8, from: runStart, to: utf8.count)
    }

    private mutating func appendRun(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if start < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end])) }
    }

    /// Whether `utf8[index...]` reads `_xHHHH_`, which a reader would decode.
    private static func startsCodeUnitEscape(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 6 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"), utf8[index + 6] == UInt8(ascii: "_")
        else { return false }
        return utf8[(index + 2)..<(index + 6)].allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                true
            default:
                false
            }
        }
    }

    private mutating func appendCodeUnitEscape(_ unit: UInt16) {
        raw("_x")
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8((unit >> UInt16(shift)) & 0xF)
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
        }
        bytes.append(UInt8(ascii: "_"))
    }
}
