/// Caps the parser applies while it reads one document.
public struct XMLLimits: Sendable, Equatable {
    public var maxDepth = 256
    /// Largest text collected for one text element, in UTF-8 bytes (a cell holds ≤ 32,767
    /// characters); at most 1 GiB whatever is set.
    public var maxTextBytes = 1 << 20
    public init() {}
}
