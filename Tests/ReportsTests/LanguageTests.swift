import Foundation
import Testing
@testable import Reports
import Results

/// The French and Spanish catalogues (issue 13, "Three languages"): every `Message` case renders in
/// each language, no English is left in the templates checked, ids, codes and cells are kept as
/// read, and numbers are written as each language writes them.
@Suite struct LanguageTests {
    /// The financial plan's table in a pipeline file, for the DAT-003 messages that name it.
    static let place = TablePlace(source: 1, sourceName: "financial plan", table: 0, kind: "budgetLines")

    /// One message of every case (`caseName` is exhaustive, so a new case must be added here).
    static let samples: [Message] = [
        .missingSubmission(kind: .operationalPlan, bureau: .bdt, biennium: Biennium(2022, 2023), received: [.br, .tsb], refused: []),
        .missingSubmission(kind: .financialPlan, bureau: nil, biennium: Biennium(2022, 2023), received: [],
                           refused: [Message.RefusedFile(file: "FP.xlsx", reason: "corrupt-archive: truncated")]),
        .duplicateRow(key: "E.2-1/RB", file: "OP_GS.xlsx", identical: true, keptRow: 10, duplicateRow: 11),
        .duplicateRow(key: "E.2-1/RB", file: "OP_GS.xlsx", identical: false, keptRow: 10, duplicateRow: 11),
        .rejectedRow(row: 12, file: "OP_TSB.xlsx", sheet: "Plan opérationnel", value: "1 O50", header: "Coût prévu 2022", reason: "not a number"),
        .missingExcelTable(file: "FP.xlsx", name: "Budget", tables: [Message.NamedTable(name: "T1", sheet: "S")], place: place),
        .missingExcelTable(file: "FP.xlsx", name: "Budget", tables: [], place: place),
        .missingSheet(file: "FP.xlsx", sheet: "Budget by output", sheets: ["Parameters", "Summary"], closest: nil, place: place),
        .missingSheet(file: "FP.xlsx", sheet: "Budget by output", sheets: ["Parameters", "Budget par produit"], closest: "Budget par produit", place: place),
        .missingColumn(file: "FP.xlsx", sheet: "Budget by output", field: "output", headers: ["Code"], closestAlias: "Output code", likelyHeader: nil, place: place),
        .missingColumn(file: "FP.xlsx", sheet: "Budget by output", field: "output", headers: ["Code du produit"], closestAlias: "Output code",
                       likelyHeader: "Code du produit", place: place),
        .bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("NONSTAFF.CON"), funding: FundingSource("RB")), years: Biennium(2022, 2023), first: 6_990_000, second: 6_900_000, stated: 13_980_000, transposed: true),
        .statedTotal(label: "TOTAL", period: .biennium(Biennium(2022, 2023)), stated: 171_250_000, computed: 171_160_000, isMoney: true, rows: [5, 6, 7, 9], transposed: false),
        .unitColumn(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", column: "F", hits: 4, pairs: 5),
        .unitCell(output: OutputCode("T.4-1"), year: 2023, planned: 470_000_000, unit: .kchf, budgeted: 470_000, ratio: 1000),
        .fundingClass(output: OutputCode("D.2-2"), year: 2022, bureau: .bdt, planned: 1_800_000, planClass: .regular, budgetClass: .extrabudgetary, misstated: 1_800_000),
        .extrabudgetaryNote(output: OutputCode("D.2-2"), year: 2022, notes: "trust fund"),
        .plannedNotBudgeted(output: OutputCode("R.1-2"), title: "Satellite filings", bureau: .br, year: 2022, planned: 1_240_000),
        .budgetedNotPlanned(output: OutputCode("T.1-2"), title: "Study groups", bureau: .tsb, year: 2023, budgeted: 1_150_000),
        .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 3_905_000, budgeted: 3_950_000, costRecovery: .warning),
        .bureauTotal(bureau: .tsb, year: 2022, planned: 5_315_000, budgeted: 4_755_000),
        .staffSplit(output: OutputCode("I.1-2"), title: "PP-22", year: 2022, bureau: .gs, planStaff: 1_150_000, planTotal: 5_400_000,
                    budgetStaff: 0, budgetTotal: 5_400_000),
        .costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: 9_125_000, fte: 6, perFTE: 1_520_833, minimum: 120_000, maximum: 320_000),
        .costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: 1000, fte: 0, perFTE: nil, minimum: 120_000, maximum: 320_000),
        .priorityUnderfunded(output: OutputCode("T.2-1"), biennium: Biennium(2022, 2023), bureau: .tsb, funded: 1_250_000, requirement: 2_140_000,
                             coverage: Exact(string: "0.584")!),
        .envelope(biennium: Biennium(2022, 2023), total: 166_050_000, envelope: 166_000_000),
        .unknownGoal(objective: "I.3", goal: "6", plan: "SP2020-2023", goals: 5),
        .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: "T.4"),
        .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: nil),
        .unknownObjective(output: OutputCode("D.5-1"), title: "Emergency telecommunications", objective: "D.5", plan: "SP2020-2023", sameBureau: ["D.1", "D.4"]),
        .notInFramework(output: OutputCode("E.1-1"), title: "Human resources", plan: "SP2020-2023"),
        .objectiveMismatch(output: OutputCode("T.3-1"), stated: "T.2"),
        .bureauMismatch(output: OutputCode("T.3-1"), owner: .tsb, stated: .br),
        .kpiIncomplete(kpi: "KPI-D.2-2-01", name: "CIRTs", baseline: .both, target: .year),
        .kpiStatus(kpi: "KPI-I.1-1-01", name: "Satisfaction", actual: 71, year: 2022, baseline: Exact(string: "92.5")!, baselineYear: 2019,
                   target: 95, targetYear: 2023, computed: .offTrack, reported: "On track"),
        .riskUnmitigated(risk: "RSK-BDT-01", description: "Cyber attack", score: 16, likelihood: 4, impact: 4, band: .high),
        .riskUnknownObjective(risk: "RSK-BDT-03", objective: "D.9"),
        .riskUnknownOutput(risk: "RSK-BDT-02", output: OutputCode("D.2-9"), objective: "D.2", siblings: [OutputCode("D.2-1"), OutputCode("D.2-2")]),
        .riskOffScale(risk: "RSK-GS-04", likelihood: 7, impact: nil),
        .riskScore(risk: "RSK-GS-03", likelihood: 3, impact: 4, score: 12, band: .medium, stated: 16, statedBand: .high),
    ]

    static func caseName(_ message: Message) -> String {
        switch message {
        case .missingSubmission: "missingSubmission"
        case .duplicateRow: "duplicateRow"
        case .rejectedRow: "rejectedRow"
        case .missingExcelTable: "missingExcelTable"
        case .missingSheet: "missingSheet"
        case .missingColumn: "missingColumn"
        case .bienniumSplit: "bienniumSplit"
        case .statedTotal: "statedTotal"
        case .unitColumn: "unitColumn"
        case .unitCell: "unitCell"
        case .fundingClass: "fundingClass"
        case .extrabudgetaryNote: "extrabudgetaryNote"
        case .plannedNotBudgeted: "plannedNotBudgeted"
        case .budgetedNotPlanned: "budgetedNotPlanned"
        case .amountDiffers: "amountDiffers"
        case .bureauTotal: "bureauTotal"
        case .staffSplit: "staffSplit"
        case .costPerFTE: "costPerFTE"
        case .priorityUnderfunded: "priorityUnderfunded"
        case .envelope: "envelope"
        case .unknownGoal: "unknownGoal"
        case .previousPlanObjective: "previousPlanObjective"
        case .unknownObjective: "unknownObjective"
        case .notInFramework: "notInFramework"
        case .objectiveMismatch: "objectiveMismatch"
        case .bureauMismatch: "bureauMismatch"
        case .kpiIncomplete: "kpiIncomplete"
        case .kpiStatus: "kpiStatus"
        case .riskUnmitigated: "riskUnmitigated"
        case .riskUnknownObjective: "riskUnknownObjective"
        case .riskUnknownOutput: "riskUnknownOutput"
        case .riskOffScale: "riskOffScale"
        case .riskScore: "riskScore"
        }
    }

    @Test func theSamplesCoverEveryCase() {
        #expect(Set(Self.samples.map(Self.caseName)).count == 33)
    }

    /// English words that no French or Spanish template may keep (checked as whole words).
    static let englishWords = ["the", "and", "has", "is", "of", "for", "which", "row", "sheet", "column", "planned",
                               "financial", "operational", "staff", "stated", "expected", "found", "received", "objective", "risk",
                               "likelihood", "score", "target", "baseline", "mitigation", "with", "from", "used", "was", "not", "loaded"]

    /// The words of `text` with what the facts put in it (codes, files, names) taken out.
    static func words(_ text: String, without facts: [String]) -> Set<String> {
        var text = text
        for fact in facts { text = text.replacingOccurrences(of: fact, with: " ") }
        return Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    }

    static let facts = ["financial plan", "Budget par produit", "Code du produit", "`sheet:", "`excelTable:`", "Plan opérationnel", "Budget by output", "Parameters", "Summary", "Satellite filings", "Study groups", "PP-22",
                        "Emergency telecommunications", "Human resources", "Cyber attack", "Satisfaction", "On track", "CIRTs",
                        "corrupt-archive: truncated", "not a number", "Coût prévu", "budgetLines", "trust fund", "Output code", "Code", "output", "TOTAL"]

    @Test(arguments: [Language.fr, .es])
    func everyCaseRendersWithNoEnglishLeft(language: Language) {
        let catalogue = language.catalogue
        for message in Self.samples {
            let text = catalogue.text(message)
            let english = EnglishMessages().text(message)
            #expect(!text.isEmpty)
            #expect(text != english, "\(Self.caseName(message)) is not translated")
            let left = Self.words(text, without: Self.facts).intersection(Self.englishWords)
            #expect(left.isEmpty, "\(language) \(Self.caseName(message)): \(left.sorted()) in «\(text)»")
        }
    }

    @Test(arguments: [Language.fr, .es])
    func idsCodesAndCellsAreKeptAsRead(language: Language) {
        let catalogue = language.catalogue
        let unit = catalogue.text(.unitColumn(file: "OP_TSB_2022-2025_v3.xlsx", sheet: "Plan opérationnel", column: "F", hits: 4, pairs: 5))
        #expect(unit.contains("OP_TSB_2022-2025_v3.xlsx!Plan opérationnel"))
        let moved = catalogue.text(.previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: "T.4"))
        #expect(moved.contains("T.5-1") && moved.contains("T.5 → T.4") && moved.contains("SP2016-2019"))
        let risk = catalogue.text(.riskScore(risk: "RSK-GS-03", likelihood: 3, impact: 4, score: 12, band: .medium, stated: 16, statedBand: .high))
        #expect(risk.hasPrefix("RSK-GS-03"))
    }

    @Test func theBudgetTermsAreTheWorkbooksOwn() {
        let ten = Message.fundingClass(output: OutputCode("D.2-2"), year: 2022, bureau: .bdt, planned: 1_800_000, planClass: .regular,
                                       budgetClass: .extrabudgetary, misstated: 1_800_000)
        let french = FrenchMessages().text(ten), spanish = SpanishMessages().text(ten)
        #expect(french.contains("budget ordinaire") && french.contains("extrabudgétaires") && french.contains("plan financier"))
        #expect(spanish.contains("presupuesto ordinario") && spanish.contains("extrapresupuestarios") && spanish.contains("plan financiero"))
        let missing = Message.missingSubmission(kind: .operationalPlan, bureau: .bdt, biennium: Biennium(2022, 2023), received: [.br], refused: [])
        #expect(FrenchMessages().text(missing).contains("plan opérationnel du BDT"))
        #expect(SpanishMessages().text(missing).contains("plan operacional de la BDT"))
    }

    @Test func numbersAreWrittenAsEachLanguageWritesThem() {
        let amount = Exact(string: "1234567.5")!
        #expect(NumberForms.english.grouped(amount) == "1 234 567.5")
        #expect(NumberForms.french.grouped(amount) == "1\u{202F}234\u{202F}567,5")
        #expect(NumberForms.spanish.grouped(amount) == "1\u{00A0}234\u{00A0}567,5")
        #expect(NumberForms.spanish.grouped(1500) == "1500")
        #expect(NumberForms.spanish.grouped(-45_000) == "\u{2212}45\u{00A0}000")
        #expect(NumberForms.french.grouped(440_000, signed: true) == "+440\u{202F}000")
        #expect(NumberForms.english.percent(-45_000, of: 3_950_000) == "\u{2212}1.14 %")
        #expect(NumberForms.french.percent(-45_000, of: 3_950_000) == "\u{2212}1,14\u{00A0}%")
        #expect(NumberForms.spanish.percent(440_000, of: 610_000) == "+72,13\u{00A0}%")
        #expect(NumberForms.french.share(Exact(string: "0.05")!) == "5\u{00A0}%")
        let three = Message.amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 3_905_000, budgeted: 3_950_000, costRecovery: nil)
        #expect(FrenchMessages().text(three) == "R.2-1, 2022 : le BR prévoit CHF 3\u{202F}905\u{202F}000 ; le plan financier indique CHF 3\u{202F}950\u{202F}000 "
                + "(Δ \u{2212}45\u{202F}000, \u{2212}1,14\u{00A0}%).")
        #expect(SpanishMessages().text(three) == "R.2-1, 2022: la BR prevé CHF 3\u{00A0}905\u{00A0}000; el plan financiero consigna CHF 3\u{00A0}950\u{00A0}000 "
                + "(Δ \u{2212}45\u{00A0}000, \u{2212}1,14\u{00A0}%).")
    }

    @Test(arguments: [Language.fr, .es])
    func everyRuleHasATitleAndADescriptionQuotingTheTolerances(language: Language) {
        var tolerances = Tolerances()
        tolerances.bureauWarnRel = Exact(string: "0.02")!
        for rule in RuleID.allCases {
            let entry = language.rule(rule, tolerances: tolerances), english = RuleDescriptions.english(rule, tolerances: tolerances)
            #expect(!entry.title.isEmpty && !entry.description.isEmpty)
            #expect(entry.title != english.title && entry.description != english.description, "\(rule.rawValue)")
        }
        #expect(language.rule(.fin004, tolerances: tolerances).description.contains("2\u{00A0}%"))
    }

    @Test func termsAreWordedByTheCatalogue() {
        #expect(Language.en.text(.term(.nothing)) == "none")
        #expect(Language.fr.text(.term(.nothing)) == "aucun")
        #expect(Language.es.text(.term(.blank)) == "vacío")
        #expect(Language.fr.text(.term(.rows(2))) == "2 lignes")
        #expect(Language.es.text(.term(.submissions(1))) == "1 envío")
        #expect(Language.fr.text(.amount(3_950_000)) == "3950000")
        #expect(Language.es.text(.words("staff 0")) == "staff 0")
        for term in [Term.nothing, .blank, .declaredUnit, .mitigationText, .knownObjective, .knownOutput, .listedOutput, .submissions(1), .rows(1), .rows(2)] {
            #expect(FrenchMessages().term(term) != term.english && SpanishMessages().term(term) != term.english, "\(term)")
        }
    }

    /// Every term that joins words with numbers or codes: the log's English as it has always been
    /// written, and French and Spanish with no English word left; terms of symbols, numbers and
    /// codes only are the same in every language.
    static let composites: [(Term, String)] = [
        (.budgetLine(OutputCode("R.1-2"), year: 2022), "budget line R.1-2/2022"),
        (.allocation(.tsb, OutputCode("T.1-2"), year: 2023), "TSB allocation T.1-2/2023"),
        (.allocation(nil, OutputCode("T.1-2"), year: 2023), " allocation T.1-2/2023"),
        (.kpiValues(baseline: true, target: true), "baseline value and year and target value and year"),
        (.kpiValues(baseline: false, target: true), "target value and year"),
        (.onTrackLine(Exact(string: "291.3")!, threshold: Exact(string: "288.6")!), "291.3 (on-track threshold 288.6)"),
        (.kpiAssessment(computed: .offTrack, reported: "On track", r: Exact(string: "0.5234")!, progress: Exact(string: "0.4512")!),
         "computed Off track; reported On track; r = 0.52; progress 45%"),
        (.kpiAssessment(computed: .atRisk, reported: nil, r: nil, progress: nil), "computed At risk"),
        (.coverage(shortfall: -890_000, percent: Exact(string: "58.41")!), "-890000 (58.4% coverage)"),
        (.score(16), "score 16"),
        (.likelihoodAndImpact(7, nil), "likelihood 7, impact blank"),
        (.thousandFold(hits: 4, pairs: 5), "factor 1000 on 4 of 5 pairs"),
        (.planCode("SP2020-2023"), "SP2020-2023 code"),
        (.objectiveAmong(first: nil, last: nil), "a known objective"),
        (.objectiveAmong(first: "T.1", last: nil), "one of T.1"),
        (.objectiveAmong(first: "T.1", last: "T.4"), "one of T.1…T.4"),
        (.staff(1_150_000), "staff 1150000"),
        (.staffShift(150_000, points: Exact(string: "2.54")!), "+150000 (2.5 pp)"),
        (.excelTable("Budget"), "Excel table Budget"),
        (.column("amount"), "column amount"),
    ]
    static let symbols: [(Term, String)] = [
        (.atLeast(2_140_000), "≥ 2140000"), (.atMost(166_000_000), "≤ 166000000"), (.range(1, 5), "1-5"),
        (.inUnit(470, .kchf), "470 (kCHF)"), (.goals(5), "G1…G5"), (.codeOfPlan("T.5", plan: "SP2016-2019"), "T.5 (SP2016-2019)"),
        (.infinity, "∞"),
    ]

    @Test(arguments: [Language.fr, .es])
    func compositeTermsAreWordedWithNoEnglishLeft(language: Language) {
        let facts = ["On track", "Budget", "amount"]
        for (term, english) in Self.composites {
            #expect(term.english == english && term.hasWords)
            let text = language.text(.term(term))
            #expect(text != english, "\(term) is not translated")
            // `allocation`, `code`, `factor` and `impact` are French or Spanish words too.
            let left = Self.words(text, without: facts).intersection(Self.englishWords + ["budget", "line", "value", "year", "computed", "reported",
                                                                                            "progress", "coverage", "blank", "pairs", "known", "one",
                                                                                            "pp", "table"])
            #expect(left.isEmpty, "\(language) \(term): \(left.sorted()) in «\(text)»")
        }
        for (term, english) in Self.symbols {
            #expect(term.english == english && !term.hasWords && language.text(.term(term)) == english)
        }
    }

    @Test func theLabelTablesHaveTheSameKeys() {
        #expect(Set(LabelTables.french.keys) == Set(LabelTables.spanish.keys))
        #expect(!LabelTables.french.values.contains { $0.contains("'") } && !LabelTables.spanish.values.contains { $0.contains("'") })
        #expect(Labels(.fr).header("2023 staff (CHF)") == "2023 personnel (CHF)")
        #expect(Labels(.es).header("Actual 2022") == "Real 2022")
        #expect(Labels(.en)("{0} files, {1} reconciled", 7, 7) == "7 files, 7 reconciled")
    }
}

extension LanguageTests {
    /// A template's values are put in one pass (issue 11): every label of every language gives
    /// what replacing `{0}`, `{1}`… one after the other gave, and a value's own text is never read
    /// as a template.
    @Test("Templates fill their values in one pass, as the replacements one by one did")
    func templatesFillAsBefore() {
        let values: [CustomStringConvertible] = ["FP_ITU_2022-2023_v3.xlsx", 1454, "D.1-2 «x»", 7.5]
        func oneByOne(_ template: String) -> String {
            var text = template
            for (index, value) in values.enumerated() { text = text.replacingBytes(of: "{\(index)}", with: value.description) }
            return text
        }
        for language in [Language.en, .fr, .es] {
            let labels = Labels(language)
            for english in LabelTables.french.keys {
                #expect(labels(english, values[0], values[1], values[2], values[3]) == oneByOne(labels(english)), "\(language): \(english)")
            }
        }
        let en = Labels(.en)
        #expect(en("Go to {0} row {1}", "plan {1}.xlsx", 5) == "Go to plan {1}.xlsx row 5")
        #expect(en("{0}{1}{0} {2} {01} {} {1", "a", "b") == "aba {2} {01} {} {1")
        #expect(en("nothing to fill", "a") == "nothing to fill")
    }
}
