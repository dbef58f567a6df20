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
public struct Allocation: Hashable, Sendable, Codable {
    public var bureau: Bureau
    public var output: OutputCode
    public var outputCell: CellSource
    /// The objective the row states (canonical when it parses), with its cell.
    public var statedObjective: TextCell?
    public var title: String
    /// Cost per year of the plan's biennium.
    public var years: [Int: YearCost]
    /// A stated biennium total (a checksum for FIN-006, never summed).
    public var biennium: Amount?
    public var fte: Quantity?
    public var priority: Priority?
    public var priorityCell: CellSource?
    /// The funding source, or nil when the sheet has no funding column (then regular budget).
    public var funding: FundingSource
    public var fundingCell: CellSource?
    public var notes: TextCell?
    public var row: Int

    public init(bureau: Bureau, output: OutputCode, outputCell: CellSource, statedObjective: TextCell?, title: String,
                years: [Int: YearCost], biennium: Amount?, fte: Quantity?, priority: Priority?, priorityCell: CellSource?,
                funding: FundingSource, fundingCell: CellSource?, notes: TextCell?, row: Int) {
        self.bureau = bureau
        self.output = output
        self.outputCell = outputCell
        self.statedObjective = statedObjective
        self.title = title
        self.years = years
        self.biennium = biennium
        self.fte = fte
        self.priority = priority
        self.priorityCell = priorityCell
        self.funding = funding
        self.fundingCell = fundingCell
        self.notes = notes
        self.row = row
    }
}

/// One loaded line of the financial plan (output × cost category × funding source).
public struct BudgetLine: Hashable, Sendable, Codable {
    /// The bureau of the output code's prefix, else the Sector cell's.
    public var bureau: Bureau?
    public var sector: TextCell?
    /// The Sector cell read through the bureau aliases (RF-004 compares it with the code's bureau).
    public var sectorBureau: Bureau?
    public var statedObjective: TextCell?
    public var output: OutputCode
    public var outputCell: CellSource
    public var title: String
    public var category: CostCategory?
    public var funding: FundingSource
    public var fundingCell: CellSource
    public var years: [Int: Amount]
    public var biennium: Amount?
    public var notes: TextCell?
    public var row: Int

    public init(bureau: Bureau?, sector: TextCell?, statedObjective: TextCell?, output: OutputCode, outputCell: CellSource, title: String,
                category: CostCategory?, funding: FundingSource, fundingCell: CellSource, years: [Int: Amount], biennium: Amount?,
                notes: TextCell?, row: Int, sectorBureau: Bureau? = nil) {
        self.bureau = bureau
        self.sector = sector
        self.sectorBureau = sectorBureau
        self.statedObjective = statedObjective
        self.output = output
        self.outputCell = outputCell
        self.title = title
        self.category = category
        self.funding = funding
        self.fundingCell = fundingCell
        self.years = years
        self.biennium = biennium
        self.notes = notes
        self.row = row
    }
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
