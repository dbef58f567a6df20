/// The element and attribute local names a handler cares about, numbered in the order given.
///
/// The parser compares incoming names against these bytes without allocating (and, once it has
/// seen a name, by libxml2's interned pointer), hands the handler small integers, and keeps only
/// the attributes named here. Namespaces are ignored: transitional and Strict OOXML use the same
/// local names under different URIs.
public struct XMLVocabulary: Sendable {
    let elements: [[UInt8]]
    let attributes: [[UInt8]]
    let textElements: [Bool]

    /// - Parameters:
    ///   - elements: element local names; their index is the id passed to the handler.
    ///   - textElements: the subset whose character content is collected and passed at their end.
    ///   - attributes: attribute local names; their index is the key in ``XMLAttributes``.
    public init(elements: [String], textElements: Set<String> = [], attributes: [String] = []) {
        self.elements = elements.map { Array($0.utf8) }
        self.attributes = attributes.map { Array($0.utf8) }
        self.textElements = elements.map { textElements.contains($0) }
    }
}
