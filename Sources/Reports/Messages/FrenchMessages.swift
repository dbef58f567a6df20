import Foundation
import Results

/// The French messages of the rule catalogue, in the words the workbooks use (plan opérationnel,
/// plan financier, budget ordinaire, extrabudgétaire) and French number forms (`NumberForms.french`:
/// `1 800 000`, `−1,14 %`). Ids, codes, file names, sheet names and cell references are as read.
/// Reasons the reader gave for a rejected row or a refused file stay as the reader wrote them (English).
public struct FrenchMessages: MessageCatalogue {
    public init() {}

    private let n = NumberForms.french
    private func g(_ value: Exact, signed: Bool = false) -> String { n.grouped(value, signed: signed) }
    private func p(_ value: Exact) -> String { n.plain(value) }

    public func text(_ message: Message) -> String {
        switch message {
        case .missingSubmission(let kind, let bureau, let biennium, let received, let refused):
            let what = bureau.map { "plan opérationnel du \($0.rawValue)" } ?? name(of: kind)
            let got = received.isEmpty ? "aucun" : received.map(\.rawValue).joined(separator: ", ")
            let missed = refused.isEmpty ? ""
                : " Reçus mais non acceptés : " + refused.map { "\($0.file) (\($0.reason))" }.joined(separator: " ; ") + "."
            let others = kind == .operationalPlan ? " (plans opérationnels reçus : \(got))" : ""
            return "Aucun \(what) pour \(biennium) : 1 classeur attendu, 0 trouvé\(others).\(missed)"
        case .duplicateRow(let key, let file, let identical, let kept, let duplicate):
            return identical
                ? "\(key) figure deux fois dans \(file) avec des valeurs identiques ; ligne \(duplicate) ignorée."
                : "\(key) figure deux fois dans \(file) avec des valeurs différentes ; ligne \(kept) conservée, ligne \(duplicate) non chargée."
        case .rejectedRow(let row, let file, let sheet, let value, let header, let reason):
            return "La ligne \(row) de \(file)!\(sheet) contient « \(value) » dans « \(header) » : \(reason) ; la ligne n’a pas été chargée."
        case .missingExcelTable(let file, let name, let tables, let place):
            let known = tables.isEmpty ? "il n’en a aucun" : "ses tableaux : " + tables.map { "\($0.name) (\($0.sheet))" }.joined(separator: ", ")
            let fix = tables.isEmpty
                ? "Indiquez la feuille qui le contient avec `sheet:` sous \(at(place)) au lieu de `excelTable:`."
                : "Indiquez l’un de ces noms dans `excelTable:` sous \(at(place)), ou lisez une feuille avec `sheet:`."
            return "\(file) n’a pas de tableau Excel nommé « \(name) » (\(known)) ; le tableau \(place.kind) n’a pas été chargé. " + fix
        case .missingSheet(let file, let sheet, let sheets, let closest, let place, let byHeaders):
            let known = sheets.isEmpty ? "il n’a aucune feuille de calcul" : "ses feuilles : " + sheets.map { "« \($0) »" }.joined(separator: ", ")
            let fix = closest.map { byHeaders
                ? "La feuille « \($0) » porte les en-têtes du tableau \(place.kind) : indiquez `sheet: \(TablePlace.yamlString($0))` sous \(at(place)), ou renommez la feuille."
                : "La plus proche est « \($0) » : indiquez `sheet: \(TablePlace.yamlString($0))` sous \(at(place)), ou renommez la feuille." }
                ?? "Indiquez dans `sheet:` sous \(at(place)) la feuille qui le contient."
            return "\(file) n’a pas de feuille « \(sheet) » (\(known)) ; le tableau \(place.kind) n’a pas été chargé. " + fix
        case .missingColumn(let file, let sheet, let field, let headers, let closest, let likely, let place):
            let seen = headers.isEmpty ? "aucun en-tête" : "en-têtes lus : " + headers.map { "« \($0) »" }.joined(separator: ", ")
            let fields = "\(place.path).fields (source « \(place.sourceName) », table « \(place.kind) »)"
            let fix = likely.map { "Sa colonne « \($0) » est très probablement \(field) : ajoutez `\(TablePlace.fieldsLine(field: field, header: $0))` sous \(fields)." }
                ?? "Ajoutez l’en-tête de sa colonne \(field) sous \(fields), par exemple `\(field): [\"<en-tête>\"]`"
                + (closest.map { " (l’alias connu le plus proche est « \($0) »)." } ?? ".")
            return "La feuille « \(sheet) » de \(file) n’a pas de ligne d’en-tête avec une colonne pour « \(field) » (\(seen)) ; la feuille n’a pas été chargée. " + fix

        case .bienniumSplit(let row, let years, let first, let second, let stated, let transposed):
            let label = CostCategoryNames.label(of: row, names: CostCategoryNames.french) { "résumé \($0.rawValue)" }
            let computed = first + second, delta = stated - computed
            return "\(label) : \(years.first) + \(years.second) = \(g(first)) + \(g(second)) = \(g(computed)), "
                + "mais le total \(years) indiqué est de \(g(stated)) (Δ \(g(delta, signed: true))\(hint(transposed)))."
        case .statedTotal(let label, let period, let stated, let computed, let isMoney, let rows, let transposed, let skippedText):
            let show = { (value: Exact) in isMoney ? "CHF \(self.g(value))" : self.g(value) }
            let scope = rows.isEmpty ? "mais aucune ligne n’entre dans son périmètre (somme \(show(computed)))"
                : "la somme des lignes \(MessageNumbers.rows(rows)) donne \(show(computed))"
            let delta = stated - computed
            return "« \(label) »\(period == .none ? "" : ", \(period)") : total indiqué \(show(stated)), \(scope) "
                + "(Δ \(g(delta, signed: true))\(skippedText.isEmpty ? hint(transposed) : skipped(skippedText)))."

        case .unitColumn(let file, let sheet, let column, let hits, let pairs):
            return "La colonne \(column) de \(file)!\(sheet) s’écarte du plan financier d’un facteur d’environ 1 000 pour \(hits) produits sur \(pairs) : "
                + "son unité déclarée semble erronée."
        case .unitCell(let output, let year, let planned, let unit, let budgeted, let ratio):
            return "\(output), \(year) : le plan opérationnel indique \(g(planned / unit.factor)) dans une colonne déclarée en \(unit.rawValue) "
                + "(= CHF \(g(planned))) ; le plan financier indique CHF \(g(budgeted)). Rapport \(n.fixed(ratio, places: 1)) — "
                + "la cellule semble saisie dans la mauvaise unité."
        case .fundingClass(let output, let year, let bureau, let planned, let planClass, let budgetClass, let misstated):
            return "\(output), \(year) : le \(bureau.rawValue) prévoit CHF \(g(planned)) \(funding(planClass)) ; le plan financier le finance "
                + "\(funding(budgetClass)). Le compter dans la mauvaise catégorie fausse le budget ordinaire de CHF \(g(misstated))."
        case .extrabudgetaryNote(let output, let year, let notes):
            return "\(output), \(year) : la ligne relève du budget ordinaire, mais ses notes indiquent « \(notes) » ; des fonds extrabudgétaires "
                + "sont peut-être comptés dans le budget ordinaire (RB)."
        case .plannedNotBudgeted(let output, let title, let bureau, let year, let planned):
            return "\(titled(output, title)) : le \(bureau.rawValue) prévoit CHF \(g(planned)) pour \(year), mais le plan financier n’a pas de ligne pour \(output)."
        case .budgetedNotPlanned(let output, let title, let bureau, let year, let budgeted):
            let owner = bureau.map { "le plan opérationnel du \($0.rawValue) ne prévoit aucune allocation" } ?? "aucun plan opérationnel ne prévoit d’allocation"
            return "\(titled(output, title)) : le plan financier budgète CHF \(g(budgeted)) pour \(year), mais \(owner) pour \(output)."
        case .amountDiffers(let output, let year, let bureau, let planned, let budgeted, let costRecovery):
            let delta = planned - budgeted
            let because = costRecovery.map {
                " Produit à recouvrement des coûts : le Conseil peut en relever le budget pour répondre à la demande (Décision 5), d’où le niveau \(severity($0))."
            } ?? ""
            let who = bureau.map { "le \($0.rawValue)" } ?? "le plan opérationnel"
            return "\(output), \(year) : \(who) prévoit CHF \(g(planned)) ; le plan financier indique "
                + "CHF \(g(budgeted)) (Δ \(g(delta, signed: true)), \(n.percent(delta, of: budgeted)))." + because
        case .bureauTotal(let bureau, let year, let planned, let budgeted):
            let delta = planned - budgeted
            return "\(bureau.rawValue), \(year) : les allocations du plan opérationnel totalisent CHF \(g(planned)) ; le plan financier attribue au "
                + "\(bureau.rawValue) CHF \(g(budgeted)) (Δ \(g(delta, signed: true)), \(n.percent(delta, of: budgeted)))."
        case .staffSplit(let output, let title, let year, let bureau, let planStaff, let planTotal, let budgetStaff, let budgetTotal):
            return "\(titled(output, title)), \(year) : le \(bureau.rawValue) prévoit CHF \(g(planStaff)) de dépenses de personnel sur CHF \(g(planTotal)) ; "
                + "le plan financier en budgète CHF \(g(budgetStaff)) sur CHF \(g(budgetTotal))."
        case .costPerFTE(let output, let year, let staff, let fte, let perFTE, let minimum, let maximum):
            guard let perFTE else {
                return "\(output), \(year) : des dépenses de personnel de CHF \(g(staff)) sont prévues pour 0 ETP (plausible : CHF \(g(minimum))-"
                    + "\(g(maximum)) par ETP) ; les ETP ou les dépenses de personnel sont peut-être mal saisis."
            }
            return "\(output), \(year) : dépenses de personnel de CHF \(g(staff)) pour \(p(fte)) ETP = CHF \(g(perFTE)) par ETP "
                + "(plausible : CHF \(g(minimum))-\(g(maximum))) ; les ETP ou les dépenses de personnel sont peut-être mal saisis."
        case .priorityUnderfunded(let output, let biennium, let bureau, let funded, let requirement, let coverage):
            return "\(output) (priorité élevée) : le plan financier prévoit CHF \(g(funded)) pour \(biennium), "
                + "soit \(n.fixed(coverage * 100, places: 1))\(n.percentSpace)% des besoins du \(bureau.rawValue), CHF \(g(requirement)) "
                + "(écart CHF \(g(requirement - funded)))."
        case .envelope(let biennium, let total, let envelope):
            let delta = total - envelope
            return "Les lignes du budget ordinaire pour \(biennium) totalisent CHF \(g(total)), \(delta > 0 ? "au-dessus" : "en dessous") de l’enveloppe approuvée "
                + "de CHF \(g(envelope)) de CHF \(g(abs(delta)))."

        case .unknownGoal(let objective, let goal, let plan, let goals):
            return "L’objectif \(objective) indique le but \(goal) ; \(plan) compte les buts G1-G\(goals)."
        case .previousPlanObjective(let output, let objective, let previousPlan, let successor):
            guard let successor else {
                return "\(output) relève de l’objectif \(objective) du plan \(previousPlan), qui a été supprimé : la table de correspondance ne lui donne aucun successeur, "
                    + "le produit ne relève donc d’aucun objectif du plan en vigueur."
            }
            return "\(output) relève de l’objectif \(objective) du plan \(previousPlan) ; la table de correspondance associe \(objective) → \(successor). "
                + "Recoder le produit sous \(successor)."
        case .unknownObjective(let output, let title, let objective, let plan, let same):
            // Every objective named, never a range: D.1-D.4 would claim a D.3 the plan may not have.
            let range = same.isEmpty ? "." : " (ses objectifs pour ce bureau sont " + MessageNumbers.list(same, and: "et") + ")."
            return "\(titled(output, title)) renvoie à l’objectif \(objective), qui n’existe pas dans \(plan)" + range
        case .notInFramework(let output, let title, let plan):
            return "\(titled(output, title)) est planifié ou budgété mais ne figure pas dans la feuille des produits du cadre de résultats pour \(plan)."
        case .objectiveMismatch(let output, let stated):
            return "Le produit \(output) relève de l’objectif \(output.objective) mais la ligne indique \(stated) ; \(output.objective) a été retenu."
        case .bureauMismatch(let output, let owner, let stated):
            return "Le produit \(output) relève du \(owner.rawValue) mais la ligne indique \(stated.rawValue) ; \(owner.rawValue) a été retenu."

        case .kpiIncomplete(let kpi, let name, let baseline, let target):
            let parts = [baseline.map { gap(.baseline, $0) }, target.map { gap(.target, $0) }].compactMap { $0 }
            return "\(titled(kpi, name)) : \(parts.joined(separator: " et ")) ; les progrès ne peuvent être \(target != nil ? "appréciés" : "calculés")."
        case .kpiStatus(let kpi, let name, let actual, let year, let baseline, let baselineYear, let target, let targetYear, let computed, let reported):
            return "\(titled(kpi, name)) : \(p(actual)) en \(year) pour une valeur de référence de \(p(baseline)) (\(baselineYear)) et une cible de "
                + "\(p(target)) (\(targetYear)). État calculé : \(status(computed))" + (reported.map { " ; état déclaré « \($0) »." } ?? ".")
        case .riskUnmitigated(let risk, let description, let score, let likelihood, let impact, let band):
            return "\(titled(risk, description)) obtient la note \(p(score)) (probabilité \(p(likelihood)) × impact \(p(impact)), "
                + "\(self.band(band))) et n’a aucune mesure d’atténuation."
        case .riskUnknownObjective(let risk, let objective):
            return "\(risk) est lié à l’objectif \(objective), qui ne figure pas dans le cadre de résultats."
        case .riskUnknownOutput(let risk, let output, let objective, let siblings):
            let known = siblings.isEmpty ? "." : " (l’objectif \(objective) compte \(siblings.map(\.text).joined(separator: " et ")))."
            return "\(risk) est lié au produit \(output), qui ne figure ni dans le cadre de résultats ni dans aucun plan\(known)"
        case .riskOffScale(let risk, let likelihood, let impact):
            return "\(risk) : la probabilité \(likelihood.map(p) ?? "vide") et l’impact \(impact.map(p) ?? "vide") doivent tous deux être sur l’échelle de 1 à 5."
        case .riskScore(let risk, let likelihood, let impact, let score, let band, let stated, let statedBand):
            return "\(risk) : probabilité \(p(likelihood)) × impact \(p(impact)) = \(p(score)) (\(self.band(band))), "
                + "mais la note indiquée est \(p(stated)) (\(self.band(statedBand)))."
        }
    }

    public func term(_ term: Term) -> String {
        switch term {
        case .nothing: "aucun"
        case .blank: "vide"
        case .declaredUnit: "unité déclarée"
        case .mitigationText: "mesures d’atténuation"
        case .knownObjective: "objectif connu"
        case .knownOutput: "produit connu"
        case .listedOutput: "produit répertorié"
        case .submissions(let count): "\(count) soumission\(count > 1 ? "s" : "")"
        case .rows(let count): "\(count) ligne\(count > 1 ? "s" : "")"
        case .budgetLine(let output, let year): "ligne budgétaire \(output)/\(year)"
        case .allocation(let bureau, let output, let year): "allocation \(bureau.map { "\($0.rawValue) " } ?? "")\(output)/\(year)"
        case .kpiValues(let baseline, let target):
            [baseline ? "valeur et année de référence" : nil, target ? "valeur et année cibles" : nil].compactMap { $0 }.joined(separator: " et ")
        case .onTrackLine(let line, let threshold): "\(line.plainText) (seuil « en bonne voie » \(threshold.plainText))"
        case .kpiAssessment(let computed, let reported, let r, let progress):
            [("calculé : " + status(computed)) as String?, reported.map { "déclaré : « \($0) »" }, r.map { "r = \($0.fixed(places: 2))" },
             progress.map { "progression \(Term.wholePercent($0))%" }].compactMap { $0 }.joined(separator: " ; ")
        case .atLeast, .atMost, .range, .inUnit, .goals, .codeOfPlan, .infinity: term.english
        case .coverage(let shortfall, let percent): "\(shortfall.signedText) (\(percent.fixed(places: 1))% de couverture)"
        case .score(let score): "note \(score.plainText)"
        case .likelihoodAndImpact(let l, let i): "probabilité \(l?.plainText ?? "vide"), impact \(i?.plainText ?? "vide")"
        case .thousandFold(let hits, let pairs): "facteur 1000 sur \(hits) paires sur \(pairs)"
        case .planCode(let plan): "code \(plan)"
        case .objectiveAmong(let first, let last): Term.among(first, last, none: "un objectif connu", oneOf: "l’un de")
        case .staff(let value): "personnel \(value.plainText)"
        case .staffShift(let delta, let points): "\(delta.signedText) (\(points.fixed(places: 1)) points)"
        case .excelTable(let name): "tableau Excel \(name)"
        case .column(let field): "colonne \(field)"
        }
    }

    /// `sources[2].tables[0] (source « OP », table « allocations »)`: the table's entry in the pipeline file.
    private func at(_ place: TablePlace) -> String {
        "\(place.path) (source « \(place.sourceName) », table « \(place.kind) »)"
    }

    /// `R.1-2 (Satellite filings)`, `KPI-1 (CIRTs)`, or the code alone when the workbook gives no title or name.
    private func titled(_ code: some CustomStringConvertible, _ title: String) -> String {
        title.isEmpty ? code.description : "\(code) (\(title))"
    }

    private func name(of kind: WorkbookKind) -> String {
        switch kind {
        case .resultsFramework: "cadre de résultats"
        case .financialPlan: "plan financier"
        case .operationalPlan: "plan opérationnel"
        case .riskRegister: "registre des risques"
        }
    }

    private func funding(_ funding: FundingClass) -> String {
        switch funding {
        case .regular: "au titre du budget ordinaire (RB)"
        case .extrabudgetary: "sur des fonds extrabudgétaires (XB)"
        }
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "erreur"
        case .warning: "avertissement"
        case .info: "information"
        }
    }

    private func status(_ status: KPIStatus) -> String {
        switch status {
        case .onTrack: "en bonne voie"
        case .atRisk: "à risque"
        case .offTrack: "en retard"
        case .noData: "pas de données"
        }
    }

    private func band(_ band: RiskBand) -> String {
        switch band {
        case .low: "faible"
        case .medium: "moyen"
        case .high: "élevé"
        case .critical: "critique"
        }
    }

    private enum Part { case baseline, target }

    /// `pas de valeur de référence`, `pas d’année cible`.
    private func gap(_ part: Part, _ gap: KPIGap) -> String {
        switch (part, gap) {
        case (.baseline, .both): "pas de valeur de référence"
        case (.baseline, .value): "pas de valeur pour la référence"
        case (.baseline, .year): "pas d’année de référence"
        case (.target, .both): "pas de cible"
        case (.target, .value): "pas de valeur cible"
        case (.target, .year): "pas d’année cible"
        }
    }

    private func hint(_ transposed: Bool) -> String { transposed ? " ; chiffres peut-être intervertis" : "" }
    /// The cells holding numbers as text that the spreadsheet's SUM skipped (FIN-005).
    private func skipped(_ cells: [SkippedTextCell]) -> String {
        let names = MessageNumbers.list(cells.map(\.cell), and: "et")
        let values = MessageNumbers.list(cells.map { g($0.value) }, and: "et")
        return " ; \(names) \(cells.count == 1 ? "contient" : "contiennent") \(values) sous forme de texte, que la fonction SOMME du tableur ignore"
    }
}
