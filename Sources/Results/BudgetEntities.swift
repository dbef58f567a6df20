import Foundation

/// A year's planned cost on an operational-plan row: a total, or a staff / non-staff split.
public struct YearCost: Hashable, Sendable, Codable {
    /// The planned cost when the plan gives one figure for the year.
    public var total: Amount?
    public var staff: Amount?
    public var nonStaff: Amount?

    public init(total: Amount? = nil, staff: Amount? = nil, nonStaff: Amount? = nil) {
        self.total = total
        self.staff = staff
        self.nonStaff = nonStaff
    }

    /// The year's amount in CHF: the total, or staff + non-staff.
    public var chf: Exact {
        if let total { return total.chf }
        return (staff?.chf ?? 0) + (nonStaff?.chf ?? 0)
    }

    /// The cells that make up the amount, left to right.
    public var cells: [Amount] { total.map { [$0] } ?? [staff, nonStaff].compactMap { $0 } }

    public var hasSplit: Bool { total == nil && (staff != nil || nonStaff != nil) }
}

/// One loaded data row of an operational plan (an allocation of resources to an output).
///
/// Its fields live in a shared copy-on-write ``FieldBox`` (issue 11).
public struct Allocation: Hashable, Sendable, Codable {
    /// The fields, stored once; synthesized `Codable` and `Hashable` give the allocation's.
    struct Fields: Hashable, Sendable, Codable {
        var bureau: Bureau
        var output: OutputCode
        var outputCell: CellSource
        var statedObjective: TextCell?
        var title: String
        var years: [Int: YearCost]
        var biennium: Amount?
        var fte: Quantity?
        var priority: Priority?
        var priorityCell: CellSource?
        var funding: FundingSource
        var fundingCell: CellSource?
        var notes: TextCell?
        var row: Int
    }

    private var storage: FieldBox<Fields>

    /// Copies the box first when another copy shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = FieldBox(storage.fields) }
    }

    public var bureau: Bureau {
        get { storage.fields.bureau }
        _modify {
            makeUnique()
            yield &storage.fields.bureau
        }
    }
    public var output: OutputCode {
        get { storage.fields.output }
        _modify {
            makeUnique()
            yield &storage.fields.output
        }
    }
    public var outputCell: CellSource {
        get { storage.fields.outputCell }
        _modify {
            makeUnique()
            yield &storage.fields.outputCell
        }
    }
    /// The objective the row states (canonical when it parses), with its cell.
    public var statedObjective: TextCell? {
        get { storage.fields.statedObjective }
        _modify {
            makeUnique()
            yield &storage.fields.statedObjective
        }
    }
    public var title: String {
        get { storage.fields.title }
        _modify {
            makeUnique()
            yield &storage.fields.title
        }
    }
    /// Cost per year of the plan's biennium.
    public var years: [Int: YearCost] {
        get { storage.fields.years }
        _modify {
            makeUnique()
            yield &storage.fields.years
        }
    }
    /// A stated biennium total (a checksum for FIN-006, never summed).
    public var biennium: Amount? {
        get { storage.fields.biennium }
        _modify {
            makeUnique()
            yield &storage.fields.biennium
        }
    }
    public var fte: Quantity? {
        get { storage.fields.fte }
        _modify {
            makeUnique()
            yield &storage.fields.fte
        }
    }
    public var priority: Priority? {
        get { storage.fields.priority }
        _modify {
            makeUnique()
            yield &storage.fields.priority
        }
    }
    public var priorityCell: CellSource? {
        get { storage.fields.priorityCell }
        _modify {
            makeUnique()
            yield &storage.fields.priorityCell
        }
    }
    /// The funding source, or nil when the sheet has no funding column (then regular budget).
    public var funding: FundingSource {
        get { storage.fields.funding }
        _modify {
            makeUnique()
            yield &storage.fields.funding
        }
    }
    public var fundingCell: CellSource? {
        get { storage.fields.fundingCell }
        _modify {
            makeUnique()
            yield &storage.fields.fundingCell
        }
    }
    public var notes: TextCell? {
        get { storage.fields.notes }
        _modify {
            makeUnique()
            yield &storage.fields.notes
        }
    }
    public var row: Int {
        get { storage.fields.row }
        _modify {
            makeUnique()
            yield &storage.fields.row
        }
    }

    public init(bureau: Bureau, output: OutputCode, outputCell: CellSource, statedObjective: TextCell?, title: String,
                years: [Int: YearCost], biennium: Amount?, fte: Quantity?, priority: Priority?, priorityCell: CellSource?,
                funding: FundingSource, fundingCell: CellSource?, notes: TextCell?, row: Int) {
        storage = FieldBox(Fields(bureau: bureau, output: output, outputCell: outputCell, statedObjective: statedObjective,
                                 title: title, years: years, biennium: biennium, fte: fte, priority: priority,
                                 priorityCell: priorityCell, funding: funding, fundingCell: fundingCell, notes: notes, row: row))
    }

    public static func == (a: Allocation, b: Allocation) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The same keyed form as the fields'.
    public init(from decoder: any Decoder) throws { storage = FieldBox(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

/// One loaded line of the financial plan (output × cost category × funding source).
///
/// Its fields live in a shared copy-on-write ``FieldBox`` (issue 11).
public struct BudgetLine: Hashable, Sendable, Codable {
    /// The fields, stored once; synthesized `Codable` and `Hashable` give the budgetLine's.
    struct Fields: Hashable, Sendable, Codable {
        var bureau: Bureau?
        var sector: TextCell?
        var sectorBureau: Bureau?
        var statedObjective: TextCell?
        var output: OutputCode
        var outputCell: CellSource
        var title: String
        var category: CostCategory?
        var funding: FundingSource
        var fundingCell: CellSource
        var years: [Int: Amount]
        var biennium: Amount?
        var notes: TextCell?
        var row: Int
    }

    private var storage: FieldBox<Fields>

    /// Copies the box first when another copy shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = FieldBox(storage.fields) }
    }

    /// The bureau of the output code's prefix, else the Sector cell's.
    public var bureau: Bureau? {
        get { storage.fields.bureau }
        _modify {
            makeUnique()
            yield &storage.fields.bureau
        }
    }
    public var sector: TextCell? {
        get { storage.fields.sector }
        _modify {
            makeUnique()
            yield &storage.fields.sector
        }
    }
    /// The Sector cell read through the bureau aliases (RF-004 compares it with the code's bureau).
    public var sectorBureau: Bureau? {
        get { storage.fields.sectorBureau }
        _modify {
            makeUnique()
            yield &storage.fields.sectorBureau
        }
    }
    public var statedObjective: TextCell? {
        get { storage.fields.statedObjective }
        _modify {
            makeUnique()
            yield &storage.fields.statedObjective
        }
    }
    public var output: OutputCode {
        get { storage.fields.output }
        _modify {
            makeUnique()
            yield &storage.fields.output
        }
    }
    public var outputCell: CellSource {
        get { storage.fields.outputCell }
        _modify {
            makeUnique()
            yield &storage.fields.outputCell
        }
    }
    public var title: String {
        get { storage.fields.title }
        _modify {
            makeUnique()
            yield &storage.fields.title
        }
    }
    public var category: CostCategory? {
        get { storage.fields.category }
        _modify {
            makeUnique()
            yield &storage.fields.category
        }
    }
    public var funding: FundingSource {
        get { storage.fields.funding }
        _modify {
            makeUnique()
            yield &storage.fields.funding
        }
    }
    public var fundingCell: CellSource {
        get { storage.fields.fundingCell }
        _modify {
            makeUnique()
            yield &storage.fields.fundingCell
        }
    }
    public var years: [Int: Amount] {
        get { storage.fields.years }
        _modify {
            makeUnique()
            yield &storage.fields.years
        }
    }
    public var biennium: Amount? {
        get { storage.fields.biennium }
        _modify {
            makeUnique()
            yield &storage.fields.biennium
        }
    }
    public var notes: TextCell? {
        get { storage.fields.notes }
        _modify {
            makeUnique()
            yield &storage.fields.notes
        }
    }
    public var row: Int {
        get { storage.fields.row }
        _modify {
            makeUnique()
            yield &storage.fields.row
        }
    }

    public init(bureau: Bureau?, sector: TextCell?, statedObjective: TextCell?, output: OutputCode, outputCell: CellSource, title: String,
                category: CostCategory?, funding: FundingSource, fundingCell: CellSource, years: [Int: Amount], biennium: Amount?,
                notes: TextCell?, row: Int, sectorBureau: Bureau? = nil) {
        storage = FieldBox(Fields(bureau: bureau, sector: sector, sectorBureau: sectorBureau, statedObjective: statedObjective,
                                 output: output, outputCell: outputCell, title: title, category: category, funding: funding,
                                 fundingCell: fundingCell, years: years, biennium: biennium, notes: notes, row: row))
    }

    public static func == (a: BudgetLine, b: BudgetLine) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The same keyed form as the fields'.
    public init(from decoder: any Decoder) throws { storage = FieldBox(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

/// One bureau's line of the financial plan's summary sheet (regular budget).
public struct SectorSummary: Hashable, Sendable, Codable {
    public var bureau: Bureau
    public var years: [Int: Amount]
    public var biennium: Amount?
    public var row: Int

    public init(bureau: Bureau, years: [Int: Amount], biennium: Amount?, row: Int) {
        self.bureau = bureau
        self.years = years
        self.biennium = biennium
        self.row = row
    }
}

/// The approved regular-budget envelope of the biennium.
public struct Envelope: Hashable, Sendable, Codable {
    public var amount: Exact
    public var source: CellSource

    public init(amount: Exact, source: CellSource) {
        self.amount = amount
        self.source = source
    }
}

/// A total or subtotal cell stated in a workbook, with the cells it should equal the sum of.
public struct StatedTotal: Hashable, Sendable, Codable {
    public enum Measure: Hashable, Sendable, Codable {
        case year(Int)
        case biennium
        case fte
    }

    /// `FP`, `OP-BR`, … (the `<source>` of finding ids).
    public var workbook: SourceTag
    public var bureau: Bureau?
    public var label: String
    public var measure: Measure
    public var stated: Exact
    /// The unit of the column (nil for FTE), which sets the rounding tolerance.
    public var unit: MoneyUnit?
    public var cell: CellSource
    /// The in-scope values (in CHF, or FTE) with their cells, top to bottom.
    public var components: [Quantity]

    public init(workbook: SourceTag, bureau: Bureau?, label: String, measure: Measure, stated: Exact, unit: MoneyUnit?,
                cell: CellSource, components: [Quantity]) {
        self.workbook = workbook
        self.bureau = bureau
        self.label = label
        self.measure = measure
        self.stated = stated
        self.unit = unit
        self.cell = cell
        self.components = components
    }
}

/// A row skipped or rejected because its key repeats an earlier row of the same workbook.
public struct DuplicateRow: Hashable, Sendable, Codable {
    /// `FP`, `OP-GS`, `RF`, `RR`.
    public var workbook: SourceTag
    /// The key part of the id: `E.2-1/RB`, or a KPI or risk id.
    public var key: String
    public var bureau: Bureau?
    public var output: OutputCode?
    /// True when every value is equal (warning, row skipped); false when they conflict (error).
    public var identical: Bool
    public var keptCell: CellSource
    public var duplicateCell: CellSource

    public init(workbook: SourceTag, key: String, bureau: Bureau?, output: OutputCode?, identical: Bool, keptCell: CellSource, duplicateCell: CellSource) {
        self.workbook = workbook
        self.key = key
        self.bureau = bureau
        self.output = output
        self.identical = identical
        self.keptCell = keptCell
        self.duplicateCell = duplicateCell
    }
}
