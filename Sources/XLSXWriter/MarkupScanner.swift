internal import XLSXCore

/// Splits XML bytes into text runs and markup (tags, comments, CDATA, processing instructions)
/// without building anything: what ``PackageAmender`` needs to copy a part through and change a
/// few tags in place.
///
/// It works on a buffer that may end in the middle of a tag (a worksheet read in chunks): `next`
/// then answers nil and the caller keeps the unfinished bytes for the next chunk. It refuses a
/// DOCTYPE (OOXML forbids DTDs, ECMA-376 Part 2 M1.18), markup longer than
/// ``maxMarkupBytes`` and nesting deeper than the caller allows; it never traps on malformed input.
struct MarkupScanner {
    enum Kind: Equatable {
        case text
        case startTag
        case emptyTag
        case endTag
        /// A comment, CDATA section, or processing instruction: copied as it is.
        case other
    }

    struct Token {
        var kind: Kind
        var range: Range<Int>
    }

    /// A part the scanner cannot read.
    struct Failure: Error {
        var message: String
    }

    static let maxMarkupBytes = 1 << 20

    /// The token at `start` of `bytes`, or nil when `start` is the end or the markup there is not
    /// complete yet (more bytes are needed; at the end of the part that is an error).
    static func next(in bytes: [UInt8], from start: Int, isFinal: Bool) throws(Failure) -> Token? {
        guard start < bytes.count else { return nil }
        if bytes[start] != lt {
            let end = find(lt, in: bytes, from: start) ?? bytes.count
            return Token(kind: .text, range: start..<end)
        }
        let available = bytes.count - start
        func incomplete() throws(Failure) -> Token? {
            if isFinal { throw Failure(message: "the part ends inside markup") }
            if available > maxMarkupBytes { throw Failure(message: "markup longer than \(maxMarkupBytes) bytes") }
            return nil
        }
        if available < 2 { return try incomplete() }
        switch bytes[start + 1] {
        case UInt8(ascii: "!"):
            if available < 9 && !isFinal { return nil }
            if hasPrefix("<!--", bytes, at: start) {
                guard let end = find("-->", in: bytes, from: start + 4) else { return try incomplete() }
                return Token(kind: .other, range: start..<end + 3)
            }
            if hasPrefix("<![CDATA[", bytes, at: start) {
                guard let end = find("]]>", in: bytes, from: start + 9) else { return try incomplete() }
                return Token(kind: .other, range: start..<end + 3)
            }
            throw Failure(message: "a DOCTYPE or declaration (OOXML forbids them)")
        case UInt8(ascii: "?"):
            guard let end = find("?>", in: bytes, from: start + 2) else { return try incomplete() }
            return Token(kind: .other, range: start..<end + 2)
        case UInt8(ascii: "/"):
            guard let end = find(gt, in: bytes, from: start + 2) else { return try incomplete() }
            return Token(kind: .endTag, range: start..<end + 1)
        default:
            // Attribute values may hold `>`: skip quoted runs.
            var quote: UInt8 = 0
            var index = start + 1
            while index < bytes.count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == gt {
                    let empty = bytes[index - 1] == UInt8(ascii: "/")
                    return Token(kind: empty ? .emptyTag : .startTag, range: start..<index + 1)
                } else if byte == lt {
                    throw Failure(message: "'<' inside a tag")
                }
                index += 1
            }
            return try incomplete()
        }
    }

    /// The element name of a start, empty or end tag (with its prefix).
    static func name(of token: Token, in bytes: [UInt8]) -> Range<Int> {
        var start = token.range.lowerBound + 1
        if token.kind == .endTag { start += 1 }
        var end = start
        while end < token.range.upperBound, !isNameEnd(bytes[end]) { end += 1 }
        return start..<end
    }

    /// Whether the tag's name without its prefix is `local`.
    static func hasLocalName(_ local: String, _ token: Token, in bytes: [UInt8]) -> Bool {
        let name = name(of: token, in: bytes)
        var start = name.lowerBound
        for index in name where bytes[index] == UInt8(ascii: ":") { start = index + 1 }
        return equals(bytes, start..<name.upperBound, local)
    }

    /// Whether `bytes[range]` is `text`'s UTF-8: lengths first, which tells most names apart
    /// without a byte compared (issue 11: a worksheet's every row and cell tag is asked).
    @inline(__always)
    static func equals(_ bytes: [UInt8], _ range: Range<Int>, _ text: String) -> Bool {
        let utf8 = text.utf8
        guard range.count == utf8.count else { return false }
        var index = range.lowerBound
        for byte in utf8 {
            guard bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The prefix of the tag's name with its colon (`x:`), or empty.
    static func prefix(of token: Token, in bytes: [UInt8]) -> [UInt8] {
        let name = name(of: token, in: bytes)
        guard let colon = bytes[name].lastIndex(of: UInt8(ascii: ":")) else { return [] }
        return Array(bytes[name.lowerBound...colon])
    }

    struct Attribute {
        var name: Range<Int>
        /// The value's bytes between the quotes, still escaped.
        var value: Range<Int>
    }

    /// The attributes of a start or empty tag, in order.
    static func attributes(of token: Token, in bytes: [UInt8]) -> [Attribute] {
        var found: [Attribute] = []
        visitAttributes(of: token, in: bytes) { attribute in
            found.append(attribute)
            return true
        }
        return found
    }

    /// Hands `body` each attribute of a start or empty tag, in order, until it answers false;
    /// nothing is built (a worksheet's cells are read this way, issue 11).
    static func visitAttributes(of token: Token, in bytes: [UInt8], _ body: (Attribute) -> Bool) {
        var index = name(of: token, in: bytes).upperBound
        let end = token.range.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !isNameEnd(bytes[index]) { index += 1 }
            let nameEnd = index
            guard nameEnd > nameStart else { break }
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else { break }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { break }
            let quote = bytes[index]
            let valueStart = index + 1
            guard let valueEnd = find(quote, in: bytes, from: valueStart), valueEnd < end else { break }
            guard body(Attribute(name: nameStart..<nameEnd, value: valueStart..<valueEnd)) else { return }
            index = valueEnd + 1
        }
    }

    /// The value of the attribute named exactly `name` (or, with `anyPrefix`, `p:name`), unescaped.
    static func attribute(_ name: String, of token: Token, in bytes: [UInt8], anyPrefix: Bool = false) -> String? {
        attributeRange(name, of: token, in: bytes, anyPrefix: anyPrefix).map { unescape(bytes[$0]) }
    }

    static func attributeRange(_ name: String, of token: Token, in bytes: [UInt8], anyPrefix: Bool = false) -> Range<Int>? {
        var match: Range<Int>?
        visitAttributes(of: token, in: bytes) { attribute in
            var start = attribute.name.lowerBound
            if anyPrefix, let colon = bytes[attribute.name].lastIndex(of: UInt8(ascii: ":")) { start = colon + 1 }
            guard equals(bytes, start..<attribute.name.upperBound, name) else { return true }
            match = attribute.value
            return false
        }
        return match
    }

    /// The column of a cell tag's `r` (`B7` → 2), read in place without a string (issue 11): what
    /// `CellReference(attribute("r", …))` gives. Nil when the tag has no `r` or it is no reference.
    static func referenceColumn(of token: Token, in bytes: [UInt8]) -> Int? {
        guard let range = firstAttributeR(of: token, in: bytes) ?? attributeRange("r", of: token, in: bytes) else { return nil }
        let value = bytes[range]
        // A character reference (`&#65;1`) is read as `attribute` reads it, unescaped.
        if value.contains(UInt8(ascii: "&")) { return CellReference(unescape(value))?.column }
        return CellReference(utf8: value.span)?.column
    }

    /// The value's range when the tag's first attribute is `r="…"` written as spreadsheet programs
    /// write it (one space, no spaces around `=`, double quotes): the range `attributeRange("r", …)`
    /// finds, without visiting the attributes (issue 11: every cell of a row with marks is asked).
    private static func firstAttributeR(of token: Token, in bytes: [UInt8]) -> Range<Int>? {
        let start = name(of: token, in: bytes).upperBound
        let end = token.range.upperBound
        guard start + 4 < end, bytes[start] == UInt8(ascii: " "), bytes[start + 1] == UInt8(ascii: "r"),
              bytes[start + 2] == UInt8(ascii: "="), bytes[start + 3] == UInt8(ascii: "\""),
              let close = find(UInt8(ascii: "\""), in: bytes, from: start + 4), close < end else { return nil }
        return start + 4..<close
    }

    /// The tag with attribute `name` set to `value` (replaced, or added after the last attribute).
    static func setting(_ name: String, to value: String, in token: Token, of bytes: [UInt8]) -> [UInt8] {
        var tag: [UInt8] = []
        tag.reserveCapacity(token.range.count + name.utf8.count + value.utf8.count + 4)
        set(name, to: value, in: token, of: bytes, appendingTo: &tag)
        return tag
    }

    /// Appends the tag with attribute `name` set to `value` to `output`, as ``setting(_:to:in:of:)``
    /// makes it, without the arrays in between (issue 11: each marked cell of a feedback workbook
    /// is retagged so).
    static func set(_ name: String, to value: String, in token: Token, of bytes: [UInt8], appendingTo output: inout [UInt8]) {
        var escaped = XMLWriter(capacity: value.utf8.count)
        escaped.appendEscaped(value, inAttribute: true)
        if let range = attributeRange(name, of: token, in: bytes) {
            output.append(contentsOf: bytes[token.range.lowerBound..<range.lowerBound])
            output.append(contentsOf: escaped.bytes)
            output.append(contentsOf: bytes[range.upperBound..<token.range.upperBound])
            return
        }
        // After the closing quote of the last attribute, or after the element name.
        var end = Self.name(of: token, in: bytes).upperBound
        visitAttributes(of: token, in: bytes) { attribute in
            end = attribute.value.upperBound + 1
            return true
        }
        output.append(contentsOf: bytes[token.range.lowerBound..<end])
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: "="))
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: escaped.bytes)
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: bytes[end..<token.range.upperBound])
    }

    /// Decodes the five entities and character references; anything else is kept as written.
    static func unescape(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var text = String(decoding: slice, as: UTF8.self)[...]
        var out = ""
        while let amp = text.firstIndex(of: "&") {
            out += text[..<amp]
            guard let semi = text[amp...].firstIndex(of: ";"), text.distance(from: amp, to: semi) <= 10 else {
                out += text[amp...]
                return out
            }
            let entity = text[text.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap { Unicode.Scalar($0) } }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst(), radix: 10).flatMap { Unicode.Scalar($0) } }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += text[amp...semi] }
            }
            text = text[text.index(after: semi)...]
        }
        return out + String(text)
    }

    // MARK: Bytes

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == gt
    }

    static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    static func find(_ text: StaticString, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = text.withUTF8Buffer { Array($0) }
        guard let first = pattern.first else { return nil }
        var index = start
        while let candidate = find(first, in: bytes, from: index) {
            guard candidate + pattern.count <= bytes.count else { return nil }
            if bytes[candidate..<candidate + pattern.count].elementsEqual(pattern) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    private static func hasPrefix(_ text: StaticString, _ bytes: [UInt8], at start: Int) -> Bool {
        text.withUTF8Buffer { pattern in
            start + pattern.count <= bytes.count && bytes[start..<start + pattern.count].elementsEqual(pattern)
        }
    }
}
