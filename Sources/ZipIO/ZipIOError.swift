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

        // Writing.
        /// The archive could not be created.
        public static let openFailed = Code(rawValue: "open-failed")
        /// An entry could not be added (duplicate or invalid name, out of memory).
        public static let addEntryFailed = Code(rawValue: "add-entry-failed")
        /// Writing the archive to disk failed; nothing was written.
        public static let closeFailed = Code(rawValue: "close-failed")
        /// The archive was used after `close()`.
        public static let alreadyClosed = Code(rawValue: "already-closed")
        /// An argument was out of range (for example a compression level above 9).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
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

    /// libzip's `ZIP_ER_*` code, when libzip reported the failure.
    public var libzipCode: Int?

    public init(code: Code, path: String, entry: String? = nil, message: String, libzipCode: Int? = nil) {
        self.init(code, path: path, entry: entry, message)
        self.libzipCode = libzipCode
    }

    public var description: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let entry { return "\(file)[\(entry)]: error: \(message)" }
        return "\(file): error: \(message)"
    }
}
