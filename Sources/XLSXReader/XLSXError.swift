internal import ZipIO
internal import XMLIO

/// A workbook that cannot be read, with the file, part and cell concerned.
///
/// One compiler-style line: `OP_BR.xlsx[xl/worksheets/sheet2.xml] B14: error: shared string index
/// 812 out of range (640 strings)`. The `code` doubles as the quarantine category.
public struct XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let incompleteFile = Code(rawValue: "incomplete-file")
        public static let notAWorkbook = Code(rawValue: "not-a-workbook")
        public static let unsupportedFormat = Code(rawValue: "unsupported-format")
        public static let encrypted = Code(rawValue: "encrypted")
        public static let corruptArchive = Code(rawValue: "corrupt-archive")
        public static let suspiciousArchive = Code(rawValue: "suspicious-archive")
        public static let resourceLimit = Code(rawValue: "resource-limit")
        public static let forbiddenXML = Code(rawValue: "forbidden-xml")
        public static let malformedXML = Code(rawValue: "malformed-xml")
        public static let invalidContent = Code(rawValue: "invalid-content")
        public static let ioError = Code(rawValue: "io-error")
    }

    public var code: Code
    /// The workbook's file name (no folder).
    public var file: String
    public var part: String?
    public var cell: String?
    public var message: String

    public init(_ code: Code, file: String, part: String? = nil, cell: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.part = part
        self.cell = cell
        self.message = message
    }

    public var description: String {
        var s = file
        if let part { s += "[\(part)]" }
        if let cell { s += " \(cell)" }
        return s + ": error: " + message
    }

    /// Maps a zip failure to the workbook's error, keeping its category.
    init(_ zip: ZipIOError, file: String) {
        let code: Code
        switch zip.code {
        case .notAZip: code = .corruptArchive
        case .encrypted: code = .encrypted
        case .suspiciousArchive: code = .suspiciousArchive
        case .resourceLimit: code = .resourceLimit
        case .ioError: code = .ioError
        case .missingEntry: code = .invalidContent
        default: code = .corruptArchive
        }
        self.init(code, file: file, part: zip.entry, zip.message)
    }

    /// Maps an XML failure in `part`.
    init(_ xml: XMLParseError, file: String, part: String) {
        let code: Code
        switch xml.code {
        case .forbidden: code = .forbiddenXML
        case .resourceLimit: code = .resourceLimit
        case .malformed: code = .malformedXML
        case .handler: code = .invalidContent
        }
        let at = xml.line.map { "line \($0): " } ?? ""
        self.init(code, file: file, part: part, at + xml.message)
    }
}

func fileName(of path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
