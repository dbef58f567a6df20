import Results

/// How to read one kind of workbook: which files, which sheets, which headers mean which field.
///
/// Decoded from a `sources:` entry of a pipeline file.
public struct SourceProfile: Sendable, Codable, Equatable {
    public var name: String
    public var kind: WorkbookKind
    /// Glob patterns on the file name (`OP_*.xlsx`, `*Operational Plan*.xlsx`).
    public var files: [String]
    /// Words a title row may contain to recognise the kind when the file name does not match.
    public var titles: [String]?
    /// How the bureau is found (operational plans).
    public var bureau: BureauRule?
    /// Unit of amount columns when neither header nor title rows name one.
    public var unit: MoneyUnit?
    public var tables: [TableProfile]

    public init(name: String, kind: WorkbookKind, files: [String], titles: [String]? = nil, bureau: BureauRule? = nil,
                unit: MoneyUnit? = nil, tables: [TableProfile]) {
        self.name = name
        self.kind = kind
        self.files = files
        self.titles = titles
        self.bureau = bureau
        self.unit = unit
        self.tables = tables
    }
}

/// Where an operational plan's bureau comes from, tried in order: fixed, file name, title rows.
public struct BureauRule: Sendable, Codable, Equatable {
    /// A fixed bureau for every file of the source.
    public var fixed: Bureau?
    /// A regular expression on the file name whose capture group `bureau` is an alias.
    public var fileName: String?
    /// Read the title rows above the header for a bureau alias.
    public var fromTitle: Bool?

    public init(fixed: Bureau? = nil, fileName: String? = nil, fromTitle: Bool? = nil) {
        self.fixed = fixed
        self.fileName = fileName
        self.fromTitle = fromTitle
    }
}

/// One table of a workbook: its sheet, the model table it fills, and the header aliases.
public struct TableProfile: Sendable, Codable, Equatable {
    /// Sheet name or glob; nil means the first worksheet (or the sheet of `excelTable`).
    public var sheet: String?
    /// The name of an Excel table (a ListObject, Insert ▸ Table) holding the rows: it chooses the
    /// sheet and the header row. Matched ignoring case, as Excel does.
    public var excelTable: String?
    public var table: TableKind
    /// The header row, when it must not be found automatically (1-based).
    public var headerRow: Int?
    /// Unit of this table's amounts, overriding the source's.
    public var unit: MoneyUnit?
    /// Field → header aliases (any language) or a fixed column (`column:H`). The shipped
    /// defaults are merged under these when the pipeline file is loaded. Every key is one of
    /// `table.fields`: the pipeline file is checked against that list before it is decoded.
    public var fields: [Field: [String]]?

    public init(sheet: String? = nil, excelTable: String? = nil, table: TableKind, headerRow: Int? = nil, unit: MoneyUnit? = nil,
                fields: [Field: [String]]? = nil) {
        self.sheet = sheet
        self.excelTable = excelTable
        self.table = table
        self.headerRow = headerRow
        self.unit = unit
        self.fields = fields
    }
}
