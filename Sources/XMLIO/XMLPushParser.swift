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
///
/// The callbacks run millions of times for a large sheet, so their state lives in memory the parser
/// allocates itself (no reference counting or exclusivity checks per event), element and attribute
/// names are told apart by libxml2's interned name pointers after their first lookup, and values
/// reach the handler as views on libxml2's bytes (``XMLAttributes``, ``XMLText``) instead of strings.
public final class XMLPushParser<Handler: XMLEventHandler> {
    private let core: HandlerCore<Handler>
    public var document: String { core.document }

    public init(document: String, handler: Handler, limits: XMLLimits = XMLLimits()) {
        core = HandlerCore(document: document, handler: handler, limits: limits)
    }

    /// Parses the first `count` bytes of `bytes`.
    /// - Throws: ``XMLParseError``, or the error the handler threw.
    public func feed(_ bytes: [UInt8], count: Int) throws {
        try core.chunk(bytes, count: count, terminate: false)
    }

    /// Ends the document; reports a truncated document as malformed.
    public func finish() throws {
        try core.chunk([], count: 0, terminate: true)
    }

    /// The handler as the events so far have left it (a copy).
    public var handler: Handler { core.handler.pointee }

    /// Lends the handler to `body`, to take results out of it between chunks.
    @inlinable
    public func withHandler<R>(_ body: (inout Handler) throws -> R) rethrows -> R {
        try body(&handlerStorage.pointee)
    }

    @usableFromInline
    var handlerStorage: UnsafeMutablePointer<Handler> { core.handler }
}

/// The libxml2 context and the callbacks' state, for any handler type.
///
/// The C callbacks cannot be generic, so they reach the handler through this class's two
/// overridable methods, implemented by ``HandlerCore``.
class ParserCore {
    let state: UnsafeMutablePointer<ParserState>
    private(set) var context: xmlParserCtxtPtr?
    let document: String

    init(document: String, vocabulary: XMLVocabulary, limits: XMLLimits) {
        XMLRuntime.ensureInitialised()
        self.document = document
        state = .allocate(capacity: 1)
        state.initialize(to: ParserState(document: document, vocabulary: vocabulary, limits: limits))
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
        context = xmlCreatePushParserCtxt(&sax, UnsafeMutableRawPointer(state), nil, 0, document)
        state.pointee.core = Unmanaged.passUnretained(self)
        if let context {
            state.pointee.context = context
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func handleStart(_ element: Int, attributes: borrowing XMLAttributes) throws {}
    func handleEnd(_ element: Int, text: borrowing XMLText) throws {}

    func chunk(_ bytes: [UInt8], count: Int, terminate: Bool) throws {
        guard let context else { throw XMLParseError(.resourceLimit, document: document, "cannot create an XML parser") }
        if let failure = state.pointee.failure { throw failure }
        let length = min(max(count, 0), bytes.count)
        let rc = bytes.withUnsafeBytes { raw -> Int32 in
            let start = length > 0 ? raw.baseAddress?.assumingMemoryBound(to: CChar.self) : nil
            return xmlParseChunk(context, start, Int32(start == nil ? 0 : length), terminate ? 1 : 0)
        }
        if let failure = state.pointee.failure { throw failure }
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
            state.pointee.failure = failure
            state.pointee.stopped = true
            throw failure
        }
    }
}

/// Holds the handler in memory of its own, so that events change it in place.
final class HandlerCore<Handler: XMLEventHandler>: ParserCore {
    let handler: UnsafeMutablePointer<Handler>

    init(document: String, handler: Handler, limits: XMLLimits) {
        self.handler = .allocate(capacity: 1)
        self.handler.initialize(to: handler)
        super.init(document: document, vocabulary: Handler.vocabulary, limits: limits)
    }

    deinit {
        handler.deinitialize(count: 1)
        handler.deallocate()
    }

    override func handleStart(_ element: Int, attributes: borrowing XMLAttributes) throws {
        try handler.pointee.startElement(element, attributes: attributes)
    }

    override func handleEnd(_ element: Int, text: borrowing XMLText) throws {
        try handler.pointee.endElement(element, text: text)
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

/// One name pointer libxml2 interned, and its vocabulary number.
struct NameCacheEntry {
    var name: UnsafeRawPointer?
    var id: Int
}

/// State shared with the C callbacks through the parser's user-data pointer.
///
/// Allocated once per parser and reached through that pointer, so the callbacks neither count
/// references nor check exclusive access per event. Noncopyable: it owns its buffers.
struct ParserState: ~Copyable {
    let document: String
    let vocabulary: XMLVocabulary
    /// The parser core that owns this state (so it outlives every callback).
    var core: Unmanaged<ParserCore>?
    let limits: XMLLimits
    var context: xmlParserCtxtPtr?
    var failure: Error?
    /// Set with `failure`: checked first by every callback.
    var stopped = false
    var depth = 0
    /// Depth of the text element being collected, 0 when none.
    var textDepth = 0
    /// When set, the events are written into `writer` (for ``XMLBackgroundParser``) instead of
    /// handed to `core`'s handler: one pass over libxml2's attributes, no call per event.
    var recording = false
    var writer = EventWriter()

    /// The character content collected for the current text element.
    private var text: UnsafeMutablePointer<UInt8>
    private var textCount = 0
    private var textCapacity: Int

    /// The attribute values of the current start tag, by vocabulary number; a slot is current when
    /// its generation is the tag's.
    private let slots: UnsafeMutablePointer<AttributeSlot>
    private let slotCount: Int
    private var generation: UInt64 = 0

    /// Direct-mapped caches from libxml2's interned name pointers to vocabulary numbers.
    private static let cacheSize = 64
    private let elementCache: UnsafeMutablePointer<NameCacheEntry>
    private let attributeCache: UnsafeMutablePointer<NameCacheEntry>
    private let textElements: UnsafeMutablePointer<Bool>
    private let elementCount: Int

    init(document: String, vocabulary: XMLVocabulary, limits: XMLLimits) {
        self.document = document
        self.vocabulary = vocabulary
        self.limits = limits
        textCapacity = 256
        text = .allocate(capacity: textCapacity)
        slotCount = vocabulary.attributes.count
        slots = .allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: AttributeSlot(start: nil, count: 0, generation: 0), count: max(slotCount, 1))
        elementCache = .allocate(capacity: Self.cacheSize)
        elementCache.initialize(repeating: NameCacheEntry(name: nil, id: -1), count: Self.cacheSize)
        attributeCache = .allocate(capacity: Self.cacheSize)
        attributeCache.initialize(repeating: NameCacheEntry(name: nil, id: -1), count: Self.cacheSize)
        elementCount = vocabulary.elements.count
        textElements = .allocate(capacity: max(elementCount, 1))
        textElements.initialize(repeating: false, count: max(elementCount, 1))
        for (i, isText) in vocabulary.textElements.enumerated() { textElements[i] = isText }
    }

    deinit {
        text.deallocate()
        slots.deallocate()
        elementCache.deallocate()
        attributeCache.deallocate()
        textElements.deallocate()
    }

    mutating func stop(_ error: Error) {
        if failure == nil { failure = error }
        stopped = true
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

    // MARK: Names

    @inline(__always)
    private static func slot(of name: UnsafePointer<xmlChar>) -> Int {
        // Interned names are packed without alignment: mix all the bits.
        Int(truncatingIfNeeded: (UInt(bitPattern: name) &* 0x9E37_79B9_7F4A_7C15) >> UInt(UInt.bitWidth - 6))
    }

    @inline(__always)
    private func elementID(_ name: UnsafePointer<xmlChar>) -> Int {
        let entry = elementCache[Self.slot(of: name)]
        if entry.name == UnsafeRawPointer(name) { return entry.id }
        return lookup(name, in: vocabulary.elements, cache: elementCache)
    }

    @inline(__always)
    private func attributeID(_ name: UnsafePointer<xmlChar>) -> Int {
        let entry = attributeCache[Self.slot(of: name)]
        if entry.name == UnsafeRawPointer(name) { return entry.id }
        return lookup(name, in: vocabulary.attributes, cache: attributeCache)
    }

    /// The slow path: compares the bytes, then remembers the pointer when libxml2's dictionary owns
    /// it (an interned name never changes while the parser lives; any other pointer could).
    private func lookup(_ name: UnsafePointer<xmlChar>, in table: [[UInt8]], cache: UnsafeMutablePointer<NameCacheEntry>) -> Int {
        let id = Self.lookup(name, in: table)
        if let context, let dict = context.pointee.dict, xmlDictOwns(dict, name) == 1 {
            cache[Self.slot(of: name)] = NameCacheEntry(name: UnsafeRawPointer(name), id: id)
        }
        return id
    }

    /// Index of the NUL-terminated name in `table`, or -1; compares bytes without allocating.
    static func lookup(_ name: UnsafePointer<xmlChar>, in table: [[UInt8]]) -> Int {
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        for (i, candidate) in table.enumerated() where candidate.count == length {
            if candidate.withUnsafeBufferPointer({ buffer in buffer.baseAddress.map { memcmp($0, name, length) == 0 } ?? (length == 0) }) {
                return i
            }
        }
        return -1
    }

    // MARK: Events

    mutating func startElement(_ localname: UnsafePointer<xmlChar>, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        depth += 1
        if depth == 1, let encoding = declaredEncoding(), !Self.allowedEncodings.contains(encoding.uppercased()) {
            stop(XMLParseError(.malformed, document: document, line: line(),
                               "encoding \(encoding.prefix(40)) is not allowed (OOXML parts are UTF-8 or UTF-16, OPC M1.17)"))
            return
        }
        if depth > limits.maxDepth {
            stop(XMLParseError(.resourceLimit, document: document, line: line(), "elements nested deeper than \(limits.maxDepth)"))
            return
        }
        let id = elementID(localname)
        if recording {
            record(id, count, attributes)
            return
        }
        generation &+= 1
        if count > 0, slotCount > 0, let attributes {
            for i in 0..<count {
                guard let name = attributes[i * 5] else { continue }
                let key = attributeID(name)
                guard key >= 0, let start = attributes[i * 5 + 3], let end = attributes[i * 5 + 4] else { continue }
                slots[key] = AttributeSlot(start: start, count: max(end - start, 0), generation: generation)
            }
        }
        if id >= 0, textDepth == 0, textElements[id] {
            textDepth = depth
            textCount = 0
        }
        guard let core else { return }
        do {
            let attributes = XMLAttributes(slots: slots, count: slotCount, generation: generation)
            try core._withUnsafeGuaranteedRef { try $0.handleStart(id, attributes: attributes) }
        } catch {
            stop(error)
        }
    }

    /// A start tag written into `writer`: the element, then each vocabulary attribute in
    /// libxml2's order (a key that comes twice is replayed twice, so the last wins as it does in
    /// the slots).
    private mutating func record(_ id: Int, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let header = writer.beginStart(id)
        var present = 0
        if count > 0, slotCount > 0, let attributes {
            for i in 0..<count {
                guard let name = attributes[i * 5] else { continue }
                let key = attributeID(name)
                guard key >= 0, let start = attributes[i * 5 + 3], let end = attributes[i * 5 + 4] else { continue }
                writer.attribute(key, start, max(end - start, 0))
                present += 1
            }
        }
        writer.finishStart(header, attributes: present)
        if id >= 0, textDepth == 0, textElements[id] {
            textDepth = depth
            textCount = 0
        }
    }

    mutating func endElement(_ localname: UnsafePointer<xmlChar>) {
        let id = elementID(localname)
        let collected = textDepth == depth
        if collected { textDepth = 0 }
        depth -= 1
        if recording {
            writer.end(id, collected: collected, text, collected ? textCount : 0)
            return
        }
        guard let core else { return }
        do {
            let text = XMLText(base: text, count: collected ? textCount : 0, isCollected: collected)
            try core._withUnsafeGuaranteedRef { try $0.handleEnd(id, text: text) }
        } catch {
            stop(error)
        }
    }

    mutating func characters(_ chars: UnsafePointer<xmlChar>, _ length: Int) {
        guard textDepth > 0 else { return }
        let cap = min(limits.maxTextBytes, 1 << 30)
        if textCount + length > cap {
            stop(XMLParseError(.resourceLimit, document: document, line: line(), "the text of one element is longer than \(cap) bytes"))
            return
        }
        if textCount + length > textCapacity {
            let capacity = max(textCapacity * 2, textCount + length)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: text, count: textCount)
            text.deallocate()
            text = grown
            textCapacity = capacity
        }
        (text + textCount).update(from: chars, count: length)
        textCount += length
    }
}

@inline(__always)
private func state(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParserState>? {
    ctx?.assumingMemoryBound(to: ParserState.self)
}

private func parserStartElement(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ nbAttributes: Int32, _ nbDefaulted: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let s = state(ctx), !s.pointee.stopped, let localname else { return }
    s.pointee.startElement(localname, Int(nbAttributes), attributes)
}

private func parserEndElement(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    guard let s = state(ctx), !s.pointee.stopped, let localname else { return }
    s.pointee.endElement(localname)
}

private func parserCharacters(_ ctx: UnsafeMutableRawPointer?, _ chars: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let s = state(ctx), !s.pointee.stopped, let chars, length > 0 else { return }
    s.pointee.characters(chars, Int(length))
}

private func parserForbidDoctype(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ externalID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?
) {
    guard let s = state(ctx) else { return }
    let error = XMLParseError(.forbidden, document: s.pointee.document, line: s.pointee.line(), "DOCTYPE declaration (forbidden in OOXML parts)")
    s.pointee.stop(error)
}

private func parserForbidEntity(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32, _ publicID: UnsafePointer<xmlChar>?,
    _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
    guard let s = state(ctx) else { return }
    let error = XMLParseError(.forbidden, document: s.pointee.document, line: s.pointee.line(), "entity declaration (forbidden in OOXML parts)")
    s.pointee.stop(error)
}

private func parserForbidReference(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let s = state(ctx) else { return }
    let error = XMLParseError(.forbidden, document: s.pointee.document, line: s.pointee.line(), "entity reference (forbidden in OOXML parts)")
    s.pointee.stop(error)
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        return s
    }
}
