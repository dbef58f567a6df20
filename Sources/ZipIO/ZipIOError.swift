/// A failure to read or write a zip archive, naming the archive and the entry.
///
/// The `code` is a stable category (the quarantine reasons of `reliability.md` 1.3 start from it).
public struct ZipIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable category of the failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The archive could not be opened as a zip (libzip's "Not a zip archive", truncated, …).
        public static let notAZip = Code(rawValue: "not-a-zip")
        /// CRC, inflate error, size lie, inconsistent headers.
        public static let corruptArchive = Code(rawValue: "corrupt-archive")
        /// Duplicate or invalid entry names, unsupported method, too many entries.
        public static let suspiciousArchive = Code(rawValue: "suspicious-archive")
        /// An entry is encrypted.
        public static let encrypted = Code(rawValue: "encrypted")
        /// A size or ratio cap was reached while inflating.
        public static let resourceLimit = Code(rawValue: "resource-limit")
        /// A named entry is absent.
        public static let missingEntry = Code(rawValue: "missing-entry")
        /// The environment failed (open, write, rename); never the file's fault.
        public static let ioError = Code(rawValue: "io-error")
    }

    public var code: Code
    /// The archive's path as given.
    public var path: String
    /// The entry concerned, if any.
    public var entry: String?
    /// Plain-language explanation.
    public var message: String

    public init(_ code: Code, path: String, entry: String? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.entry = entry
        self.message = message
    }

    public var description: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let entry { return "\(file)[\(entry)]: error: \(message)" }
        return "\(file): error: \(message)"
    }
}
