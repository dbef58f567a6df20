/// Receives the events of a streaming parse, as vocabulary numbers.
///
/// An element outside the vocabulary arrives as id `-1`. Throwing stops the parse; the error is
/// rethrown by ``XMLPushParser/feed(_:count:)`` or ``XMLPushParser/finish()``.
public protocol XMLEventHandler: AnyObject {
    func startElement(_ element: Int, attributes: XMLAttributes) throws
    /// `text` is the collected character content for text elements, nil for the others.
    func endElement(_ element: Int, text: String?) throws
}
