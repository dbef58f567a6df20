/// Receives the events of a streaming parse, as vocabulary numbers.
///
/// A handler is a value: the parser keeps it in its own storage, calls its mutating methods once
/// per event (no reference counting and no exclusivity check per call) and lends it back through
/// ``XMLPushParser/withHandler(_:)``. An element outside the vocabulary arrives as id `-1`.
/// Throwing stops the parse; the error is rethrown by ``XMLPushParser/feed(_:count:)`` or
/// ``XMLPushParser/finish()``.
///
/// Attributes and text arrive as borrowed views on the parser's bytes, valid for the call only
/// (they are noncopyable, so they cannot be kept): decode what you need while handling the event.
public protocol XMLEventHandler {
    /// The element and attribute names this handler is told about.
    static var vocabulary: XMLVocabulary { get }
    mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws
    /// `text` is the collected character content for text elements (``XMLText/isCollected``).
    mutating func endElement(_ element: Int, text: borrowing XMLText) throws
}
