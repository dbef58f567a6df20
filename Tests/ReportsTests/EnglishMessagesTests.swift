import Foundation
import Testing
@testable import Reports
import Results

/// Wording the issue tracker caught (issue 15): each template reads as a sentence and names exactly
/// what is missing.
@Suite struct EnglishMessagesTests {
    @Test func aMissingSubmissionReadsAsASentence() {
        let op = EnglishMessages().text(.missingSubmission(kind: .operationalPlan, bureau: .gs, biennium: Biennium(2022, 2023),
                                                           received: [.br, .tsb], refused: []))
        #expect(op == "No operational plan from GS for 2022-2023: expected 1 workbook, found 0 (operational plans received: BR, TSB).")
        let fp = EnglishMessages().text(.missingSubmission(kind: .financialPlan, bureau: nil, biennium: Biennium(2022, 2023), received: [],
                                                           refused: [Message.RefusedFile(file: "FP.xlsx", reason: "corrupt-archive: truncated")]))
        #expect(fp == "No financial plan for 2022-2023: expected 1 workbook, found 0. "   // which plans came in says nothing about the FP
                + "Received but not accepted: FP.xlsx (corrupt-archive: truncated).")
    }

    /// Each template reads as a sentence, with CHF on every amount, and says nothing empty: a
    /// missing title or name leaves no "()" behind.
    @Test func templatesNameWhatIsMissingAndLeaveNothingEmpty() {
        let en = EnglishMessages()
        #expect(en.text(.plannedNotBudgeted(output: OutputCode("R.1-2"), title: "", bureau: .br, year: 2022, planned: 1_240_000))
            == "R.1-2: BR plans CHF 1 240 000 for 2022, but the financial plan has no line for R.1-2.")
        #expect(en.text(.budgetedNotPlanned(output: OutputCode("T.1-2"), title: "Study groups", bureau: nil, year: 2023, budgeted: 1_150_000))
            == "T.1-2 (Study groups): the financial plan budgets CHF 1 150 000 for 2023, but no operational plan has an allocation for T.1-2.")
        #expect(en.text(.budgetedNotPlanned(output: OutputCode("T.1-2"), title: "Study groups", bureau: .tsb, year: 2023, budgeted: 1_150_000))
            == "T.1-2 (Study groups): the financial plan budgets CHF 1 150 000 for 2023, but TSB's operational plan has no allocation for T.1-2.")
        #expect(en.text(.amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: nil, planned: 3_905_000, budgeted: 3_950_000, costRecovery: nil))
            == "R.2-1, 2022: the operational plan has CHF 3 905 000; the financial plan has CHF 3 950 000 (Δ −45 000, −1.14 %).")
        #expect(en.text(.staffSplit(output: OutputCode("I.1-2"), title: "PP-22", year: 2022, bureau: .gs, planStaff: 1_150_000, planTotal: 5_400_000,
                                    budgetStaff: 0, budgetTotal: 5_400_000))
            == "I.1-2 (PP-22), 2022: GS plans CHF 1 150 000 of CHF 5 400 000 as staff costs; the financial plan budgets CHF 0 of CHF 5 400 000 as staff costs.")
        #expect(en.text(.priorityUnderfunded(output: OutputCode("T.2-1"), biennium: Biennium(2022, 2023), bureau: .tsb, funded: 1_250_000,
                                             requirement: 2_140_000, coverage: Exact(string: "0.584")!))
            == "T.2-1 (high priority): the financial plan provides CHF 1 250 000 for 2022-2023, 58.4 % of TSB's requirement of CHF 2 140 000 (gap CHF 890 000).")
        #expect(en.text(.envelope(biennium: Biennium(2022, 2023), total: 166_050_000, envelope: 166_000_000))
            == "Regular-budget lines for 2022-2023 total CHF 166 050 000, above the approved envelope of CHF 166 000 000 by CHF 50 000.")
        #expect(en.text(.statedTotal(label: "Total", period: .year(2022), stated: 5000, computed: 0, isMoney: true, rows: [], transposed: false))
            == "'Total', 2022: stated CHF 5 000, but no rows lie in its scope (sum CHF 0) (Δ +5 000).")
        #expect(en.text(.kpiStatus(kpi: "KPI-1", name: "", actual: 71, year: 2022, baseline: 90, baselineYear: 2019, target: 95, targetYear: 2023,
                                   computed: .offTrack, reported: "On track"))
            == "KPI-1: 71 in 2022 against baseline 90 (2019) and target 95 (2023). The computed status is Off track; the workbook reports 'On track'.")
        let tsb = Message.budgetedNotPlanned(output: OutputCode("T.1-2"), title: "", bureau: .tsb, year: 2023, budgeted: 1)
        let none = Message.budgetedNotPlanned(output: OutputCode("T.1-2"), title: "", bureau: nil, year: 2023, budgeted: 1)
        #expect(FrenchMessages().text(tsb).hasSuffix("mais le plan opérationnel du TSB ne prévoit aucune allocation pour T.1-2."))
        #expect(FrenchMessages().text(none).hasSuffix("mais aucun plan opérationnel ne prévoit d’allocation pour T.1-2."))
        #expect(SpanishMessages().text(tsb).hasSuffix("pero el plan operacional de la TSB no tiene ninguna asignación para T.1-2."))
        #expect(SpanishMessages().text(none).hasSuffix("pero ningún plan operacional tiene asignación para T.1-2."))
        for language in [Language.fr, .es] {
            let text = language.catalogue.text(.notInFramework(output: OutputCode("E.1-1"), title: "", plan: "SP2020-2023"))
            #expect(text.hasPrefix("E.1-1 ") && !text.contains("()"), "\(text)")
        }
    }

    @Test func staffCostForNoFTESaysSoInsteadOfInfinity() {
        let text = EnglishMessages().text(.costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: 1000, fte: 0, perFTE: nil,
                                                      minimum: 120_000, maximum: 320_000))
        #expect(text == "E.3-1, 2022: staff cost CHF 1 000 is planned for 0 FTE (plausible CHF 120 000-320 000 per FTE); the FTE or the staff cost may be mistyped.")
        #expect(!text.contains("∞"))
    }

    /// FIN-006 names a line's cost category as people call it, in each language, never by its
    /// internal sub-code; a summary row and an operational-plan row name what they are.
    @Test(arguments: [
        (Language.en, "R.1-3 Contractual services RB: 2022 + 2023 = 6 930 000 + 7 050 000 = 13 980 000, but the stated 2022-2023 total is 13 890 000 (Δ −90 000; possible transposed digits)."),
        (.fr, "R.1-3 Services contractuels RB : "),
        (.es, "R.1-3 Servicios contractuales RB: "),
    ])
    func aBienniumSplitNamesTheCostCategory(language: Language, text: String) {
        let line = Message.bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("NONSTAFF.CON"), funding: FundingSource("RB")),
                                         years: Biennium(2022, 2023), first: 6_930_000, second: 7_050_000, stated: 13_890_000, transposed: true)
        let rendered = language.catalogue.text(line)
        #expect(rendered.hasPrefix(text), "\(rendered)")
        #expect(!rendered.contains("NONSTAFF") && !rendered.contains("CON "))
    }

    @Test func aBienniumSplitWithoutACategoryOrOnASummaryRow() {
        let years = Biennium(2022, 2023)
        let plain = EnglishMessages().text(.bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: nil, funding: FundingSource("RB-CR")),
                                                          years: years, first: 1, second: 1, stated: 3, transposed: false))
        #expect(plain.hasPrefix("R.1-3 RB-CR: 2022 + 2023"))
        let staff = EnglishMessages().text(.bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("STAFF"), funding: FundingSource("RB")),
                                                          years: years, first: 1, second: 1, stated: 3, transposed: false))
        #expect(staff.hasPrefix("R.1-3 Staff RB: "))   // as domain.md's example reads
        let own = EnglishMessages().text(.bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("NONSTAFF.LOCAL"), funding: FundingSource("RB")),
                                                        years: years, first: 1, second: 1, stated: 3, transposed: false))
        #expect(own.hasPrefix("R.1-3 NONSTAFF.LOCAL RB: "))   // a pipeline's own code has no shipped name
        #expect(EnglishMessages().text(.bienniumSplit(row: .summary(bureau: .tsb), years: years, first: 1, second: 1, stated: 3, transposed: false))
            .hasPrefix("TSB summary: "))
        #expect(FrenchMessages().text(.bienniumSplit(row: .allocation(output: OutputCode("T.1-1"), funding: FundingSource("XB")), years: years,
                                                     first: 1, second: 1, stated: 3, transposed: false)).hasPrefix("T.1-1 XB : "))
    }

    /// DAT-003 says which line of the pipeline file to change, and where.
    @Test func aTableThatDidNotLoadSaysWhichLineToAdd() {
        let place = TablePlace(source: 2, sourceName: "operational plans", table: 0, kind: "allocations")
        let en = EnglishMessages()
        #expect(en.text(.missingColumn(file: "OP_TSB.xlsx", sheet: "Plan", field: "fte", headers: ["Produit", "ETP prévus"], closestAlias: "etp",
                                       likelyHeader: "ETP prévus", place: place))
            == "Sheet 'Plan' of OP_TSB.xlsx has no header row with a column for 'fte' (headers seen: 'Produit', 'ETP prévus'); the sheet was not loaded. "
            + "Its column 'ETP prévus' is most likely fte: add `fte: [\"ETP prévus\"]` under sources[2].tables[0].fields (source 'operational plans', table 'allocations').")
        #expect(en.text(.missingColumn(file: "OP_TSB.xlsx", sheet: "Plan", field: "output", headers: ["Code"], closestAlias: "output code",
                                       likelyHeader: nil, place: place))
            == "Sheet 'Plan' of OP_TSB.xlsx has no header row with a column for 'output' (headers seen: 'Code'); the sheet was not loaded. "
            + "Add the header of its output column under sources[2].tables[0].fields (source 'operational plans', table 'allocations'), "
            + "e.g. `output: [\"<header>\"]` (the nearest alias rbm knows is 'output code').")
        #expect(en.text(.missingSheet(file: "RF.xlsx", sheet: "Outputs", sheets: ["Goals", "Output list"], closest: "Output list", place: place))
            == "RF.xlsx has no sheet 'Outputs' (its sheets: 'Goals', 'Output list'); the allocations table was not loaded. "
            + "The closest is 'Output list': set `sheet: \"Output list\"` under sources[2].tables[0] (source 'operational plans', table 'allocations'), or rename the sheet.")
        #expect(en.text(.missingSheet(file: "RF.xlsx", sheet: "Outputs", sheets: ["Goals", "Produits"], closest: nil, place: place))
            .hasSuffix("Set `sheet:` under sources[2].tables[0] (source 'operational plans', table 'allocations') to the sheet that holds it."))
        #expect(en.text(.missingSheet(file: "RF.xlsx", sheet: "Outputs", sheets: ["Goals", "Produits"], closest: "Produits", place: place, byHeaders: true))
            .hasSuffix("Sheet 'Produits' has the allocations table's headers: set `sheet: \"Produits\"` under sources[2].tables[0] (source 'operational plans', table 'allocations'), or rename the sheet."))
        #expect(en.text(.missingExcelTable(file: "FP.xlsx", name: "Budget", tables: [], place: place))
            == "FP.xlsx has no Excel table named 'Budget' (it has none); the allocations table was not loaded. "
            + "Name the sheet that holds it with `sheet:` under sources[2].tables[0] (source 'operational plans', table 'allocations') instead of `excelTable:`.")
    }

    @Test func aKPIMessageNamesWhatIsMissing() {
        let text = EnglishMessages().text(.kpiIncomplete(kpi: "KPI-1", name: "n", baseline: .value, target: .year))
        #expect(text == "KPI-1 (n) has no baseline value and no target year; progress cannot be judged.")
    }

    /// FIN-005 names the cells holding numbers as text that the spreadsheet's SUM skipped, in place of
    /// the transposed-digits hint; without such cells the message is as before.
    @Test func aStatedTotalNamesTheTextCellsTheSUMSkipped() {
        let one = EnglishMessages().text(.statedTotal(label: "Total BR", period: .year(2022), stated: 300_000, computed: 312_000, isMoney: true,
                                                      rows: [5, 6, 7], transposed: false, skippedText: [SkippedTextCell(cell: "C14", value: 12_000)]))
        #expect(one == "'Total BR', 2022: stated CHF 300 000, rows 5-7 sum to CHF 312 000 (Δ −12 000; C14 holds 12 000 as text, which the spreadsheet's SUM skips).")
        let two = EnglishMessages().text(.statedTotal(label: "Total", period: .none, stated: 2, computed: 3, isMoney: false, rows: [5, 6, 7], transposed: true,
                                                      skippedText: [SkippedTextCell(cell: "G6", value: Exact(string: "0.5")!),
                                                                    SkippedTextCell(cell: "G7", value: Exact(string: "0.5")!)]))
        #expect(two == "'Total': stated 2, rows 5-7 sum to 3 (Δ −1; G6 and G7 hold 0.5 and 0.5 as text, which the spreadsheet's SUM skips).")
        let none = EnglishMessages().text(.statedTotal(label: "Total", period: .year(2022), stated: 300_000, computed: 312_000, isMoney: true,
                                                       rows: [5, 6, 7], transposed: false))
        #expect(none == "'Total', 2022: stated CHF 300 000, rows 5-7 sum to CHF 312 000 (Δ −12 000).")
    }
}
