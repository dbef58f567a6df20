import Foundation
import Results

/// The English messages of the rule catalogue, worded as domain.md (d) gives them.
public struct EnglishMessages: MessageCatalogue {
    public init() {}

    public func text(_ message: Message) -> String {
        switch message {
        case .missingSubmission(let kind, let bureau, let biennium, let received, let refused):
            let what = bureau.map { "operational plan from \($0.rawValue)" } ?? name(of: kind)
            let got = received.isEmpty ? "none" : received.map(\.rawValue).joined(separator: ", ")
            let others = kind == .operationalPlan ? " (operational plans received: \(got))" : ""
            let missed = refused.isEmpty ? ""
                : " Received but not accepted: " + refused.map { "\($0.file) (\($0.reason))" }.joined(separator: "; ") + "."
            return "No \(what) for \(biennium): expected 1 workbook, found 0\(others).\(missed)"
        case .duplicateRow(let key, let file, let identical, let kept, let duplicate):
            return identical
                ? "\(key) appears twice in \(file) with identical values; row \(duplicate) skipped."
                : "\(key) appears twice in \(file) with different values; row \(kept) kept, row \(duplicate) not loaded."
        case .rejectedRow(let row, let file, let sheet, let value, let header, let reason):
            return "Row \(row) of \(file)!\(sheet) has '\(value)' in '\(header)': \(reason); the row was not loaded."
        case .missingExcelTable(let file, let name, let tables, let place):
            let known = tables.isEmpty ? "it has none" : "its tables: " + tables.map { "\($0.name) (\($0.sheet))" }.joined(separator: ", ")
            let fix = tables.isEmpty
                ? "Name the sheet that holds it with `sheet:` under \(at(place)) instead of `excelTable:`."
                : "Put one of those names in `excelTable:` under \(at(place)), or read a sheet with `sheet:` instead."
            return "\(file) has no Excel table named '\(name)' (\(known)); the \(place.kind) table was not loaded. " + fix
        case .missingSheet(let file, let sheet, let sheets, let closest, let place, let byHeaders):
            let known = sheets.isEmpty ? "it has no worksheet" : "its sheets: " + sheets.map { "'\($0)'" }.joined(separator: ", ")
            let fix = closest.map { byHeaders
                ? "Sheet '\($0)' has the \(place.kind) table's headers: set `sheet: \(TablePlace.yamlString($0))` under \(at(place)), or rename the sheet."
                : "The closest is '\($0)': set `sheet: \(TablePlace.yamlString($0))` under \(at(place)), or rename the sheet." }
                ?? "Set `sheet:` under \(at(place)) to the sheet that holds it."
            return "\(file) has no sheet '\(sheet)' (\(known)); the \(place.kind) table was not loaded. " + fix
        case .missingColumn(let file, let sheet, let field, let headers, let closest, let likely, let place):
            let seen = headers.isEmpty ? "no headers" : "headers seen: " + headers.map { "'\($0)'" }.joined(separator: ", ")
            let fields = "\(place.path).fields (source '\(place.sourceName)', table '\(place.kind)')"
            let fix = likely.map { "Its column '\($0)' is most likely \(field): add `\(TablePlace.fieldsLine(field: field, header: $0))` under \(fields)." }
                ?? "Add the header of its \(field) column under \(fields), e.g. `\(field): [\"<header>\"]`"
                + (closest.map { " (the nearest alias rbm knows is '\($0)')." } ?? ".")
            return "Sheet '\(sheet)' of \(file) has no header row with a column for '\(field)' (\(seen)); the sheet was not loaded. " + fix

        case .bienniumSplit(let row, let years, let first, let second, let stated, let transposed):
            let label = CostCategoryNames.label(of: row, names: CostCategoryNames.english) { "\($0.rawValue) summary" }
            let computed = first + second, delta = stated - computed
            return "\(label): \(years.first) + \(years.second) = \(first.groupedCHF()) + \(second.groupedCHF()) = \(computed.groupedCHF()), "
                + "but the stated \(years) total is \(stated.groupedCHF()) (Δ \(delta.groupedCHF(signed: true))\(hint(transposed)))."
        case .statedTotal(let label, let period, let stated, let computed, let isMoney, let rows, let transposed, let skippedText):
            let show = { (value: Exact) in isMoney ? "CHF \(value.groupedCHF())" : value.groupedCHF() }
            let scope = rows.isEmpty ? "but no rows lie in its scope (sum \(show(computed)))" : "rows \(MessageNumbers.rows(rows)) sum to \(show(computed))"
            let delta = stated - computed
            return "'\(label)'\(period == .none ? "" : ", \(period)"): stated \(show(stated)), \(scope) "
                + "(Δ \(delta.groupedCHF(signed: true))\(skippedText.isEmpty ? hint(transposed) : skipped(skippedText)))."

        case .unitColumn(let file, let sheet, let column, let hits, let pairs):
            return "Column \(column) of \(file)!\(sheet) differs from the financial plan by a factor of about 1 000 on \(hits) of \(pairs) outputs: "
                + "its declared unit looks wrong."
        case .unitCell(let output, let year, let planned, let unit, let budgeted, let ratio):
            return "\(output), \(year): the operational plan holds \((planned / unit.factor).groupedCHF()) in a column declared \(unit.rawValue) "
                + "(= CHF \(planned.groupedCHF())); the financial plan has CHF \(budgeted.groupedCHF()). Ratio \(ratio.fixed(places: 1)) — "
                + "the cell looks entered in the wrong unit."
        case .fundingClass(let output, let year, let bureau, let planned, let planClass, let budgetClass, let misstated):
            return "\(output), \(year): \(bureau.rawValue) plans CHF \(planned.groupedCHF()) as \(planClass.rawValue); the financial plan funds it as "
                + "\(budgetClass.rawValue). Counting it in the wrong class misstates the regular budget by CHF \(misstated.groupedCHF())."
        case .extrabudgetaryNote(let output, let year, let notes):
            return "\(output), \(year): the row is funded from the regular budget, but its notes say '\(notes)': extrabudgetary money may be counted as regular budget."
        case .plannedNotBudgeted(let output, let title, let bureau, let year, let planned):
            return "\(titled(output, title)): \(bureau.rawValue) plans CHF \(planned.groupedCHF()) for \(year), but the financial plan has no line for \(output)."
        case .budgetedNotPlanned(let output, let title, let bureau, let year, let budgeted):
            return "\(titled(output, title)): the financial plan budgets CHF \(budgeted.groupedCHF()) for \(year), but "
                + (bureau.map { "\($0.rawValue)'s operational plan has no" } ?? "no operational plan has an") + " allocation for \(output)."
        case .amountDiffers(let output, let year, let bureau, let planned, let budgeted, let costRecovery):
            let delta = planned - budgeted
            let because = costRecovery.map {
                " A cost-recovery output: Council may raise its budget to meet demand (Decision 5), so this is a \($0.rawValue)."
            } ?? ""
            return "\(output), \(year): " + (bureau.map { "\($0.rawValue) plans" } ?? "the operational plan has") + " CHF \(planned.groupedCHF()); the financial plan has "
                + "CHF \(budgeted.groupedCHF()) (Δ \(delta.groupedCHF(signed: true)), \(MessageNumbers.percent(delta, of: budgeted)))." + because
        case .bureauTotal(let bureau, let year, let planned, let budgeted):
            let delta = planned - budgeted
            return "\(bureau.rawValue), \(year): operational-plan allocations total CHF \(planned.groupedCHF()); the financial plan gives "
                + "\(bureau.rawValue) CHF \(budgeted.groupedCHF()) (Δ \(delta.groupedCHF(signed: true)), \(MessageNumbers.percent(delta, of: budgeted)))."
        case .staffSplit(let output, let title, let year, let bureau, let planStaff, let planTotal, let budgetStaff, let budgetTotal):
            return "\(titled(output, title)), \(year): \(bureau.rawValue) plans CHF \(planStaff.groupedCHF()) of CHF \(planTotal.groupedCHF()) as staff costs; "
                + "the financial plan budgets CHF \(budgetStaff.groupedCHF()) of CHF \(budgetTotal.groupedCHF()) as staff costs."
        case .costPerFTE(let output, let year, let staff, let fte, let perFTE, let minimum, let maximum):
            guard let perFTE else {
                return "\(output), \(year): staff cost CHF \(staff.groupedCHF()) is planned for 0 FTE (plausible CHF \(minimum.groupedCHF())-"
                    + "\(maximum.groupedCHF()) per FTE); the FTE or the staff cost may be mistyped."
            }
            return "\(output), \(year): staff cost CHF \(staff.groupedCHF()) for \(fte.plainText) FTE = CHF \(perFTE.groupedCHF()) per FTE "
                + "(plausible CHF \(minimum.groupedCHF())-\(maximum.groupedCHF())); the FTE or the staff cost may be mistyped."
        case .priorityUnderfunded(let output, let biennium, let bureau, let funded, let requirement, let coverage):
            return "\(output) (high priority): the financial plan provides CHF \(funded.groupedCHF()) for \(biennium), "
                + "\((coverage * 100).fixed(places: 1)) % of \(bureau.rawValue)'s requirement of CHF \(requirement.groupedCHF()) "
                + "(gap CHF \((requirement - funded).groupedCHF()))."
        case .envelope(let biennium, let total, let envelope):
            let delta = total - envelope
            return "Regular-budget lines for \(biennium) total CHF \(total.groupedCHF()), \(delta > 0 ? "above" : "below") the approved envelope "
                + "of CHF \(envelope.groupedCHF()) by CHF \(abs(delta).groupedCHF())."

        case .unknownGoal(let objective, let goal, let plan, let goals):
            return "Objective \(objective) lists goal \(goal); \(plan) has goals G1-G\(goals)."
        case .previousPlanObjective(let output, let objective, let previousPlan, let successor):
            guard let successor else {
                return "\(output) uses objective \(objective) from the \(previousPlan) plan, which was discontinued: the crosswalk gives it no successor, "
                    + "so the output belongs to no objective of the current plan."
            }
            return "\(output) uses objective \(objective) from the \(previousPlan) plan; the crosswalk maps \(objective) → \(successor). "
                + "Re-code the output under \(successor)."
        case .unknownObjective(let output, let title, let objective, let plan, let same):
            // Every objective named, never a range: D.1-D.4 would claim a D.3 the plan may not have.
            let range = same.isEmpty ? "." : " (its objectives for that bureau are " + MessageNumbers.list(same, and: "and") + ")."
            return "\(titled(output, title)) refers to objective \(objective), which does not exist in \(plan)" + range
        case .notInFramework(let output, let title, let plan):
            return "\(titled(output, title)) is planned or budgeted, but it is not in the results framework's Outputs sheet for \(plan)."
        case .objectiveMismatch(let output, let stated):
            return "Output \(output) belongs to objective \(output.objective), but the row says \(stated); \(output.objective) was used."
        case .bureauMismatch(let output, let owner, let stated):
            return "Output \(output) belongs to \(owner.rawValue), but the row says \(stated.rawValue); \(owner.rawValue) was used."

        case .kpiIncomplete(let kpi, let name, let baseline, let target):
            let parts = [baseline.map { gap("baseline", $0) }, target.map { gap("target", $0) }].compactMap { $0 }
            return "\(titled(kpi, name)) has \(parts.joined(separator: " and ")); progress cannot be \(target != nil ? "judged" : "computed")."
        case .kpiStatus(let kpi, let name, let actual, let year, let baseline, let baselineYear, let target, let targetYear, let computed, let reported):
            return "\(titled(kpi, name)): \(actual.plainText) in \(year) against baseline \(baseline.plainText) (\(baselineYear)) and target "
                + "\(target.plainText) (\(targetYear)). The computed status is \(computed.rawValue)" + (reported.map { "; the workbook reports '\($0)'." } ?? ".")
        case .riskUnmitigated(let risk, let description, let score, let likelihood, let impact, let band):
            return "\(titled(risk, description)) scores \(score.plainText) (likelihood \(likelihood.plainText) × impact \(impact.plainText), "
                + "\(band.rawValue)) and has no mitigation measures."
        case .riskUnknownObjective(let risk, let objective):
            return "\(risk) is linked to objective \(objective), which is not in the results framework."
        case .riskUnknownOutput(let risk, let output, let objective, let siblings):
            let known = siblings.isEmpty ? "." : " (objective \(objective) has \(siblings.map(\.text).joined(separator: " and ")))."
            return "\(risk) is linked to output \(output), which is not in the results framework or any plan\(known)"
        case .riskOffScale(let risk, let likelihood, let impact):
            return "\(risk): likelihood \(likelihood?.plainText ?? "blank") and impact \(impact?.plainText ?? "blank") must both be on the 1-5 scale."
        case .riskScore(let risk, let likelihood, let impact, let score, let band, let stated, let statedBand):
            return "\(risk): likelihood \(likelihood.plainText) × impact \(impact.plainText) = \(score.plainText) (\(band.rawValue)), "
                + "but the stated score is \(stated.plainText) (\(statedBand.rawValue))."
        }
    }

    /// `R.1-2 (Satellite filings)`, `KPI-1 (CIRTs)`, or the code alone when the workbook gives no title or name.
    private func titled(_ code: some CustomStringConvertible, _ title: String) -> String {
        title.isEmpty ? code.description : "\(code) (\(title))"
    }

    /// `sources[2].tables[0] (source 'OP', table 'allocations')`: the table's entry in the pipeline file.
    private func at(_ place: TablePlace) -> String {
        "\(place.path) (source '\(place.sourceName)', table '\(place.kind)')"
    }

    private func name(of kind: WorkbookKind) -> String {
        switch kind {
        case .resultsFramework: "results framework"
        case .financialPlan: "financial plan"
        case .operationalPlan: "operational plan"
        case .riskRegister: "risk register"
        }
    }

    /// `no baseline`, `no baseline value`, `no target year`.
    private func gap(_ part: String, _ gap: KPIGap) -> String {
        switch gap {
        case .both: "no \(part)"
        case .value: "no \(part) value"
        case .year: "no \(part) year"
        }
    }

    private func hint(_ transposed: Bool) -> String { transposed ? "; possible transposed digits" : "" }
    /// `; C14 holds 12 000 as text, which the spreadsheet's SUM skips` (FIN-005).
    private func skipped(_ cells: [SkippedTextCell]) -> String {
        let names = MessageNumbers.list(cells.map(\.cell), and: "and")
        let values = MessageNumbers.list(cells.map { $0.value.groupedCHF() }, and: "and")
        return "; \(names) \(cells.count == 1 ? "holds" : "hold") \(values) as text, which the spreadsheet's SUM skips"
    }
}
