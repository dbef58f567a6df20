/// An error that stops a workbook from being written.
///
/// Its description is one compiler-style line naming the file, the part and the cell:
/// `out.xlsx[xl/worksheets/sheet2.xml] B14: error: sheet 'Log': string of 40000 characters exceeds…`.
public struct WorkbookWriterError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A sheet name is empty, too long, or contains a forbidden character.
        public static let invalidSheetName = Code(rawValue: "invalid-sheet-name")
        /// A sheet name equals another one, ignoring case.
        public static let duplicateSheetName = Code(rawValue: "duplicate-sheet-name")
        /// Sheet options out of range: freeze panes, column widths, tab colour, rows repeated on print.
        public static let invalidSheetOptions = Code(rawValue: "invalid-sheet-options")
        /// More than 1,048,576 rows in a sheet.
        public static let tooManyRows = Code(rawValue: "too-many-rows")
        /// More than 16,384 cells in a row.
        public static let tooManyColumns = Code(rawValue: "too-many-columns")
        /// A string longer than 32,767 UTF-16 code units.
        public static let stringTooLong = Code(rawValue: "string-too-long")
        /// A value Excel cannot hold: NaN, an infinity, a malformed decimal, an impossible date, a
        /// formula whose cached value is a formula.
        public static let invalidValue = Code(rawValue: "invalid-value")
        /// A style with a malformed colour or an empty number format.
        public static let invalidStyle = Code(rawValue: "invalid-style")
        /// A row height outside 0...409 points.
        public static let invalidRowHeight = Code(rawValue: "invalid-row-height")
        /// A merge range that is malformed, a single cell, out of bounds, or overlapping another.
        public static let invalidMergeRange = Code(rawValue: "invalid-merge-range")
        /// A hyperlink on a malformed cell, to a malformed address, or to a sheet that does not exist.
        public static let invalidHyperlink = Code(rawValue: "invalid-hyperlink")
        /// A note on a malformed cell, empty, too long, or on a cell that already has one.
        public static let invalidNote = Code(rawValue: "invalid-note")
        /// A data validation on a malformed range, or with a list Excel cannot hold.
        public static let invalidDataValidation = Code(rawValue: "invalid-data-validation")
        /// A conditional format on a malformed range, or with an empty formula or a malformed style.
        public static let invalidConditionalFormat = Code(rawValue: "invalid-conditional-format")
        /// A table whose range, name, columns or style Excel would not accept, or that overlaps
        /// another table, a merged range or the sheet's autofilter.
        public static let invalidTable = Code(rawValue: "invalid-table")
        /// A defined name that is malformed, taken, or scoped to a sheet that does not exist.
        public static let invalidDefinedName = Code(rawValue: "invalid-defined-name")
        /// The workbook has no sheets, or no visible sheet.
        public static let invalidWorkbook = Code(rawValue: "invalid-workbook")
        /// The workbook was used after `close()`.
        public static let alreadyClosed = Code(rawValue: "already-closed")
        /// The zip archive could not be written; `underlying` holds the `ZipIOError`.
        public static let archiveFailed = Code(rawValue: "archive-failed")
        /// The workbook given to ``PackageAmender`` cannot be read, or lacks a part the amendment
        /// must change (no `<sheetData>`, no `<cellXfs>`…).
        public static let invalidSource = Code(rawValue: "invalid-source")
    }

    public var code: Code
    /// The workbook's path as given to `WorkbookWriter.init(path:options:)`.
    public var path: String
    /// The package part concerned, such as `xl/worksheets/sheet2.xml`.
    public var part: String?
    /// The cell concerned, in A1 notation.
    public var cell: String?
    public var message: String
    /// The error that caused this one, such as a `ZipIOError`.
    public var underlying: (any Error & Sendable)?

    public init(
        code: Code, path: String, part: String? = nil, cell: String? = nil, message: String,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.path = path
        self.part = part
        self.cell = cell
        self.message = message
        self.underlying = underlying
    }

    /// One line: the file name (no folder), part, cell and message, as `XLSXError` prints them.
    public var description: String {
        var line = path.split(separator: "/").last.map(String.init) ?? path
        if let part { line += "[\(part)]" }
        if let cell { line += " \(cell)" }
        return "\(line): error: \(message)"
    }
}
