internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A libxml2 SAX2 push parser configured for untrusted OOXML parts.
///
/// Options are `XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING` and nothing else (no
/// entity substitution, no DTD loading, no recovery). Any DOCTYPE stops the parser at once (the
/// `internalSubset` callback fires for every one), entity declarations and references are refused,
/// and the process-wide external entity loader denies everything. Depth and text length are capped.
///
/// Why SAX2 push rather than `xmlTextReader`: the push parser takes the bytes straight from the zip
/// stream chunk by chunk, and its callbacks cost one call per event with no per-node object.
public final class XMLPushParser {
    public struct Limits: Sendable {
        public var maxDepth = 256
        /// Largest text collected for one text element, in UTF-8 bytes (a cell holds ≤ 32,767 characters).
        public var maxTextBytes = 1 << 20
        public init() {}
    }

    private let box: ParserBox
    private var context: xmlParserCtxtPtr?
    public let document: String

    public init(document: String, vocabulary: XMLVocabulary, handler: XMLEventHandler, limits: Limits = Limits()) {
        XMLRuntime.ensureInitialised()
        self.document = document
        box = ParserBox(document: document, vocabulary: vocabulary, handler: handler, limits: limits)
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = parserStartElement
        sax.endElementNs = parserEndElement
        sax.characters = parserCharacters
        sax.ignorableWhitespace = parserCharacters   // whitespace is cell text too (`<t xml:space="preserve"> </t>`)
        sax.cdataBlock = parserCharacters
        sax.internalSubset = parserForbidDoctype
        sax.externalSubset = { _, _, _, _ in }
        sax.entityDecl = parserForbidEntity
        sax.reference = parserForbidReference
        sax.getEntity = { _, _ in nil }
        let ctx = Unmanaged.passUnretained(box).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, ctx, nil, 0, document)
        if let context {
            box.context = context
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses the first `count` bytes of `bytes`.
    /// - Throws: ``XMLParseError``, or the error the handler threw.
    public func feed(_ bytes: [UInt8], count: Int) throws {
        try chunk(bytes, count: count, terminate: false)
    }

    /// Ends the document; reports a truncated document as malformed.
    public func finish() throws {
        try chunk([], count: 0, terminate: true)
    }

    private func chunk(_ bytes: [UInt8], count: Int, terminate: Bool) throws {
        guard let context else { throw XMLParseError(.resourceLimit, document: document, "cannot create an XML parser") }
        if let failure = box.failure { throw failure }
        let length = min(max(count, 0), bytes.count)
        let rc = bytes.withUnsafeBytes { raw -> Int32 in
            let start = length > 0 ? raw.baseAddress?.assumingMemoryBound(to: CChar.self) : nil
            return xmlParseChunk(context, start, Int32(start == nil ? 0 : length), terminate ? 1 : 0)
        }
        if let failure = box.failure { throw failure }
        if rc != 0 {
            var message = "not well-formed XML"
            var line: Int?
            if let err = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) {
                if let m = err.pointee.message {
                    message += ": " + String(cString: m).trimmingTrailingNewlines()
                }
                line = Int(err.pointee.line)
            }
            let failure = XMLParseError(.malformed, document: document, line: line, message)
            box.failure = failure
            throw failure
        }
    }
}

/// Process-wide libxml2 set-up, done once before any parse.
enum XMLRuntime {
    private static let initialised: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func ensureInitialised() { _ = initialised }
}

/// State shared with the C callbacks through the parser's user-data pointer.
final class ParserBox {
    let document: String
    let vocabulary: XMLVocabulary
    let handler: XMLEventHandler
    let limits: XMLPushParser.Limits
    var context: xmlParserCtxtPtr?
    var failure: Error?
    var attributes: XMLAttributes
    var depth = 0
    /// Depth of the text element being collected, 0 when none.
    var textDepth = 0
    var text: [UInt8] = []

    init(document: String, vocabulary: XMLVocabulary, handler: XMLEventHandler, limits: XMLPushParser.Limits) {
        self.document = document
        self.vocabulary = vocabulary
        self.handler = handler
        self.limits = limits
        attributes = XMLAttributes(count: vocabulary.attributes.count)
        text.reserveCapacity(256)
    }

    func stop(_ error: Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// OPC M1.17: parts are UTF-8 or UTF-16.
    static let allowedEncodings: Set<String> = ["UTF-8", "UTF8", "UTF-16", "UTF16", "UTF-16LE", "UTF-16BE"]

    /// The encoding the XML declaration names, if any (libxml2 keeps UTF-8/16 in the context and
    /// the others, which it switches to, in the input).
    func declaredEncoding() -> String? {
        guard let context else { return nil }
        if let e = context.pointee.encoding { return String(cString: e) }
        if let input = context.pointee.input, let e = input.pointee.encoding { return String(cString: e) }
        return nil
    }

    func line() -> Int? {
        guard let context else { return nil }
        return Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context)))
    }

    /// An attribute value as libxml2 hands it to SAX2 without entity substitution: every `&` of the
    /// value (written `&amp;`, `&#38;` or `&#x26;` in the file) arrives as the five bytes `&#38;`, and
    /// every other reference is already decoded. Undoing that one escape, left to right, gives the
    /// value exactly.
    static func attributeValue(_ raw: UnsafeBufferPointer<xmlChar>) -> String {
        let amp = UInt8(ascii: "&")
        guard raw.contains(amp) else { return String(decoding: raw, as: UTF8.self) }
        let escape: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == amp, i + escape.count <= raw.count, raw[i..<(i + escape.count)].elementsEqual(escape) {
                out.append(amp)
                i += escape.count
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Index of the NUL-terminated name in `table`, or -1; compares bytes without allocating.
    @inline(__always)
    static func lookup(_ name: UnsafePointer<xmlChar>, in table: [[UInt8]]) -> Int {
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        for (i, candidate) in table.enumerated() where candidate.count == length {
            if candidate.withUnsafeBufferPointer({ buffer in buffer.baseAddress.map { memcmp($0, name, length) == 0 } ?? (length == 0) }) {
                return i
            }
        }
        return -1
    }
}

@inline(__always)
private func box(_ ctx: UnsafeMutableRawPointer?) -> ParserBox? {
    ctx.map { Unmanaged<ParserBox>.fromOpaque($0).takeUnretainedValue() }
}

private func parserStartElement(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ nbAttributes: Int32, _ nbDefaulted: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let b = box(ctx) else { return }
    guard b.failure == nil, let localname else { return }
    b.depth += 1
    if b.depth == 1, let encoding = b.declaredEncoding(), !ParserBox.allowedEncodings.contains(encoding.uppercased()) {
        b.stop(XMLParseError(.malformed, document: b.document, line: b.line(),
                             "encoding \(encoding.prefix(40)) is not allowed (OOXML parts are UTF-8 or UTF-16, OPC M1.17)"))
        return
    }
    if b.depth > b.limits.maxDepth {
        b.stop(XMLParseError(.resourceLimit, document: b.document, line: b.line(), "elements nested deeper than \(b.limits.maxDepth)"))
        return
    }
    let id = ParserBox.lookup(localname, in: b.vocabulary.elements)
    b.attributes.reset()
    if nbAttributes > 0, let attributes, !b.vocabulary.attributes.isEmpty {
        for i in 0..<Int(nbAttributes) {
            guard let name = attributes[i * 5] else { continue }
            let key = ParserBox.lookup(name, in: b.vocabulary.attributes)
            guard key >= 0, let start = attributes[i * 5 + 3], let end = attributes[i * 5 + 4] else { continue }
            b.attributes.values[key] = ParserBox.attributeValue(UnsafeBufferPointer(start: start, count: max(end - start, 0)))
        }
    }
    if id >= 0, b.vocabulary.textElements[id], b.textDepth == 0 {
        b.textDepth = b.depth
        b.text.removeAll(keepingCapacity: true)
    }
    do { try b.handler.startElement(id, attributes: b.attributes) } catch { b.stop(error) }
}

private func parserEndElement(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    guard let b = box(ctx) else { return }
    guard b.failure == nil, let localname else { return }
    let id = ParserBox.lookup(localname, in: b.vocabulary.elements)
    var text: String?
    if b.textDepth == b.depth {
        text = String(decoding: b.text, as: UTF8.self)
        b.textDepth = 0
    }
    b.depth -= 1
    do { try b.handler.endElement(id, text: text) } catch { b.stop(error) }
}

private func parserCharacters(_ ctx: UnsafeMutableRawPointer?, _ chars: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let b = box(ctx) else { return }
    guard b.failure == nil, b.textDepth > 0, let chars, length > 0 else { return }
    if b.text.count + Int(length) > b.limits.maxTextBytes {
        b.stop(XMLParseError(.resourceLimit, document: b.document, line: b.line(),
                             "the text of one element is longer than \(b.limits.maxTextBytes) bytes"))
        return
    }
    b.text.append(contentsOf: UnsafeBufferPointer(start: chars, count: Int(length)))
}

private func parserForbidDoctype(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ externalID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?
) {
    guard let b = box(ctx) else { return }
    b.stop(XMLParseError(.forbidden, document: b.document, line: b.line(), "DOCTYPE declaration (forbidden in OOXML parts)"))
}

private func parserForbidEntity(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32, _ publicID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
    guard let b = box(ctx) else { return }
    b.stop(XMLParseError(.forbidden, document: b.document, line: b.line(), "entity declaration (forbidden in OOXML parts)"))
}

private func parserForbidReference(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let b = box(ctx) else { return }
    b.stop(XMLParseError(.forbidden, document: b.document, line: b.line(), "entity reference (forbidden in OOXML parts)"))
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        return s
    }
}
