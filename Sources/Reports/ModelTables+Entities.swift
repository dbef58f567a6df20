import Foundation
import Results

/// The tables of `ModelTables`, one function each: what a row is and how each field is taken from the
/// model. Amounts are CHF after unit scaling; an empty field is a value the workbook did not give.
extension ModelTables {
    private static func text(_ d: Decimal?) -> String? { d?.plainText }
    private static func text(_ n: Int?) -> String? { n.map(String.init) }
    private static func text(_ c: CellSource?) -> String? { c?.ref.description }
    private static let sourceCell = Field(name: "source_cell", type: .string, description: "file!sheet!cell the row's key was read from")

    static func objectives(_ model: ResultsModel) -> Table {
        Table(name: "objectives", description: "one row per objective of the results framework",
              fields: [Field(name: "objective", type: .string, description: "the objective's code"),
                       Field(name: "bureau", type: .string, description: "the bureau the code's prefix names"),
                       Field(name: "kind", type: .string, description: "the objective's kind as stated"),
                       Field(name: "title", type: .string, description: "the objective's title"),
                       Field(name: "goals", type: .string, description: "the goal numbers it serves, separated by spaces"),
                       sourceCell],
              rows: model.objectives.map { o in
                  [o.code, o.bureau?.rawValue, o.kind, o.title, o.goalTokens.joined(separator: " "), text(o.source)]
              })
    }

    static func outputs(_ model: ResultsModel) -> Table {
        Table(name: "outputs", description: "one row per output listed in the results framework",
              fields: [Field(name: "output", type: .string, description: "the output's canonical code"),
                       Field(name: "objective", type: .string, description: "the objective it serves"),
                       Field(name: "bureau", type: .string, description: "the bureau responsible"),
                       Field(name: "title", type: .string, description: "the output's title"),
                       Field(name: "cost_recovery", type: .boolean, description: "true when the output is funded by cost recovery"),
                       sourceCell],
              rows: model.outputs.map { o in
                  [o.code.text, o.objective, o.bureau?.rawValue, o.title, o.isCostRecovery ? "true" : "false", text(o.source)]
              })
    }

    static func allocations(_ model: ResultsModel) -> Table {
        Table(name: "allocations", description: "one row per operational-plan row and year",
              fields: [Field(name: "bureau", type: .string, description: "the bureau whose plan it is"),
                       Field(name: "output", type: .string, description: "the output's canonical code"),
                       Field(name: "year", type: .integer, description: "the plan year"),
                       Field(name: "funding", type: .string, description: "the funding source code (RB, RB-CR, XB-VC, …)"),
                       Field(name: "chf", type: .number, description: "the year's planned cost in CHF: the total, or staff + non-staff"),
                       Field(name: "staff_chf", type: .number, description: "the staff part in CHF, when the plan splits the cost"),
                       Field(name: "nonstaff_chf", type: .number, description: "the non-staff part in CHF, when the plan splits the cost"),
                       Field(name: "fte", type: .number, description: "full-time equivalents planned for the row (both years)"),
                       Field(name: "priority", type: .string, description: "HIGH, MEDIUM or LOW"),
                       Field(name: "title", type: .string, description: "the output's title as the plan states it"),
                       Field(name: "amount_cell", type: .string, description: "file!sheet!cell of the year's amount (the first, for a split)"),
                       sourceCell],
              rows: model.allocations.flatMap { a in
                  a.years.keys.sorted().map { year -> [String?] in
                      let cost = a.years[year]!
                      return [a.bureau.rawValue, a.output.text, String(year), a.funding.code, text(cost.chf),
                              text(cost.total == nil ? cost.staff?.chf : nil), text(cost.total == nil ? cost.nonStaff?.chf : nil),
                              text(a.fte?.value), a.priority?.rawValue, a.title, text(cost.cells.first?.source), text(a.outputCell)]
                  }
              })
    }

    static func budgetLines(_ model: ResultsModel) -> Table {
        Table(name: "budget_lines", description: "one row per financial-plan line and year",
              fields: [Field(name: "bureau", type: .string, description: "the bureau of the line's sector"),
                       Field(name: "output", type: .string, description: "the output's canonical code"),
                       Field(name: "year", type: .integer, description: "the plan year"),
                       Field(name: "funding", type: .string, description: "the funding source code"),
                       Field(name: "category", type: .string, description: "the cost category code (STAFF, NONSTAFF, NONSTAFF.TRV, …)"),
                       Field(name: "chf", type: .number, description: "the amount in CHF"),
                       Field(name: "title", type: .string, description: "the output's title as the financial plan states it"),
                       Field(name: "amount_cell", type: .string, description: "file!sheet!cell of the amount"),
                       sourceCell],
              rows: model.budgetLines.flatMap { line in
                  line.years.keys.sorted().map { year -> [String?] in
                      let amount = line.years[year]!
                      return [line.bureau?.rawValue, line.output.text, String(year), line.funding.code, line.category?.code,
                              text(amount.chf), line.title, text(amount.source), text(line.outputCell)]
                  }
              })
    }

    static func kpis(_ model: ResultsModel) -> Table {
        Table(name: "kpis", description: "one row per key performance indicator",
              fields: [Field(name: "kpi", type: .string, description: "the KPI's id"),
                       Field(name: "linked_to", type: .string, description: "the output or objective it measures, as typed"),
                       Field(name: "output", type: .string, description: "the linked output's canonical code, when it is one"),
                       Field(name: "name", type: .string, description: "the KPI's name"),
                       Field(name: "unit", type: .string, description: "its unit"),
                       Field(name: "direction", type: .string, description: "up, down or maintain"),
                       Field(name: "baseline", type: .number, description: "the baseline value"),
                       Field(name: "baseline_year", type: .integer, description: "the baseline's year"),
                       Field(name: "target", type: .number, description: "the target value"),
                       Field(name: "target_year", type: .integer, description: "the target's year"),
                       sourceCell],
              rows: model.kpis.map { k in
                  [k.id, k.linkedTo, k.linkedOutput?.text, k.name, k.unit, k.direction?.rawValue, text(k.baseline?.value),
                   text(k.baselineYear), text(k.target?.value), text(k.targetYear), text(k.source)]
              })
    }

    static func kpiActuals(_ model: ResultsModel) -> Table {
        Table(name: "kpi_actuals", description: "one row per KPI and year with an actual value",
              fields: [Field(name: "kpi", type: .string, description: "the KPI's id"),
                       Field(name: "year", type: .integer, description: "the year"),
                       Field(name: "actual", type: .number, description: "the actual value reported"),
                       Field(name: "value_cell", type: .string, description: "file!sheet!cell of the value")],
              rows: model.kpis.flatMap { k in
                  k.actuals.keys.sorted().map { year in [k.id, String(year), text(k.actuals[year]!.value), text(k.actuals[year]!.source)] }
              })
    }

    static func risks(_ model: ResultsModel) -> Table {
        Table(name: "risks", description: "one row per risk of the register",
              fields: [Field(name: "risk", type: .string, description: "the risk's id"),
                       Field(name: "bureau", type: .string, description: "the bureau that owns it"),
                       Field(name: "category", type: .string, description: "its category"),
                       Field(name: "description", type: .string, description: "what the risk is"),
                       Field(name: "linked_objective", type: .string, description: "the objective it is linked to, as typed"),
                       Field(name: "linked_output", type: .string, description: "the output it is linked to, as typed"),
                       Field(name: "likelihood", type: .number, description: "likelihood, 1 to 5"),
                       Field(name: "impact", type: .number, description: "impact, 1 to 5"),
                       Field(name: "stated_score", type: .number, description: "the score the register states"),
                       Field(name: "owner", type: .string, description: "who owns the risk"),
                       Field(name: "status", type: .string, description: "its status"),
                       sourceCell],
              rows: model.risks.map { r in
                  [r.id, r.bureau?.rawValue, r.category, r.description, r.linkedObjective?.text, r.linkedOutput?.text,
                   text(r.likelihood?.value), text(r.impact?.value), text(r.statedScore?.value), r.owner, r.status, text(r.source)]
              })
    }

    static func findings(_ findings: [Finding], language: Language) -> Table {
        Table(name: "findings", description: "one row per finding, the columns of discrepancies.csv",
              fields: LogColumn.allCases.map {
                  Field(name: $0.name, type: .string, description: "discrepancies.csv's column \($0.name) (README, Outputs)")
              },
              rows: findings.map { f in LogColumn.allCases.map { $0.text(f, in: language) } })
    }
}
