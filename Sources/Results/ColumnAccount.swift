/// What became of one non-empty header cell of a loaded sheet: the field it was mapped to and the
/// alias that matched, its year (or stated-biennium) role, or `ignored` and why.
///
/// Every column is accounted for as every row is (``SheetAccount``): a header that matched no alias
/// is listed, not dropped in silence. Field names are the pipeline file's (`fte`, `amount`): the
/// `Field` enum lives in Normalise, above this module.
public struct ColumnAccount: Hashable, Sendable, Codable {
    /// How the column is read.
    public enum Role: String, Hashable, Sendable, Codable {
        /// A plain field (`output`, `fte`, …).
        case field
        /// One year of a year-bearing field (`amount`, `actual`).
        case year
        /// A stated biennium total.
        case biennium
        /// Not read: no alias matched, or its header names years rbm cannot use.
        case ignored
    }

    /// The column letter (`E`).
    public var column: String
    /// The header text as read (`Budget 2022 / Staff` for a two-row header).
    public var header: String
    public var role: Role
    /// The field the column fills (nil when ignored).
    public var field: String?
    /// The alias that matched, folded as headers are compared (`cout prevu`), or `column:H` for a pinned column.
    public var alias: String?
    /// The year of a year column.
    public var year: Int?
    /// The cost category of a two-row header's sub-header (`STAFF`, `NONSTAFF`).
    public var category: String?
    /// The unit of an amount column and where it came from (`header`, `title rows`, `pipeline source`, `pipeline default`).
    public var unit: String?
    public var unitOrigin: String?
    /// Why an ignored column was ignored, or what is odd about a read one (a year outside the biennium).
    public var reason: String?
    /// For an ignored header that resembles one of the table's fields: that field.
    public var probably: String?
    /// For such a header: the pipeline line that would map it (`fte: ["ETP prévus"]` under the table's `fields:`).
    public var suggestedLine: String?

    public init(column: String, header: String, role: Role, field: String? = nil, alias: String? = nil, year: Int? = nil,
                category: String? = nil, unit: String? = nil, unitOrigin: String? = nil, reason: String? = nil,
                probably: String? = nil, suggestedLine: String? = nil) {
        self.column = column
        self.header = header
        self.role = role
        self.field = field
        self.alias = alias
        self.year = year
        self.category = category
        self.unit = unit
        self.unitOrigin = unitOrigin
        self.reason = reason
        self.probably = probably
        self.suggestedLine = suggestedLine
    }
}

/// A field that some rule needs and that no column of a loaded sheet provided: the rules named
/// cannot check that sheet's rows (FIN-009 without an FTE column, FIN-011 without priority…).
public struct FieldGap: Hashable, Sendable, Codable {
    /// The field's pipeline name (`fte`), or `staff/non-staff split` for the cost categories of a two-row header.
    public var field: String
    /// The rules that read it.
    public var rules: [RuleID]

    public init(field: String, rules: [RuleID]) {
        self.field = field
        self.rules = rules
    }

    /// The gap for the staff/non-staff split, which no single field names.
    public static let staffSplit = "staff/non-staff split"
}

/// A table a workbook's source names that did not load (its sheet is absent, or lacks a required
/// column): the DAT-003 findings that say so, so the rules reading that table skip it rather than
/// flood the log.
public struct UnloadedTable: Hashable, Sendable, Codable {
    /// The table kind's pipeline name (`outputs`, `allocations`).
    public var table: String
    /// The sheet the source names (nil: the first visible worksheet).
    public var sheet: String?
    /// The DAT-003 findings raised for it.
    public var findings: [Finding.ID]

    public init(table: String, sheet: String?, findings: [Finding.ID]) {
        self.table = table
        self.sheet = sheet
        self.findings = findings
    }
}
