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
    /// Field → header aliases (any language). Shipped defaults apply to fields not listed.
    public var fields: [String: [String]]?

    public init(sheet: String? = nil, excelTable: String? = nil, table: TableKind, headerRow: Int? = nil, unit: MoneyUnit? = nil,
                fields: [String: [String]]? = nil) {
        self.sheet = sheet
        self.excelTable = excelTable
        self.table = table
        self.headerRow = headerRow
        self.unit = unit
        self.fields = fields
    }
}

/// The model tables a sheet can fill, with their fields.
public enum TableKind: String, Sendable, Codable, CaseIterable {
    case goals, targets, objectives, outputs, kpis, crosswalk
    case budgetLines, sectorSummary, parameters
    case allocations
    case risks

    /// Every field the table knows.
    public var fields: [String] {
        switch self {
        case .goals: ["code", "shortName", "title"]
        case .targets: ["code", "goal", "description", "unit", "baseline", "baselineYear", "target", "targetYear"]
        case .objectives: ["code", "bureau", "type", "title", "goals"]
        case .outputs: ["code", "objective", "bureau", "title", "costRecovery"]
        case .kpis: ["id", "linkedTo", "name", "unit", "direction", "baseline", "baselineYear", "target", "targetYear", "actual", "status", "source"]
        case .crosswalk: ["oldCode", "newCode", "note"]
        case .budgetLines: ["sector", "objective", "output", "title", "category", "funding", "amount", "biennium", "notes"]
        case .sectorSummary: ["bureau", "amount", "biennium"]
        case .parameters: ["label", "value"]
        case .allocations: ["output", "objective", "title", "activities", "amount", "biennium", "fte", "priority", "funding", "notes"]
        case .risks: ["id", "bureau", "description", "category", "objective", "output", "likelihood", "impact", "score", "owner",
                      "mitigation", "status", "lastReview"]
        }
    }

    /// Fields without which the sheet is not loaded (DAT-003).
    public var required: [String] {
        switch self {
        case .goals, .targets, .objectives, .outputs: ["code"]
        case .kpis: ["id"]
        case .crosswalk: ["oldCode"]
        case .budgetLines, .allocations: ["output", "amount"]
        case .sectorSummary: ["bureau", "amount"]
        case .parameters: ["label", "value"]
        case .risks: ["id", "likelihood", "impact"]
        }
    }

    /// Fields read from headers that carry a year (one column per year).
    public var yearFields: Set<String> {
        switch self {
        case .budgetLines, .allocations, .sectorSummary: ["amount"]
        case .kpis: ["actual"]
        default: []
        }
    }

    /// Tables whose rows carry amounts: blank, total and note rows are told apart there.
    public var isAmountTable: Bool { self == .budgetLines || self == .allocations || self == .sectorSummary }
}
