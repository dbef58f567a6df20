import Foundation
import Results

/// Reads the rows of the results framework (goals, targets, objectives, outputs, KPIs, crosswalk)
/// and of the risk register.
extension RowContext {
    private func requiredCode(_ field: Field, as kind: CodeGrammar.Kind) throws(RowRejection) -> (String, CellSource) {
        guard let (parse, typed) = code(field, as: kind) else {
            throw reject(field, expected: "\(kind.rawValue) code", reason: "no \(kind.rawValue) code")
        }
        guard case .code(let code) = parse else {
            throw reject(field, expected: "\(kind.rawValue) code", reason: "'\(typed.text)' is not a \(kind.rawValue) code")
        }
        return (code, typed.source)
    }

    private func bureau(_ field: Field) -> Bureau? {
        text(field).flatMap { settings.bureaus.canonical($0.text) }.flatMap(Bureau.init(rawValue:))
    }

    /// Whether the field's cell holds a number (a code typed as a number is lossy: a note).
    func isNumber(_ field: Field) -> Bool {
        guard let column = layout.columnIndex(field), let cell = cell(column), case .number = cell.value else { return false }
        return true
    }

    func goal() throws(RowRejection) -> Goal {
        let (code, source) = try requiredCode(.code, as: .goal)
        return Goal(code: code, shortName: text(.shortName)?.text ?? "", title: text(.title)?.text ?? "", source: source)
    }

    func target() throws(RowRejection) -> Target {
        let (code, source) = try requiredCode(.code, as: .target)
        let goal = text(.goal).flatMap { settings.codes.parse($0.text, as: .goal).code } ?? ""
        return Target(code: code, goal: goal, description: text(.description)?.text ?? "", unit: text(.unit)?.text ?? "",
                      baseline: try quantity(.baseline)?.value, baselineYear: try integer(.baselineYear),
                      target: try quantity(.target)?.value, targetYear: try integer(.targetYear), source: source)
    }

    func objective() throws(RowRejection) -> Objective {
        let (code, source) = try requiredCode(.code, as: .objective)
        let goals = text(.goals)
        return Objective(code: code, bureau: bureau(.bureau), kind: text(.type)?.text ?? "", title: text(.title)?.text ?? "",
                         goalTokens: goals.map { settings.codes.goalTokens($0.text) } ?? [], goalsSource: goals?.source, source: source)
    }

    func frameworkOutput() throws(RowRejection) -> FrameworkOutput {
        let (code, source) = try requiredCode(.code, as: .output)
        let objective = text(.objective).flatMap { settings.codes.parse($0.text, as: .objective).code } ?? OutputCode(code).objective
        let recovery = text(.costRecovery).map { ["yes", "y", "true", "oui", "si", "sí", "1"].contains($0.text.lowercased()) } ?? false
        return FrameworkOutput(code: OutputCode(code), objective: objective, bureau: bureau(.bureau), title: text(.title)?.text ?? "",
                               isCostRecovery: recovery, source: source)
    }

    func crosswalk() throws(RowRejection) -> CrosswalkEntry {
        guard let old = text(.oldCode) else { throw reject(.oldCode, expected: "code", reason: "no old code") }
        return CrosswalkEntry(oldCode: CodeText.preprocess(old.text), newCode: text(.newCode)?.text, note: text(.note)?.text ?? "",
                              source: old.source)
    }

    func kpi() throws(RowRejection) -> KPI {
        guard let id = text(.id) else { throw reject(.id, expected: "KPI id", reason: "no KPI id") }
        let linked = text(.linkedTo)?.text ?? ""
        let unitText = text(.unit)?.text ?? ""
        // Any unit that starts with `%` is a percentage (`% countries`); otherwise the alias table.
        let unit = unitText.hasPrefix("%") ? "percent" : settings.kpiUnits.canonical(unitText)
        if unit == nil, !unitText.isEmpty { notes.add(Note(.unknownValue, source: id.source.ref, "unknown KPI unit '\(unitText)' kept as typed")) }
        let isPercent = unit == "percent"
        func value(_ column: Int) throws(RowRejection) -> Quantity? {
            guard let v = isPercent ? try percent(column: column) : try decimal(column: column) else { return nil }
            if isPercent, v < 0 || v > 100 { notes.add(Note(.percentOutOfRange, source: source(column).ref, "percentage \(v.plainText) outside 0-100")) }
            return Quantity(value: v, source: source(column))
        }
        func field(_ name: Field) throws(RowRejection) -> Quantity? {
            guard let column = layout.columnIndex(name) else { return nil }
            return try value(column)
        }
        var actuals: [Int: Quantity] = [:]
        for column in layout.columns {
            if case .year(.actual, let year, _) = column.role, let v = try value(column.index) { actuals[year] = v }
        }
        let direction = text(.direction).flatMap { settings.kpiDirections.canonical($0.text) }.flatMap(KPI.Direction.init(rawValue:))
        let baselineCell = layout.columnIndex(.baseline).map(source) ?? id.source
        let targetCell = layout.columnIndex(.target).map(source) ?? id.source
        return KPI(id: CodeText.preprocess(id.text), linkedTo: linked, linkedOutput: settings.codes.parse(linked, as: .output).code.map(OutputCode.init),
                   name: text(.name)?.text ?? "", unit: unit ?? unitText, direction: direction,
                   baseline: try field(.baseline), baselineYear: try integer(.baselineYear), baselineCell: baselineCell,
                   target: try field(.target), targetYear: try integer(.targetYear), targetCell: targetCell,
                   actuals: actuals, reportedStatus: text(.status), source: id.source)
    }

    func risk() throws(RowRejection) -> Risk {
        guard let id = text(.id) else { throw reject(.id, expected: "risk id", reason: "no risk id") }
        let likelihoodCell = layout.columnIndex(.likelihood).map(source) ?? id.source
        let mitigationCell = layout.columnIndex(.mitigation).map(source) ?? id.source
        let categoryText = text(.category)?.text ?? ""
        // Only a text with a `/` can hold ` / ` (issue 11: Foundation's replacement for every risk).
        let slashed = categoryText.utf8.contains(UInt8(ascii: "/")) ? categoryText.replacingOccurrences(of: " / ", with: "/") : categoryText
        let category = settings.riskCategories.canonical(slashed)
        if category == nil, !categoryText.isEmpty { notes.add(Note(.unknownValue, source: id.source.ref, "unknown risk category '\(categoryText)' kept as typed")) }
        return Risk(id: CodeText.preprocess(id.text), bureau: bureau(.bureau), description: text(.description)?.text ?? "",
                    category: category ?? categoryText,
                    linkedObjective: text(.objective).map { link in
                        TextCell(text: settings.codes.parse(link.text, as: .objective).code ?? link.text, source: link.source) },
                    linkedOutput: text(.output).map { link in
                        TextCell(text: settings.codes.parse(link.text, as: .output).code ?? link.text, source: link.source) },
                    likelihood: try quantity(.likelihood), impact: try quantity(.impact), likelihoodCell: likelihoodCell,
                    statedScore: try quantity(.score), owner: text(.owner)?.text ?? "",
                    mitigation: text(.mitigation) ?? TextCell(text: "", source: mitigationCell), status: text(.status)?.text ?? "",
                    lastReview: text(.lastReview)?.text, source: id.source)
    }
}
