import Testing
@testable import XMLIO

/// `XMLBackgroundParser` must hand the handler exactly what `XMLPushParser` hands it (the same
/// events, attribute values and texts, in order, then the same error) however the bytes arrive,
/// and stop cleanly whenever it is told to.
@Suite struct XMLBackgroundParserTests {
    struct Stop: Error, Equatable {}

    /// Writes down every event as a handler sees it.
    struct Recorder: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["a", "b", "t", "v"], textElements: ["t", "v"], attributes: ["x", "y", "id"])
        var events: [String] = []
        /// Throw `Stop` at this event (1-based).
        var stopAt: Int?

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            let bytes = attributes.withValue(0) { span in span.count } ?? -1
            events.append("<\(element) x=\(attributes[0] ?? "-") y=\(attributes[1] ?? "-") id=\(attributes[2] ?? "-") #\(bytes)")
            if events.count == stopAt { throw Stop() }
        }

        mutating func endElement(_ element: Int, text: borrowing XMLText) throws {
            let count = text.withBytes { span in span.count }
            events.append("</\(element) \(text.isCollected) \(count) [\(text.string())]")
            if events.count == stopAt { throw Stop() }
        }
    }

    /// What the push parser makes of `document` fed in `chunk`-byte pieces: events, then the error.
    static func pushed(_ document: String, chunk: Int, handler: Recorder = Recorder(), limits: XMLLimits = XMLLimits())
        -> (events: [String], error: String?) {
        let parser = XMLPushParser(document: "doc.xml", handler: handler, limits: limits)
        let bytes = Array(document.utf8)
        do {
            var offset = 0
            while offset < bytes.count {
                let piece = Array(bytes[offset..<min(offset + chunk, bytes.count)])
                try parser.feed(piece, count: piece.count)
                offset += chunk
            }
            try parser.finish()
            return (parser.handler.events, nil)
        } catch {
            return (parser.handler.events, "\(error)")
        }
    }

    /// A source that hands out `document` in `chunk`-byte pieces, from the parser's thread.
    static func source(_ document: String, chunk: Int, failAfter: Int? = nil) -> (inout [UInt8]) throws -> Int {
        let bytes = Array(document.utf8)
        var offset = 0
        return { buffer in
            if let failAfter, offset >= failAfter { throw Stop() }
            let count = min(chunk, bytes.count - offset, buffer.count)
            guard count > 0 else { return 0 }
            buffer.replaceSubrange(0..<count, with: bytes[offset..<(offset + count)])
            offset += count
            return count
        }
    }

    /// What the background parser makes of the same: events, then the error. `threaded: false` is
    /// the single-processor path: the caller's thread parses each chunk itself.
    static func background(_ document: String, chunk: Int, handler: Recorder = Recorder(), limits: XMLLimits = XMLLimits(),
                           threaded: Bool = true, expectedBytes: UInt64? = nil) -> (events: [String], error: String?) {
        let parser = XMLBackgroundParser(document: "doc.xml", handler: handler, limits: limits, threaded: threaded,
                                         expectedBytes: expectedBytes, source: source(document, chunk: chunk))
        do {
            while try parser.nextBatch() {}
            return (parser.handler.events, nil)
        } catch {
            return (parser.handler.events, "\(error)")
        }
    }

    static let document = #"<?xml version="1.0" encoding="UTF-8"?>"#
        + #"<root xmlns="urn:a" xmlns:p="urn:p"><a x="1" y="two words" other="ignored"><b id="R&amp;D &#38; &lt;x&gt;"/>"#
        + #"<t>Tab&#9;text &amp; more <![CDATA[<cdata>]]> é 😀</t><t xml:space="preserve">  </t><t/>"#
        + #"<v>12.5</v><p:v p:x="prefixed">7</p:v><unknown x="9"><t>inside unknown</t></unknown>"#
        + #"<t>outer<v>nested text element</v>tail</t></a>"#
        + String(repeating: #"<a x="r"><v>-540516.4399999999</v><t>a longer text that is cut across chunks</t></a>"#, count: 3000)
        + "</root>"

    @Test("the same events as the push parser, whatever the chunk size", arguments: [1, 2, 7, 64, 1000, 65_536, 1 << 20])
    func sameEventsAsThePushParser(chunk: Int) {
        let pushed = Self.pushed(Self.document, chunk: chunk)
        #expect(pushed.error == nil)
        #expect(pushed.events.count > 15_000)
        for threaded in [true, false] {
            let background = Self.background(Self.document, chunk: chunk, threaded: threaded)
            #expect(background.error == nil)
            #expect(background.events == pushed.events)
        }
    }

    /// The size a document states only sizes the buffers: one longer or shorter than it says
    /// gives the same events, read whole.
    @Test("the same events whatever size the document states", arguments: [0, 1, 100, 4096, 70_000, 1 << 30] as [UInt64])
    func theStatedSizeOnlySizesTheBuffers(expectedBytes: UInt64) {
        let pushed = Self.pushed(Self.document, chunk: 1 << 20)
        for threaded in [true, false] {
            let background = Self.background(Self.document, chunk: 1 << 20, threaded: threaded, expectedBytes: expectedBytes)
            #expect(background.error == nil)
            #expect(background.events == pushed.events)
        }
    }

    @Test("the same error after the same events", arguments: [
        "<root><a x='1'><t>text</t></a><a <b/></root>",               // malformed in the middle
        "<root><a><t>unclosed</a></root>",                            // mismatched end tag
        "<root><a>",                                                   // truncated
        "<!DOCTYPE root [<!ENTITY e \"x\">]><root>&e;</root>",         // DOCTYPE
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root/>",      // encoding
        "<root><t>" + String(repeating: "long ", count: 100) + "</t></root>",   // text over the cap
        String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40),   // too deep
    ])
    func sameErrorsAsThePushParser(document: String) {
        var limits = XMLLimits()
        limits.maxTextBytes = 200
        limits.maxDepth = 30
        for chunk in [3, 4096] {
            let pushed = Self.pushed(document, chunk: chunk, limits: limits)
            #expect(pushed.error != nil)
            for threaded in [true, false] {
                let background = Self.background(document, chunk: chunk, limits: limits, threaded: threaded)
                #expect(background.error == pushed.error)
                #expect(background.events == pushed.events)
            }
        }
    }

    @Test func anErrorFromTheSourceComesAfterTheEventsBeforeIt() throws {
        let parser = XMLBackgroundParser(document: "doc.xml", handler: Recorder(),
                                         source: Self.source(Self.document, chunk: 1000, failAfter: 50_000))
        var batches = 0
        #expect(throws: Stop.self) { while try parser.nextBatch() { batches += 1 } }
        #expect(batches >= 40)
        #expect(parser.handler.events.count > 1000)
        // The error stays: asked again, the parser repeats it.
        #expect(throws: Stop.self) { _ = try parser.nextBatch() }
    }

    @Test func theHandlersErrorStopsTheParseAndIsRepeated() throws {
        var handler = Recorder()
        handler.stopAt = 5000
        let parser = XMLBackgroundParser(document: "doc.xml", handler: handler, source: Self.source(Self.document, chunk: 512))
        #expect(throws: Stop.self) { while try parser.nextBatch() {} }
        #expect(parser.handler.events.count == 5000)
        #expect(throws: Stop.self) { _ = try parser.nextBatch() }
        #expect(parser.handler.events.count == 5000)
        let pushed = Self.pushed(Self.document, chunk: 512, handler: handler)
        #expect(pushed.events == parser.handler.events)
    }

    @Test func closingEarlyEndsTheDocumentAndKeepsWhatWasSeen() throws {
        let parser = XMLBackgroundParser(document: "doc.xml", handler: Recorder(), source: Self.source(Self.document, chunk: 256))
        #expect(try parser.nextBatch())
        #expect(try parser.nextBatch())
        let seen = parser.handler.events
        parser.close()
        #expect(try parser.nextBatch() == false)
        #expect(parser.handler.events == seen)
        parser.close()
    }

    @Test func parsersDroppedAtAnyPointLeaveNothingRunning() throws {
        for reads in [0, 1, 3, 50] {
            let parser = XMLBackgroundParser(document: "doc.xml", handler: Recorder(), source: Self.source(Self.document, chunk: 128))
            for _ in 0..<reads { _ = try parser.nextBatch() }
        }
        // An empty document and a source that fails at once end cleanly too.
        #expect(Self.background("", chunk: 10).error?.contains("error") == true)
        let failing = XMLBackgroundParser(document: "doc.xml", handler: Recorder(), source: Self.source("<a/>", chunk: 10, failAfter: 0))
        #expect(throws: Stop.self) { _ = try failing.nextBatch() }
    }
}
