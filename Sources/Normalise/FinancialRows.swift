import Foundation
import Results

/// Reads the rows of amount tables: operational-plan allocations, financial-plan lines, the
/// financial plan's summary by Sector.
extension RowContext {
    /// An output code cell that must hold a valid output code.
    func requiredOutput() throws(RowRejection) -> (OutputCode, CellSource) {
        guard let (parse, typed) = code(.output, as: .output) else {
            throw reject(.output, expected: "output code", reason: "no output code")
        }
        switch parse {
        case .code(let code): return (OutputCode(code), typed.source)
        case .rejected(let reason): throw reject(.output, expected: "output code", reason: reason)
        case .otherKind(let code, let kind): throw reject(.output, expected: "output code", reason: "\(kind.rawValue) code \(code) where an output code is expected")
        case .empty: throw reject(.output, expected: "output code", reason: "no output code")
        }
    }

    /// The stated objective, canonical when it parses; an output-shaped or unreadable code counts as none.
    func statedObjective() -> TextCell? {
        guard let (parse, typed) = code(.objective, as: .objective), case .code(let code) = parse else { return nil }
        return TextCell(text: code, source: typed.source)
    }

    func funding(defaultingTo fallback: FundingSource?) throws(RowRejection) -> (FundingSource, CellSource?) {
        guard layout.columnIndex(.funding) != nil else {
            return (fallback ?? FundingSource("RB"), nil)
        }
        guard let typed = text(.funding) else {
            throw reject(.funding, expected: "known funding source", reason: "no funding source")
        }
        guard let code = settings.funding.canonical(typed.text) else {
            throw reject(.funding, expected: "known funding source", reason: "'\(typed.text)' is not a known funding source")
        }
        return (FundingSource(code), typed.source)
    }

    /// Amounts of the year columns, by year; split columns fill staff and non-staff.
    func yearCosts() throws(RowRejection) -> [Int: YearCost] {
        var years: [Int: YearCost] = [:]
        for column in layout.columns {
            guard case .year(_, let year, let category) = column.role, let amount = try amount(column) else { continue }
            var cost = years[year] ?? YearCost()
            switch category.map({ CostCategory($0).rollUp }) {
            case "STAFF": cost.staff = amount
            case "NONSTAFF": cost.nonStaff = amount
            default: cost.total = amount
            }
            years[year] = cost
        }
        return years
    }

    func yearAmounts() throws(RowRejection) -> [Int: Amount] {
        var years: [Int: Amount] = [:]
        for column in layout.columns {
            guard case .year(_, let year, _) = column.role, let amount = try amount(column) else { continue }
            years[year] = amount
        }
        return years
    }

    func bienniumAmount() throws(RowRejection) -> Amount? {
        guard let column = layout.column(.biennium) else { return nil }
        return try amount(column)
    }

    func allocation(bureau: Bureau) throws(RowRejection) -> Allocation {
        let (output, outputCell) = try requiredOutput()
        let years = try yearCosts()
        let biennium = try bienniumAmount()
        let fte = try quantity(.fte)
        let (funding, fundingCell) = try funding(defaultingTo: FundingSource("RB"))
        let priorityText = text(.priority)
        let priority = priorityText.flatMap { settings.priorities.canonical($0.text) }.flatMap(Priority.init(rawValue:))
        return Allocation(bureau: bureau, output: output, outputCell: outputCell, statedObjective: statedObjective(),
                          title: text(.title)?.text ?? "", years: years, biennium: biennium, fte: fte, priority: priority,
                          priorityCell: priorityText?.source, funding: funding, fundingCell: fundingCell, notes: text(.notes),
                          row: row.number)
    }

    func budgetLine() throws(RowRejection) -> BudgetLine {
        let (output, outputCell) = try requiredOutput()
        let years = try yearAmounts()
        let biennium = try bienniumAmount()
        let (funding, fundingCell) = try funding(defaultingTo: nil)
        let sector = text(.sector)
        let sectorBureau = sector.flatMap { settings.bureaus.canonical($0.text) }.flatMap(Bureau.init(rawValue:))
        let bureau = Bureau.owning(prefix: output.prefix) ?? sectorBureau
        let category = text(.category).flatMap { settings.costCategories.canonical($0.text) }.map(CostCategory.init)
        return BudgetLine(bureau: bureau, sector: sector, statedObjective: statedObjective(), output: output, outputCell: outputCell,
                          title: text(.title)?.text ?? "", category: category, funding: funding,
                          fundingCell: fundingCell ?? outputCell, years: years, biennium: biennium, notes: text(.notes), row: row.number,
                          sectorBureau: sectorBureau)
    }

    func sectorSummary() throws(RowRejection) -> SectorSummary {
        guard let typed = text(.bureau), let code = settings.bureaus.canonical(typed.text), let bureau = Bureau(rawValue: code) else {
            throw reject(.bureau, expected: "bureau", reason: "not a known bureau")
        }
        return SectorSummary(bureau: bureau, years: try yearAmounts(), biennium: try bienniumAmount(), row: row.number)
    }
}
