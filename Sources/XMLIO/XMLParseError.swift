/// A part that is not acceptable XML: malformed, or carrying a forbidden construct.
public struct XMLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Not well-formed, bad encoding, name too long.
        case malformed = "malformed-xml"
        /// DOCTYPE or entity declarations (OOXML forbids them: ECMA-376 Part 2, M1.18).
        case forbidden = "forbidden-xml"
        /// Depth or text length over the parser's caps.
        case resourceLimit = "resource-limit"
        /// The event handler refused the content (it carries its own message).
        case handler = "invalid-content"
    }

    public var code: Code
    /// The document's name as given to the parser (a part name such as `xl/workbook.xml`).
    public var document: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String
    /// The error the handler threw, when `code` is `.handler`.
    public var underlying: String?

    public init(_ code: Code, document: String, line: Int? = nil, _ message: String) {
        self.code = code
        self.document = document
        self.line = line
        self.message = message
    }

    public var description: String {
        let at = line.map { ":\($0)" } ?? ""
        return "\(document)\(at): error: \(message)"
    }
}
