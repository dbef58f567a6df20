#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Options for a whole workbook: string storage, compression and document properties.
public struct WorkbookOptions: Hashable, Sendable {
    /// Where cell text is stored.
    public enum StringStorage: Hashable, Sendable {
        /// Once per distinct text in `xl/sharedStrings.xml` (what Excel writes; smaller files).
        case shared
        /// In each cell (`t="inlineStr"`); no shared-strings table is kept in memory.
        case inline
    }

    public var stringStorage: StringStorage
    /// Deflate level 1 (fastest) to 9 (smallest); 0 stores parts uncompressed.
    ///
    /// The default, 5, is the knee of zlib's curve for worksheet XML: on the 200,000-row benchmark
    /// sheet its file is 1 % larger than level 6's in two thirds of the time (level 6 spends most
    /// of its extra effort on longer match searches that find little in repetitive XML).
    public var compressionLevel: Int
    public var properties: DocumentProperties

    public init(
        stringStorage: StringStorage = .shared,
        compressionLevel: Int = 5,
        properties: DocumentProperties = .init()
    ) {
        self.stringStorage = stringStorage
        self.compressionLevel = compressionLevel
        self.properties = properties
    }
}

/// Document properties written to `docProps/core.xml` and `docProps/app.xml`.
public struct DocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    public var creator: String?
    public var company: String?
    /// Creation time, written to the second in UTC.
    ///
    /// Fixed by default (2000-01-01T00:00:00Z) so that the same content gives the same bytes; pass
    /// a time derived from the content (the newest input's), never the wall clock, to keep that.
    public var created: Date
    /// Modification time; `created` when `nil`.
    public var modified: Date?
    /// The program named as the document's author in `docProps/app.xml` (`<Application>`), such
    /// as `"rbm 1.2.0"`. XlsxWriter and rust_xlsxwriter write `"Microsoft Excel"`, the default.
    public var application: String
    /// `<AppVersion>` in Excel's `XX.YYYY` form, or `nil` to leave it out (for an application
    /// other than Excel, whose version does not take that form).
    public var applicationVersion: String?

    /// 2000-01-01T00:00:00Z.
    public static let defaultCreated = Date(timeIntervalSince1970: 946_684_800)

    public init(
        title: String? = nil,
        subject: String? = nil,
        creator: String? = nil,
        company: String? = nil,
        created: Date = DocumentProperties.defaultCreated,
        modified: Date? = nil,
        application: String = "Microsoft Excel",
        applicationVersion: String? = "12.0000"
    ) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.company = company
        self.created = created
        self.modified = modified
        self.application = application
        self.applicationVersion = applicationVersion
    }
}
