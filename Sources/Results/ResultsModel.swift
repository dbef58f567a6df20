/// The kinds of workbook a bureau or unit submits.
public enum WorkbookKind: String, Sendable, Codable, CaseIterable {
    case resultsFramework = "RF", financialPlan = "FP", operationalPlan = "OP", riskRegister = "RR"
}

/// How the rows of one sheet were accounted for: `read = loaded + skipped + rejected`.
public struct SheetAccount: Hashable, Sendable, Codable {
    public var sheet: String
    /// The table kind the sheet filled (its pipeline name, `allocations`).
    public var table: String?
    public var headerRow: String
    public var read = 0
    public var loaded = 0
    public var skipped = 0
    public var rejected = 0
    /// Every non-empty header cell and what became of it.
    public var columns: [ColumnAccount] = []
    /// Fields some rule needs that no column of the sheet provided.
    public var missing: [FieldGap] = []

    public init(sheet: String, headerRow: String) {
        self.sheet = sheet
        self.headerRow = headerRow
    }

    public var balances: Bool { read == loaded + skipped + rejected }

    private enum CodingKeys: String, CodingKey { case sheet, table, headerRow, read, loaded, skipped, rejected, columns, missing }

    /// Reads manifests written before columns were accounted for, too (no `table`, `columns`, `missing`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sheet = try c.decode(String.self, forKey: .sheet)
        table = try c.decodeIfPresent(String.self, forKey: .table)
        headerRow = try c.decode(String.self, forKey: .headerRow)
        read = try c.decode(Int.self, forKey: .read)
        loaded = try c.decode(Int.self, forKey: .loaded)
        skipped = try c.decode(Int.self, forKey: .skipped)
        rejected = try c.decode(Int.self, forKey: .rejected)
        columns = try c.decodeIfPresent([ColumnAccount].self, forKey: .columns) ?? []
        missing = try c.decodeIfPresent([FieldGap].self, forKey: .missing) ?? []
    }
}

/// A workbook that was read and recognised: what it is and how its rows were accounted for.
public struct Submission: Hashable, Sendable, Codable {
    public var file: String
    public var kind: WorkbookKind
    public var bureau: Bureau?
    public var sheets: [SheetAccount]
    /// Tables the source names that did not load (DAT-003).
    public var unloaded: [UnloadedTable]

    public init(file: String, kind: WorkbookKind, bureau: Bureau?, sheets: [SheetAccount], unloaded: [UnloadedTable] = []) {
        self.file = file
        self.kind = kind
        self.bureau = bureau
        self.sheets = sheets
        self.unloaded = unloaded
    }

    /// Whether the table (a table kind's pipeline name) loaded from no sheet of this workbook
    /// while the source named it: its rules cannot check this workbook.
    public func didNotLoad(_ table: String) -> UnloadedTable? {
        guard !sheets.contains(where: { $0.table == table }) else { return nil }
        return unloaded.first { $0.table == table }
    }

    /// `RF`, `FP`, `RR` or `OP-<bureau>`: the `<source>` of finding ids.
    public var tag: SourceTag { SourceTag(kind, bureau: kind == .operationalPlan ? bureau : nil) }
}

/// A workbook that did not make it into the model, and why (for SUB-001's message).
public struct MissedWorkbook: Hashable, Sendable, Codable {
    public var file: String
    public var reason: String
    /// What the file name says it was meant to be, when it matches a source's pattern.
    public var kind: WorkbookKind?
    public var bureau: Bureau?

    public init(file: String, reason: String, kind: WorkbookKind? = nil, bureau: Bureau? = nil) {
        self.file = file
        self.reason = reason
        self.kind = kind
        self.bureau = bureau
    }
}

/// Everything the normaliser loaded from one batch: the results model that the rules read.
public struct ResultsModel: Sendable, Codable {
    public var submissions: [Submission] = []
    public var missed: [MissedWorkbook] = []
    public var goals: [Goal] = []
    public var targets: [Target] = []
    public var objectives: [Objective] = []
    public var outputs: [FrameworkOutput] = []
    public var crosswalk: [CrosswalkEntry] = []
    public var kpis: [KPI] = []
    public var budgetLines: [BudgetLine] = []
    public var sectorSummary: [SectorSummary] = []
    /// The summary sheet's cells for FIN-004 live in `sectorSummary`; this says whether one was read.
    public var hasSectorSummary = false
    public var envelope: Envelope?
    public var allocations: [Allocation] = []
    public var risks: [Risk] = []
    public var statedTotals: [StatedTotal] = []
    public var duplicates: [DuplicateRow] = []
    /// Rows read and not loaded, with their cells (DAT-002, conflicting DAT-001, rows noted).
    public var rejectedRows: [RejectedRow] = []
    /// Findings raised while normalising (DAT-002 rejected rows, DAT-003 missing columns).
    public var loadFindings: [Finding] = []
    /// What the run tells its reader besides findings (units read, sheets passed over, amounts not
    /// reconciled…); rendered into the manifest's lines by Pipeline.
    public var notes: [Note] = []

    public init() {}

    /// Appends another workbook's contribution.
    public mutating func merge(_ other: ResultsModel) {
        submissions += other.submissions
        missed += other.missed
        goals += other.goals
        targets += other.targets
        objectives += other.objectives
        outputs += other.outputs
        crosswalk += other.crosswalk
        kpis += other.kpis
        budgetLines += other.budgetLines
        sectorSummary += other.sectorSummary
        hasSectorSummary = hasSectorSummary || other.hasSectorSummary
        envelope = envelope ?? other.envelope
        allocations += other.allocations
        risks += other.risks
        statedTotals += other.statedTotals
        duplicates += other.duplicates
        rejectedRows += other.rejectedRows
        loadFindings += other.loadFindings
        notes += other.notes
    }
}
