import Foundation
import Results

/// The tables of `ModelTables`, one function each: what a row is and, per column, its field and how
/// its value is taken from the row, so a table's header and its rows come from one list and cannot
/// drift apart. Amounts are CHF after unit scaling; an empty field is a value the workbook did not give.
extension ModelTables {
    /// One column: its field in the data package and its value in a row.
    struct Column<Row> {
        var field: Field
        var value: (Row) -> String?

        init(_ name: String, _ type: FieldType, _ description: String, _ value: @escaping (Row) -> String?) {
            field = Field(name: name, type: type, description: description)
            self.value = value
        }

        init(_ name: String, _ description: String, _ value: @escaping (Row) -> String?) {
            self.init(name, .string, description, value)
        }
    }

    static func table<Row>(_ name: String, _ description: String, _ rows: [Row], _ columns: [Column<Row>]) -> Table {
        Table(name: name, description: description, fields: columns.map(\.field), rows: rows.map { row in columns.map { $0.value(row) } })
    }

    private static func text(_ d: Exact?) -> String? { d?.plainText }
    private static func text(_ n: Int?) -> String? { n.map(String.init) }
    private static func text(_ c: CellSource?) -> String? { c?.ref.description }
    private static func sourceCell<Row>(_ cell: @escaping (Row) -> CellSource?) -> Column<Row> {
        Column("source_cell", .string, "file!sheet!cell the row's key was read from") { text(cell($0)) }
    }

    static func objectives(_ model: ResultsModel) -> Table {
        table("objectives", "one row per objective of the results framework", model.objectives, [
            Column("objective", "the objective's code") { $0.code },
            Column("bureau", "the bureau the code's prefix names") { $0.bureau?.rawValue },
            Column("kind", "the objective's kind as stated") { $0.kind },
            Column("title", "the objective's title") { $0.title },
            Column("goals", "the goal numbers it serves, separated by spaces") { $0.goalTokens.joined(separator: " ") },
            sourceCell { $0.source },
        ])
    }

    static func outputs(_ model: ResultsModel) -> Table {
        table("outputs", "one row per output listed in the results framework", model.outputs, [
            Column("output", "the output's canonical code") { $0.code.text },
            Column("objective", "the objective it serves") { $0.objective },
            Column("bureau", "the bureau responsible") { $0.bureau?.rawValue },
            Column("title", "the output's title") { $0.title },
            Column("cost_recovery", .boolean, "true when the output is funded by cost recovery") { $0.isCostRecovery ? "true" : "false" },
            sourceCell { $0.source },
        ])
    }

    static func allocations(_ model: ResultsModel) -> Table {
        let rows = model.allocations.flatMap { a in a.years.keys.sorted().map { (a, $0, a.years[$0]!) } }
        return table("allocations", "one row per operational-plan row and year", rows, [
            Column("bureau", "the bureau whose plan it is") { $0.0.bureau.rawValue },
            Column("output", "the output's canonical code") { $0.0.output.text },
            Column("year", .integer, "the plan year") { String($0.1) },
            Column("funding", "the funding source code (RB, RB-CR, XB-VC, …)") { $0.0.funding.code },
            Column("chf", .number, "the year's planned cost in CHF: the total, or staff + non-staff") { text($0.2.chf) },
            Column("staff_chf", .number, "the staff part in CHF, when the plan splits the cost") { text($0.2.total == nil ? $0.2.staff?.chf : nil) },
            Column("nonstaff_chf", .number, "the non-staff part in CHF, when the plan splits the cost") { text($0.2.total == nil ? $0.2.nonStaff?.chf : nil) },
            Column("fte", .number, "full-time equivalents planned for the row (both years)") { text($0.0.fte?.value) },
            Column("priority", "HIGH, MEDIUM or LOW") { $0.0.priority?.rawValue },
            Column("title", "the output's title as the plan states it") { $0.0.title },
            Column("amount_cell", "file!sheet!cell of the year's amount (the first, for a split)") { text($0.2.cells.first?.source) },
            sourceCell { $0.0.outputCell },
        ])
    }

    static func budgetLines(_ model: ResultsModel) -> Table {
        let rows = model.budgetLines.flatMap { line in line.years.keys.sorted().map { (line, $0, line.years[$0]!) } }
        return table("budget_lines", "one row per financial-plan line and year", rows, [
            Column("bureau", "the bureau of the line's sector") { $0.0.bureau?.rawValue },
            Column("output", "the output's canonical code") { $0.0.output.text },
            Column("year", .integer, "the plan year") { String($0.1) },
            Column("funding", "the funding source code") { $0.0.funding.code },
            Column("category", "the cost category code (STAFF, NONSTAFF, NONSTAFF.TRV, …)") { $0.0.category?.code },
            Column("chf", .number, "the amount in CHF") { text($0.2.chf) },
            Column("title", "the output's title as the financial plan states it") { $0.0.title },
            Column("amount_cell", "file!sheet!cell of the amount") { text($0.2.source) },
            sourceCell { $0.0.outputCell },
        ])
    }

    static func kpis(_ model: ResultsModel) -> Table {
        table("kpis", "one row per key performance indicator", model.kpis, [
            Column("kpi", "the KPI's id") { $0.id },
            Column("linked_to", "the output or objective it measures, as typed") { $0.linkedTo },
            Column("output", "the linked output's canonical code, when it is one") { $0.linkedOutput?.text },
            Column("name", "the KPI's name") { $0.name },
            Column("unit", "its unit") { $0.unit },
            Column("direction", "up, down or maintain") { $0.direction?.rawValue },
            Column("baseline", .number, "the baseline value") { text($0.baseline?.value) },
            Column("baseline_year", .integer, "the baseline's year") { text($0.baselineYear) },
            Column("target", .number, "the target value") { text($0.target?.value) },
            Column("target_year", .integer, "the target's year") { text($0.targetYear) },
            sourceCell { $0.source },
        ])
    }

    static func kpiActuals(_ model: ResultsModel) -> Table {
        let rows = model.kpis.flatMap { k in k.actuals.keys.sorted().map { (k.id, $0, k.actuals[$0]!) } }
        return table("kpi_actuals", "one row per KPI and year with an actual value", rows, [
            Column("kpi", "the KPI's id") { $0.0 },
            Column("year", .integer, "the year") { String($0.1) },
            Column("actual", .number, "the actual value reported") { text($0.2.value) },
            Column("value_cell", "file!sheet!cell of the value") { text($0.2.source) },
        ])
    }

    static func risks(_ model: ResultsModel) -> Table {
        table("risks", "one row per risk of the register", model.risks, [
            Column("risk", "the risk's id") { $0.id },
            Column("bureau", "the bureau that owns it") { $0.bureau?.rawValue },
            Column("category", "its category") { $0.category },
            Column("description", "what the risk is") { $0.description },
            Column("linked_objective", "the objective it is linked to, as typed") { $0.linkedObjective?.text },
            Column("linked_output", "the output it is linked to, as typed") { $0.linkedOutput?.text },
            Column("likelihood", .number, "likelihood, 1 to 5") { text($0.likelihood?.value) },
            Column("impact", .number, "impact, 1 to 5") { text($0.impact?.value) },
            Column("stated_score", .number, "the score the register states") { text($0.statedScore?.value) },
            Column("owner", "who owns the risk") { $0.owner },
            Column("status", "its status") { $0.status },
            sourceCell { $0.source },
        ])
    }

    /// The findings with the columns of `discrepancies.csv`, from the one column table (`LogColumn`).
    static func findings(_ findings: [Finding], language: Language) -> Table {
        table("findings", "one row per finding, the columns of discrepancies.csv", findings, LogColumn.allCases.map { column in
            Column(column.name, "discrepancies.csv's column \(column.name) (README, Outputs)") { column.text($0, in: language) }
        })
    }
}
