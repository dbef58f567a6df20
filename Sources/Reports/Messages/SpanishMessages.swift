import Foundation
import Results

/// The Spanish messages of the rule catalogue, in the words the workbooks use (plan operacional,
/// plan financiero, presupuesto ordinario, extrapresupuestario) and Spanish number forms
/// (`NumberForms.spanish`: `1 800 000`, `1500`, `−1,14 %`). Ids, codes, file names, sheet names and
/// cell references are as read. Reasons the reader gave for a rejected row or a refused file stay
/// as the reader wrote them (English).
public struct SpanishMessages: MessageCatalogue {
    public init() {}

    private let n = NumberForms.spanish
    private func g(_ value: Exact, signed: Bool = false) -> String { n.grouped(value, signed: signed) }
    private func p(_ value: Exact) -> String { n.plain(value) }

    public func text(_ message: Message) -> String {
        switch message {
        case .missingSubmission(let kind, let bureau, let biennium, let received, let refused):
            let what = bureau.map { "plan operacional de la \($0.rawValue)" } ?? name(of: kind)
            let got = received.isEmpty ? "ninguno" : received.map(\.rawValue).joined(separator: ", ")
            let missed = refused.isEmpty ? ""
                : " Recibidos pero no aceptados: " + refused.map { "\($0.file) (\($0.reason))" }.joined(separator: "; ") + "."
            let others = kind == .operationalPlan ? " (planes operacionales recibidos: \(got))" : ""
            return "Falta el \(what) para \(biennium): se esperaba 1 libro, se encontraron 0\(others).\(missed)"
        case .duplicateRow(let key, let file, let identical, let kept, let duplicate):
            return identical
                ? "\(key) aparece dos veces en \(file) con valores idénticos; se omitió la fila \(duplicate)."
                : "\(key) aparece dos veces en \(file) con valores distintos; se conservó la fila \(kept) y no se cargó la fila \(duplicate)."
        case .rejectedRow(let row, let file, let sheet, let value, let header, let reason):
            return "La fila \(row) de \(file)!\(sheet) contiene «\(value)» en «\(header)»: \(reason); la fila no se cargó."
        case .missingExcelTable(let file, let name, let tables, let place):
            let known = tables.isEmpty ? "no tiene ninguna" : "sus tablas: " + tables.map { "\($0.name) (\($0.sheet))" }.joined(separator: ", ")
            let fix = tables.isEmpty
                ? "Indique la hoja que la contiene con `sheet:` bajo \(at(place)) en lugar de `excelTable:`."
                : "Indique uno de esos nombres en `excelTable:` bajo \(at(place)), o lea una hoja con `sheet:`."
            return "\(file) no tiene ninguna tabla de Excel llamada «\(name)» (\(known)); la tabla \(place.kind) no se cargó. " + fix
        case .missingSheet(let file, let sheet, let sheets, let closest, let place, let byHeaders):
            let known = sheets.isEmpty ? "no tiene ninguna hoja de cálculo" : "sus hojas: " + sheets.map { "«\($0)»" }.joined(separator: ", ")
            let fix = closest.map { byHeaders
                ? "La hoja «\($0)» tiene los encabezados de la tabla \(place.kind): indique `sheet: \(TablePlace.yamlString($0))` bajo \(at(place)), o cambie el nombre de la hoja."
                : "La más cercana es «\($0)»: indique `sheet: \(TablePlace.yamlString($0))` bajo \(at(place)), o cambie el nombre de la hoja." }
                ?? "Indique en `sheet:` bajo \(at(place)) la hoja que la contiene."
            return "\(file) no tiene la hoja «\(sheet)» (\(known)); la tabla \(place.kind) no se cargó. " + fix
        case .missingColumn(let file, let sheet, let field, let headers, let closest, let likely, let place):
            let seen = headers.isEmpty ? "ningún encabezado" : "encabezados leídos: " + headers.map { "«\($0)»" }.joined(separator: ", ")
            let fields = "\(place.path).fields (fuente «\(place.sourceName)», tabla «\(place.kind)»)"
            let fix = likely.map { "Su columna «\($0)» es muy probablemente \(field): añada `\(TablePlace.fieldsLine(field: field, header: $0))` bajo \(fields)." }
                ?? "Añada el encabezado de su columna \(field) bajo \(fields), por ejemplo `\(field): [\"<encabezado>\"]`"
                + (closest.map { " (el alias conocido más cercano es «\($0)»)." } ?? ".")
            return "La hoja «\(sheet)» de \(file) no tiene ninguna fila de encabezado con una columna para «\(field)» (\(seen)); la hoja no se cargó. " + fix

        case .bienniumSplit(let row, let years, let first, let second, let stated, let transposed):
            let label = CostCategoryNames.label(of: row, names: CostCategoryNames.spanish) { "resumen \($0.rawValue)" }
            let computed = first + second, delta = stated - computed
            return "\(label): \(years.first) + \(years.second) = \(g(first)) + \(g(second)) = \(g(computed)), "
                + "pero el total \(years) indicado es \(g(stated)) (Δ \(g(delta, signed: true))\(hint(transposed)))."
        case .statedTotal(let label, let period, let stated, let computed, let isMoney, let rows, let transposed, let skippedText):
            let show = { (value: Exact) in isMoney ? "CHF \(self.g(value))" : self.g(value) }
            let scope = rows.isEmpty ? "pero ninguna fila entra en su alcance (suma \(show(computed)))"
                : "las filas \(MessageNumbers.rows(rows)) suman \(show(computed))"
            let delta = stated - computed
            return "«\(label)»\(period == .none ? "" : ", \(period)"): total indicado \(show(stated)), \(scope) "
                + "(Δ \(g(delta, signed: true))\(skippedText.isEmpty ? hint(transposed) : skipped(skippedText)))."

        case .unitColumn(let file, let sheet, let column, let hits, let pairs):
            return "La columna \(column) de \(file)!\(sheet) difiere del plan financiero en un factor de aproximadamente 1000 en \(hits) de \(pairs) productos: "
                + "su unidad declarada parece errónea."
        case .unitCell(let output, let year, let planned, let unit, let budgeted, let ratio):
            return "\(output), \(year): el plan operacional consigna \(g(planned / unit.factor)) en una columna declarada en \(unit.rawValue) "
                + "(= CHF \(g(planned))); el plan financiero consigna CHF \(g(budgeted)). Razón \(n.fixed(ratio, places: 1)): "
                + "la celda parece introducida en la unidad equivocada."
        case .fundingClass(let output, let year, let bureau, let planned, let planClass, let budgetClass, let misstated):
            return "\(output), \(year): la \(bureau.rawValue) prevé CHF \(g(planned)) \(funding(planClass)); el plan financiero lo financia "
                + "\(funding(budgetClass)). Contabilizarlo en la categoría equivocada altera el presupuesto ordinario en CHF \(g(misstated))."
        case .extrabudgetaryNote(let output, let year, let notes):
            return "\(output), \(year): la fila es del presupuesto ordinario, pero sus notas dicen «\(notes)»; puede que se cuenten fondos "
                + "extrapresupuestarios como presupuesto ordinario (RB)."
        case .plannedNotBudgeted(let output, let title, let bureau, let year, let planned):
            return "\(titled(output, title)): la \(bureau.rawValue) prevé CHF \(g(planned)) para \(year), pero el plan financiero no tiene ninguna línea para \(output)."
        case .budgetedNotPlanned(let output, let title, let bureau, let year, let budgeted):
            let owner = bureau.map { "el plan operacional de la \($0.rawValue) no tiene ninguna asignación" } ?? "ningún plan operacional tiene asignación"
            return "\(titled(output, title)): el plan financiero presupuesta CHF \(g(budgeted)) para \(year), pero \(owner) para \(output)."
        case .amountDiffers(let output, let year, let bureau, let planned, let budgeted, let costRecovery):
            let delta = planned - budgeted
            let because = costRecovery.map {
                " Producto de recuperación de costos: el Consejo puede aumentar su presupuesto para atender la demanda (Decisión 5), por lo que es \(severity($0))."
            } ?? ""
            let who = bureau.map { "la \($0.rawValue)" } ?? "el plan operacional"
            return "\(output), \(year): \(who) prevé CHF \(g(planned)); el plan financiero consigna "
                + "CHF \(g(budgeted)) (Δ \(g(delta, signed: true)), \(n.percent(delta, of: budgeted)))." + because
        case .bureauTotal(let bureau, let year, let planned, let budgeted):
            let delta = planned - budgeted
            return "\(bureau.rawValue), \(year): las asignaciones del plan operacional suman CHF \(g(planned)); el plan financiero asigna a la "
                + "\(bureau.rawValue) CHF \(g(budgeted)) (Δ \(g(delta, signed: true)), \(n.percent(delta, of: budgeted)))."
        case .staffSplit(let output, let title, let year, let bureau, let planStaff, let planTotal, let budgetStaff, let budgetTotal):
            return "\(titled(output, title)), \(year): la \(bureau.rawValue) prevé CHF \(g(planStaff)) de gastos de personal de un total de CHF \(g(planTotal)); "
                + "el plan financiero presupuesta CHF \(g(budgetStaff)) de CHF \(g(budgetTotal))."
        case .costPerFTE(let output, let year, let staff, let fte, let perFTE, let minimum, let maximum):
            guard let perFTE else {
                return "\(output), \(year): se prevén gastos de personal de CHF \(g(staff)) para 0 ETC (plausible: CHF \(g(minimum))-"
                    + "\(g(maximum)) por ETC); puede que los ETC o los gastos de personal estén mal introducidos."
            }
            return "\(output), \(year): gastos de personal de CHF \(g(staff)) para \(p(fte)) ETC = CHF \(g(perFTE)) por ETC "
                + "(plausible: CHF \(g(minimum))-\(g(maximum))); puede que los ETC o los gastos de personal estén mal introducidos."
        case .priorityUnderfunded(let output, let biennium, let bureau, let funded, let requirement, let coverage):
            return "\(output) (prioridad alta): el plan financiero prevé CHF \(g(funded)) para \(biennium), "
                + "el \(n.fixed(coverage * 100, places: 1))\(n.percentSpace)% de las necesidades de la \(bureau.rawValue), CHF \(g(requirement)) "
                + "(déficit CHF \(g(requirement - funded)))."
        case .envelope(let biennium, let total, let envelope):
            let delta = total - envelope
            return "Las líneas del presupuesto ordinario para \(biennium) suman CHF \(g(total)), \(delta > 0 ? "por encima" : "por debajo") de la dotación aprobada "
                + "de CHF \(g(envelope)) en CHF \(g(abs(delta)))."

        case .unknownGoal(let objective, let goal, let plan, let goals):
            return "El objetivo \(objective) indica la meta \(goal); \(plan) tiene las metas G1-G\(goals)."
        case .previousPlanObjective(let output, let objective, let previousPlan, let successor):
            guard let successor else {
                return "\(output) utiliza el objetivo \(objective) del plan \(previousPlan), que se suprimió: la tabla de correspondencia no le da sucesor, "
                    + "por lo que el producto no pertenece a ningún objetivo del plan vigente."
            }
            return "\(output) utiliza el objetivo \(objective) del plan \(previousPlan); la tabla de correspondencia asigna \(objective) → \(successor). "
                + "Recodifique el producto bajo \(successor)."
        case .unknownObjective(let output, let title, let objective, let plan, let same):
            // Every objective named, never a range: D.1-D.4 would claim a D.3 the plan may not have.
            let range = same.isEmpty ? "." : " (sus objetivos para esa oficina son " + MessageNumbers.list(same, and: "y") + ")."
            return "\(titled(output, title)) remite al objetivo \(objective), que no existe en \(plan)" + range
        case .notInFramework(let output, let title, let plan):
            return "\(titled(output, title)) está planificado o presupuestado pero no figura en la hoja de productos del marco de resultados para \(plan)."
        case .objectiveMismatch(let output, let stated):
            return "El producto \(output) pertenece al objetivo \(output.objective) pero la fila indica \(stated); se utilizó \(output.objective)."
        case .bureauMismatch(let output, let owner, let stated):
            return "El producto \(output) pertenece a la \(owner.rawValue) pero la fila indica \(stated.rawValue); se utilizó \(owner.rawValue)."

        case .kpiIncomplete(let kpi, let name, let baseline, let target):
            let parts = [baseline.map { gap(.baseline, $0) }, target.map { gap(.target, $0) }].compactMap { $0 }
            return "\(titled(kpi, name)): \(parts.joined(separator: " y ")); no se puede \(target != nil ? "evaluar" : "calcular") el progreso."
        case .kpiStatus(let kpi, let name, let actual, let year, let baseline, let baselineYear, let target, let targetYear, let computed, let reported):
            return "\(titled(kpi, name)): \(p(actual)) en \(year) frente a un valor de referencia de \(p(baseline)) (\(baselineYear)) y una meta de "
                + "\(p(target)) (\(targetYear)). Estado calculado: \(status(computed))" + (reported.map { "; estado notificado «\($0)»." } ?? ".")
        case .riskUnmitigated(let risk, let description, let score, let likelihood, let impact, let band):
            return "\(titled(risk, description)) tiene una puntuación de \(p(score)) (probabilidad \(p(likelihood)) × impacto \(p(impact)), "
                + "\(self.band(band))) y no tiene medidas de mitigación."
        case .riskUnknownObjective(let risk, let objective):
            return "\(risk) está vinculado al objetivo \(objective), que no figura en el marco de resultados."
        case .riskUnknownOutput(let risk, let output, let objective, let siblings):
            let known = siblings.isEmpty ? "." : " (el objetivo \(objective) tiene \(siblings.map(\.text).joined(separator: " y ")))."
            return "\(risk) está vinculado al producto \(output), que no figura en el marco de resultados ni en ningún plan\(known)"
        case .riskOffScale(let risk, let likelihood, let impact):
            return "\(risk): la probabilidad \(likelihood.map(p) ?? "vacía") y el impacto \(impact.map(p) ?? "vacío") deben estar ambos en la escala de 1 a 5."
        case .riskScore(let risk, let likelihood, let impact, let score, let band, let stated, let statedBand):
            return "\(risk): probabilidad \(p(likelihood)) × impacto \(p(impact)) = \(p(score)) (\(self.band(band))), "
                + "pero la puntuación indicada es \(p(stated)) (\(self.band(statedBand)))."
        }
    }

    public func term(_ term: Term) -> String {
        switch term {
        case .nothing: "ninguno"
        case .blank: "vacío"
        case .declaredUnit: "unidad declarada"
        case .mitigationText: "medidas de mitigación"
        case .knownObjective: "objetivo conocido"
        case .knownOutput: "producto conocido"
        case .listedOutput: "producto enumerado"
        case .submissions(let count): "\(count) envío\(count == 1 ? "" : "s")"
        case .rows(let count): "\(count) fila\(count == 1 ? "" : "s")"
        case .budgetLine(let output, let year): "línea presupuestaria \(output)/\(year)"
        case .allocation(let bureau, let output, let year): "asignación \(bureau.map { "\($0.rawValue) " } ?? "")\(output)/\(year)"
        case .kpiValues(let baseline, let target):
            [baseline ? "valor y año de referencia" : nil, target ? "valor y año de la meta" : nil].compactMap { $0 }.joined(separator: " y ")
        case .onTrackLine(let line, let threshold): "\(line.plainText) (umbral «en curso» \(threshold.plainText))"
        case .kpiAssessment(let computed, let reported, let r, let progress):
            [("calculado: " + status(computed)) as String?, reported.map { "declarado: «\($0)»" }, r.map { "r = \($0.fixed(places: 2))" },
             progress.map { "avance \(Term.wholePercent($0))%" }].compactMap { $0 }.joined(separator: "; ")
        case .atLeast, .atMost, .range, .inUnit, .goals, .codeOfPlan, .infinity: term.english
        case .coverage(let shortfall, let percent): "\(shortfall.signedText) (\(percent.fixed(places: 1))% de cobertura)"
        case .score(let score): "puntuación \(score.plainText)"
        case .likelihoodAndImpact(let l, let i): "probabilidad \(l?.plainText ?? "vacío"), impacto \(i?.plainText ?? "vacío")"
        case .thousandFold(let hits, let pairs): "factor 1000 en \(hits) de \(pairs) pares"
        case .planCode(let plan): "código \(plan)"
        case .objectiveAmong(let first, let last): Term.among(first, last, none: "un objetivo conocido", oneOf: "uno de")
        case .staff(let value): "personal \(value.plainText)"
        case .staffShift(let delta, let points): "\(delta.signedText) (\(points.fixed(places: 1)) p. p.)"
        case .excelTable(let name): "tabla de Excel \(name)"
        case .column(let field): "columna \(field)"
        }
    }

    /// `sources[2].tables[0] (fuente «OP», tabla «allocations»)`: the table's entry in the pipeline file.
    private func at(_ place: TablePlace) -> String {
        "\(place.path) (fuente «\(place.sourceName)», tabla «\(place.kind)»)"
    }

    /// `R.1-2 (Satellite filings)`, `KPI-1 (CIRTs)`, or the code alone when the workbook gives no title or name.
    private func titled(_ code: some CustomStringConvertible, _ title: String) -> String {
        title.isEmpty ? code.description : "\(code) (\(title))"
    }

    private func name(of kind: WorkbookKind) -> String {
        switch kind {
        case .resultsFramework: "marco de resultados"
        case .financialPlan: "plan financiero"
        case .operationalPlan: "plan operacional"
        case .riskRegister: "registro de riesgos"
        }
    }

    private func funding(_ funding: FundingClass) -> String {
        switch funding {
        case .regular: "con cargo al presupuesto ordinario (RB)"
        case .extrabudgetary: "con fondos extrapresupuestarios (XB)"
        }
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "un error"
        case .warning: "una advertencia"
        case .info: "información"
        }
    }

    private func status(_ status: KPIStatus) -> String {
        switch status {
        case .onTrack: "en curso"
        case .atRisk: "en riesgo"
        case .offTrack: "con retraso"
        case .noData: "sin datos"
        }
    }

    private func band(_ band: RiskBand) -> String {
        switch band {
        case .low: "bajo"
        case .medium: "medio"
        case .high: "alto"
        case .critical: "crítico"
        }
    }

    private enum Part { case baseline, target }

    private func gap(_ part: Part, _ gap: KPIGap) -> String {
        switch (part, gap) {
        case (.baseline, .both): "no tiene valor de referencia"
        case (.baseline, .value): "no tiene valor para la referencia"
        case (.baseline, .year): "no tiene año de referencia"
        case (.target, .both): "no tiene meta"
        case (.target, .value): "no tiene valor de meta"
        case (.target, .year): "no tiene año de meta"
        }
    }

    private func hint(_ transposed: Bool) -> String { transposed ? "; posibles dígitos transpuestos" : "" }
    /// The cells holding numbers as text that the spreadsheet's SUM skipped (FIN-005).
    private func skipped(_ cells: [SkippedTextCell]) -> String {
        let names = MessageNumbers.list(cells.map(\.cell), and: "y")
        let values = MessageNumbers.list(cells.map { g($0.value) }, and: "y")
        return "; \(names) \(cells.count == 1 ? "contiene" : "contienen") \(values) como texto, que la función SUMA de la hoja de cálculo omite"
    }
}
