import Foundation
import Reconcile
import Results

/// Builds small results models by hand for rule tests.
struct ModelBuilder {
    var model = ResultsModel()
    private var opRow = 5
    private var fpRow = 5

    init(bureaus: [Bureau] = [.br], withFramework: Bool = false) {
        model.submissions.append(Submission(file: "FP.xlsx", kind: .financialPlan, bureau: nil, sheets: []))
        for b in bureaus { model.submissions.append(Submission(file: "OP_\(b.rawValue).xlsx", kind: .operationalPlan, bureau: b, sheets: [])) }
        if withFramework { model.submissions.append(Submission(file: "RF.xlsx", kind: .resultsFramework, bureau: nil, sheets: [])) }
    }

    static func cell(_ file: String, _ row: Int, _ column: Int) -> CellSource {
        CellSource(file: file, sheet: "S", position: CellPosition(row: row, column: column))
    }

    static func amount(_ chf: Decimal, _ file: String, _ row: Int, _ column: Int, unit: MoneyUnit = .chf) -> Amount {
        Amount(chf: chf, unit: unit, source: cell(file, row, column))
    }

    /// An operational-plan row: per year either a total or a (staff, non-staff) split.
    mutating func plan(_ output: String, bureau: Bureau = .br, total: [Int: Decimal] = [:], staff: [Int: (Decimal, Decimal)] = [:],
                       fte: Decimal? = nil, priority: Priority? = nil, funding: String = "RB", biennium: Decimal? = nil, notes: String? = nil) {
        let file = "OP_\(bureau.rawValue).xlsx"
        var years: [Int: YearCost] = [:]
        for (year, value) in total { years[year] = YearCost(total: Self.amount(value, file, opRow, year - 2017)) }
        for (year, (s, n)) in staff {
            years[year] = YearCost(staff: Self.amount(s, file, opRow, 2 * (year - 2020)), nonStaff: Self.amount(n, file, opRow, 2 * (year - 2020) + 1))
        }
        model.allocations.append(Allocation(
            bureau: bureau, output: OutputCode(output), outputCell: Self.cell(file, opRow, 1), statedObjective: nil, title: output, years: years,
            biennium: biennium.map { Self.amount($0, file, opRow, 7) }, fte: fte.map { Quantity(value: $0, source: Self.cell(file, opRow, 8)) },
            priority: priority, priorityCell: priority.map { _ in Self.cell(file, opRow, 9) }, funding: FundingSource(funding),
            fundingCell: Self.cell(file, opRow, 10), notes: notes.map { TextCell(text: $0, source: Self.cell(file, opRow, 11)) }, row: opRow))
        opRow += 1
    }

    /// A financial-plan line.
    mutating func line(_ output: String, bureau: Bureau = .br, category: String? = nil, funding: String = "RB", _ amounts: [Int: Decimal],
                       biennium: Decimal? = nil) {
        var years: [Int: Amount] = [:]
        for (year, value) in amounts { years[year] = Self.amount(value, "FP.xlsx", fpRow, year - 2015) }
        model.budgetLines.append(BudgetLine(
            bureau: bureau, sector: nil, statedObjective: nil, output: OutputCode(output), outputCell: Self.cell("FP.xlsx", fpRow, 3), title: output,
            category: category.map(CostCategory.init), funding: FundingSource(funding), fundingCell: Self.cell("FP.xlsx", fpRow, 6), years: years,
            biennium: biennium.map { Self.amount($0, "FP.xlsx", fpRow, 9) }, notes: nil, row: fpRow))
        fpRow += 1
    }

    func findings(_ configure: (inout ReconcileSettings) -> Void = { _ in }) -> [Finding] {
        var settings = ReconcileSettings()
        settings.bureaus = Array(Set(model.submissions.compactMap(\.bureau))).sorted()
        configure(&settings)
        return Reconciler(settings: settings).reconcile(model).findings
    }
}
