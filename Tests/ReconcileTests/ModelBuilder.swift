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

    static func amount(_ chf: Exact, _ file: String, _ row: Int, _ column: Int, unit: MoneyUnit = .chf) -> Amount {
        Amount(chf: chf, unit: unit, source: cell(file, row, column))
    }

    /// The cell text a finding cites: `OP_BR.xlsx!S!E5`.
    static func ref(_ file: String, _ a1: String) -> String { "\(file)!S!\(a1)" }

    /// An operational-plan row: per year either a total or a (staff, non-staff) split.
    mutating func plan(_ output: String, bureau: Bureau = .br, total: [Int: Exact] = [:], staff: [Int: (Exact, Exact)] = [:],
                       fte: Exact? = nil, priority: Priority? = nil, funding: String = "RB", biennium: Exact? = nil, notes: String? = nil,
                       unit: MoneyUnit = .chf) {
        let file = "OP_\(bureau.rawValue).xlsx"
        var years: [Int: YearCost] = [:]
        for (year, value) in total { years[year] = YearCost(total: Self.amount(value, file, opRow, year - 2017, unit: unit)) }
        for (year, (s, n)) in staff {
            years[year] = YearCost(staff: Self.amount(s, file, opRow, 2 * (year - 2020), unit: unit),
                                   nonStaff: Self.amount(n, file, opRow, 2 * (year - 2020) + 1, unit: unit))
        }
        model.allocations.append(Allocation(
            bureau: bureau, output: OutputCode(output), outputCell: Self.cell(file, opRow, 1), statedObjective: nil, title: output, years: years,
            biennium: biennium.map { Self.amount($0, file, opRow, 7, unit: unit) }, fte: fte.map { Quantity(value: $0, source: Self.cell(file, opRow, 8)) },
            priority: priority, priorityCell: priority.map { _ in Self.cell(file, opRow, 9) }, funding: FundingSource(funding),
            fundingCell: Self.cell(file, opRow, 10), notes: notes.map { TextCell(text: $0, source: Self.cell(file, opRow, 11)) }, row: opRow))
        opRow += 1
    }

    /// A financial-plan line.
    mutating func line(_ output: String, bureau: Bureau? = .br, category: String? = nil, funding: String = "RB", _ amounts: [Int: Exact],
                       biennium: Exact? = nil, unit: MoneyUnit = .chf, notes: String? = nil) {
        var years: [Int: Amount] = [:]
        for (year, value) in amounts { years[year] = Self.amount(value, "FP.xlsx", fpRow, year - 2015, unit: unit) }
        model.budgetLines.append(BudgetLine(
            bureau: bureau, sector: nil, statedObjective: nil, output: OutputCode(output), outputCell: Self.cell("FP.xlsx", fpRow, 3), title: output,
            category: category.map(CostCategory.init), funding: FundingSource(funding), fundingCell: Self.cell("FP.xlsx", fpRow, 6), years: years,
            biennium: biennium.map { Self.amount($0, "FP.xlsx", fpRow, 9, unit: unit) },
            notes: notes.map { TextCell(text: $0, source: Self.cell("FP.xlsx", fpRow, 10)) }, row: fpRow))
        fpRow += 1
    }

    /// Objectives (each serving goal 1), the Outputs sheet's outputs (code, bureau) and crosswalk lines
    /// (old code → new code) of a results framework, all in RF.xlsx.
    mutating func framework(objectives: [String], outputs: [(String, Bureau?)] = [], crosswalk: [(String, String?)] = []) {
        if !model.submissions.contains(where: { $0.kind == .resultsFramework }) {
            model.submissions.append(Submission(file: "RF.xlsx", kind: .resultsFramework, bureau: nil, sheets: []))
        }
        for (i, code) in objectives.enumerated() {
            model.objectives.append(Objective(code: code, bureau: nil, kind: "Sectoral", title: code, goalTokens: ["1"],
                                              goalsSource: Self.cell("RF.xlsx", 2 + i, 5), source: Self.cell("RF.xlsx", 2 + i, 1)))
        }
        for (i, (code, bureau)) in outputs.enumerated() {
            let output = OutputCode(code)
            model.outputs.append(FrameworkOutput(code: output, objective: output.objective, bureau: bureau, title: code, isCostRecovery: false,
                                                 source: Self.cell("RF.xlsx", 20 + i, 1)))
        }
        for (i, (old, new)) in crosswalk.enumerated() {
            model.crosswalk.append(CrosswalkEntry(oldCode: old, newCode: new, note: "", source: Self.cell("RF.xlsx", 40 + i, 1)))
        }
    }

    /// A KPI on row `row` of RF.xlsx: baseline value F, baseline year G, target value H, target year I,
    /// actual J (whatever the year), reported status K.
    static func kpi(_ id: String, linkedTo: String, baseline: Exact?, baselineYear: Int?, target: Exact?, targetYear: Int?,
                    actuals: [Int: Exact] = [:], reported: String? = nil, direction: KPI.Direction? = nil, row: Int = 5) -> KPI {
        let linkedOutput = linkedTo.contains("-") ? OutputCode(linkedTo) : nil
        return KPI(id: id, linkedTo: linkedTo, linkedOutput: linkedOutput, name: "name of \(id)", unit: "count", direction: direction,
                   baseline: baseline.map { Quantity(value: $0, source: cell("RF.xlsx", row, 6)) }, baselineYear: baselineYear,
                   baselineCell: cell("RF.xlsx", row, 6), target: target.map { Quantity(value: $0, source: cell("RF.xlsx", row, 8)) },
                   targetYear: targetYear, targetCell: cell("RF.xlsx", row, 8),
                   actuals: actuals.mapValues { Quantity(value: $0, source: cell("RF.xlsx", row, 10)) },
                   reportedStatus: reported.map { TextCell(text: $0, source: cell("RF.xlsx", row, 11)) }, source: cell("RF.xlsx", row, 1))
    }

    /// A risk on row `row` of RR.xlsx: linked objective E, linked output F, likelihood G, impact H,
    /// stated score I, mitigation K.
    static func risk(_ id: String, bureau: Bureau? = .bdt, likelihood: Exact?, impact: Exact?, stated: Exact? = nil,
                     mitigation: String = "Mitigation plan", objective: String? = nil, output: String? = nil, row: Int = 5) -> Risk {
        Risk(id: id, bureau: bureau, description: "description of \(id)", category: "financial",
             linkedObjective: objective.map { TextCell(text: $0, source: cell("RR.xlsx", row, 5)) },
             linkedOutput: output.map { TextCell(text: $0, source: cell("RR.xlsx", row, 6)) },
             likelihood: likelihood.map { Quantity(value: $0, source: cell("RR.xlsx", row, 7)) },
             impact: impact.map { Quantity(value: $0, source: cell("RR.xlsx", row, 8)) }, likelihoodCell: cell("RR.xlsx", row, 7),
             statedScore: stated.map { Quantity(value: $0, source: cell("RR.xlsx", row, 9)) }, owner: "owner",
             mitigation: TextCell(text: mitigation, source: cell("RR.xlsx", row, 11)), status: "Open", lastReview: nil, source: cell("RR.xlsx", row, 1))
    }

    func outcome(_ configure: (inout ReconcileSettings) -> Void = { _ in }) -> Reconciler.Outcome {
        var settings = ReconcileSettings()
        settings.bureaus = Array(Set(model.submissions.compactMap(\.bureau))).sorted()
        configure(&settings)
        return Reconciler(settings: settings).reconcile(model)
    }

    func findings(_ configure: (inout ReconcileSettings) -> Void = { _ in }) -> [Finding] {
        outcome(configure).findings
    }

    /// The findings of one rule.
    func findings(of rule: RuleID, _ configure: (inout ReconcileSettings) -> Void = { _ in }) -> [Finding] {
        findings(configure).filter { $0.rule == rule }
    }
}

/// An exact decimal from its text (`dec("288.6")`), never through a binary floating-point value.
func dec(_ text: String) -> Exact { Exact(string: text)! }
