import Foundation
import Testing
@testable import Normalise
import Results
import XLSXCore
@testable import XLSXReader

/// The normaliser on hand-built sheets: header mapping, units, row accounting and rejections.
@Suite struct SheetLoaderTests {
    static let settings = NormaliseSettings(
        biennium: Biennium(2022, 2023), bureaus: AliasTable(["TSB": ["Bureau de la normalisation des télécommunications"], "BR": [], "BDT": [], "GS": []]),
        funding: AliasTable(["RB": ["Budget ordinaire", "Regular budget"], "XB": ["Extrabudgetary"]]),
        costCategories: AliasTable(["STAFF": ["Staff"], "NONSTAFF": ["Non-staff"]]),
        priorities: AliasTable(["HIGH": ["Élevée", "1"], "LOW": ["Faible"]]), kpiUnits: AliasTable(["percent": ["%"], "count": []]),
        kpiDirections: AliasTable(["up": ["↑"], "down": ["↓"]]), riskCategories: AliasTable([:]))

    static let opFields: [Field: [String]] = [
        .output: ["Produit"], .objective: ["Objectif"], .amount: ["Coût prévu"], .fte: ["ETP"], .priority: ["Priorité"],
        .funding: ["Source de financement"], .biennium: ["Total"],
    ]

    /// A cell value in test tables: a number or a text.
    enum V: Sendable, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
        case n(Double), t(String)
        init(floatLiteral value: Double) { self = .n(value) }
        init(stringLiteral value: String) { self = .t(value) }
    }

    /// A row from (column letter, value) pairs.
    static func row(_ number: Int, _ cells: [(String, V)], style: Int = 0) -> SheetRow {
        SheetRow(number: number, cells: cells.map { letter, value in
            let ref = CellReference(row: number, column: CellReference.columnNumber(letter)!)
            switch value {
            case .n(let d):
                let text = d == d.rounded() ? String(Int(d)) : "\(d)"
                return SheetCell(reference: ref, value: .number(d, text: text), styleIndex: style)
            case .t(let s): return SheetCell(reference: ref, value: .string(s))
            }
        })
    }

    static func load(_ rows: [SheetRow], merged: [CellRange] = [], fields: [Field: [String]] = opFields, table: TableKind = .allocations,
                     formats: [Int: String] = [:]) -> (ResultsModel, SheetAccount?) {
        let grid = SheetGrid(sheet: SheetInfo(name: "Plan opérationnel", visibility: .visible, kind: .worksheet, part: "xl/worksheets/sheet1.xml"),
                             rows: rows, mergedRanges: merged)
        let source = SourceProfile(name: "op", kind: table == .kpis ? .resultsFramework : .operationalPlan, files: ["*"],
                                   tables: [TableProfile(table: table, fields: fields)])
        let loader = SheetLoader(rows: SheetRows(grid), file: "OP_TSB.xlsx", table: source.tables[0], source: source, settings: settings, bureau: .tsb,
                                 tag: .operationalPlan(.tsb), numberFormat: { formats[$0] ?? "General" },
                                 place: TablePlace(source: 0, sourceName: source.name, table: 0, kind: table.rawValue))
        var model = ResultsModel()
        let account = try? loader.load(into: &model)
        return (model, account)
    }

    static let title = [row(1, [("A", "Bureau de la normalisation des télécommunications (TSB)")]),
                        row(2, [("A", "Plan opérationnel 2022-2025 (en milliers de CHF)")])]
    static let header = row(4, [("A", "Objectif"), ("B", "Produit"), ("E", "Coût prévu 2022"), ("F", "Coût prévu 2023 (CHF)"), ("G", "ETP"),
                                ("H", "Priorité"), ("I", "Source de financement")])

    @Test func unitsComeFromTheHeaderElseTheTitleRows() throws {
        let (model, account) = Self.load(Self.title + [Self.header, Self.row(5, [("A", "T.1"), ("B", "T1-1"), ("E", 3480.0), ("F", 3520.0), ("G", "15,5"), ("H", "Élevée"), ("I", "Budget ordinaire")])])
        let a = try #require(model.allocations.first)
        #expect(a.output.text == "T.1-1")
        #expect(a.years[2022]?.total?.chf == 3_480_000 && a.years[2022]?.total?.unit == .kchf)   // title: en milliers de CHF
        #expect(a.years[2023]?.total?.chf == 3520 && a.years[2023]?.total?.unit == .chf)         // header: (CHF)
        #expect(a.fte?.value == Exact(string: "15.5") && a.priority == .high && a.funding.code == "RB")
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (1, 1, 0, 0))
        let unit = try #require(model.notes.first { $0.kind == .amountUnit && $0.source == SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "E4") })
        #expect(unit.text == "'Coût prévu 2022' read in kCHF (from the title rows)" && unit.severity == .info)
    }

    @Test(arguments: [
        ([("B", "T.2-1"), ("E", "1 O50"), ("I", "Budget ordinaire")] as [(String, V)], "E", "number", "1 O50"),
        ([("B", "D12"), ("E", 1.0), ("I", "Budget ordinaire")], "B", "output code", "D12"),
        ([("B", "D.1"), ("E", 1.0), ("I", "Budget ordinaire")], "B", "output code", "D.1"),
        ([("B", "T.2-1"), ("E", 1.0), ("I", "Fonds secret")], "I", "known funding source", "Fonds secret"),
        ([("B", "T.2-1"), ("E", 1.0)], "I", "known funding source", "blank"),
    ])
    func aRowThatCannotBeLoadedIsRejectedWithItsFirstOffendingCell(cells: [(String, V)], column: String, expected: String, actual: String) throws {
        let (model, account) = Self.load(Self.title + [Self.header, Self.row(12, cells)])
        let f = try #require(model.loadFindings.first)
        #expect(f.id.description == "DAT-002/OP-TSB/Plan opérationnel!12" && f.severity == .error && f.bureau == .tsb)
        #expect(f.expected.text == expected && f.actual.text == actual)
        #expect(f.sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel!\(column)12"])
        #expect(account?.rejected == 1 && model.allocations.isEmpty)
    }

    /// A number cell as the sheet stores it: the double and the file's own text (`1E+300`).
    static func number(_ row: Int, _ column: String, _ text: String) -> SheetCell {
        SheetCell(reference: CellReference(row: row, column: CellReference.columnNumber(column)!), value: .number(Double(text)!, text: text))
    }

    /// Issue 14: such cells made a `Exact` sum overflow to NaN, and the run aborted writing it.
    /// E is in kCHF (title rows), F in CHF (header), G is FTE.
    @Test(arguments: [
        ("F", "1E+300", "1E+300 CHF is beyond any plausible budget (below CHF 10^15)"),                      // beyond Exact: NaN
        ("F", "9.99999999999999E+164", "9.99999999999999E+164 CHF is beyond any plausible budget (below CHF 10^15)"),
        ("E", "9.99999999999999E+164", "9.99999999999999E+164 kCHF is beyond any plausible budget (below CHF 10^15)"),  // × 1000 overflows
        ("E", "2E+12", "2E+12 kCHF is beyond any plausible budget (below CHF 10^15)"),                         // CHF 2 × 10^15
        ("G", "1E+300", "1E+300 is beyond any plausible value (below 10^15 in magnitude)"),
    ])
    func anImplausiblyLargeNumberIsRejectedWithItsCell(column: String, text: String, reason: String) throws {
        var row = Self.row(12, [("B", "T.2-1"), ("I", "Budget ordinaire")])
        row.cells.insert(Self.number(12, column, text), at: 1)
        let (model, account) = Self.load(Self.title + [Self.header, row])
        let f = try #require(model.loadFindings.first)
        #expect(f.rule == .dat002 && f.id.description == "DAT-002/OP-TSB/Plan opérationnel!12")
        #expect(f.expected.text == "number" && f.actual.text == text)
        #expect(f.sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel!\(column)12"])
        #expect(f.message == .rejectedRow(row: 12, file: "OP_TSB.xlsx", sheet: "Plan opérationnel", value: text,
                                          header: ["E": "Coût prévu 2022", "F": "Coût prévu 2023 (CHF)", "G": "ETP"][column]!,
                                          reason: "\(reason); a typing or export error?"))
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (1, 0, 0, 1))
        #expect(model.allocations.isEmpty)
    }

    /// Issue 14 (reliability.md 9, D 42): an empty `<v/>` amount loaded as blank without a word.
    @Test func anEmptyValueInAnAmountCellIsRejectedWithItsCell() throws {
        var row = Self.row(12, [("B", "T.2-1"), ("F", 10.0), ("I", "Budget ordinaire")])
        row.emptyValues = [CellReference(row: 12, column: 5)]
        let (model, account) = Self.load(Self.title + [Self.header, row])
        let f = try #require(model.loadFindings.first)
        #expect(f.rule == .dat002 && f.expected.text == "number" && f.actual.text == "blank")
        #expect(f.sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel!E12"])
        guard case .rejectedRow(_, _, _, _, _, let why) = f.message else { Issue.record("not a rejected row"); return }
        #expect(why.contains("the cell holds an empty value (<v/>)"))
        #expect(account?.rejected == 1 && model.allocations.isEmpty)
    }

    @Test func aRowWhoseOnlyAmountIsAnEmptyValueIsNotTakenForANoteRow() throws {
        var row = Self.row(12, [("B", "T.2-1"), ("I", "Budget ordinaire")])
        row.emptyValues = [CellReference(row: 12, column: 6)]
        let (model, account) = Self.load(Self.title + [Self.header, row])
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (1, 0, 0, 1))
        #expect(model.loadFindings.first?.sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel!F12"])
    }

    @Test func anAmountJustBelowTheBoundIsLoaded() throws {
        var row = Self.row(12, [("B", "T.2-1"), ("I", "Budget ordinaire")])
        row.cells.insert(Self.number(12, "E", "999999999999.999"), at: 1)   // kCHF: CHF 999 999 999 999 999
        let (model, _) = Self.load(Self.title + [Self.header, row])
        #expect(model.loadFindings.isEmpty)
        #expect(model.allocations.first?.years[2022]?.total?.chf == Exact(string: "999999999999999"))
    }

    @Test func anImplausibleStatedTotalIsNotCheckedAndSaysWhy() throws {
        var total = Self.row(7, [("A", "Total TSB")])
        total.cells.append(Self.number(7, "F", "1E+300"))
        let (model, _) = Self.load(Self.title + [Self.header, Self.row(5, [("B", "T.1-1"), ("F", 10.0), ("I", "Budget ordinaire")]), total])
        #expect(model.statedTotals.isEmpty)
        #expect(model.notes.filter { $0.kind == .uncheckedTotal } == [
            Note(.uncheckedTotal, source: SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "F7"),
                 "the total 'Total TSB' is not checked: 1E+300 is beyond any plausible value (below 10^15 in magnitude); a typing or export error?"),
        ])
    }

    @Test func anAmountFormulaWithoutASavedResultIsRejectedWithItsFormula() throws {
        var row = Self.row(12, [("B", "T.2-1"), ("I", "Budget ordinaire")])
        row.cells.insert(SheetCell(reference: CellReference(row: 12, column: 5), value: .uncalculated, formula: "SUM(J12:K12)"), at: 1)
        let (model, account) = Self.load(Self.title + [Self.header, row])
        let f = try #require(model.loadFindings.first)
        #expect(f.id.description == "DAT-002/OP-TSB/Plan opérationnel!12")
        #expect(f.expected.text == "number" && f.actual.text == "=SUM(J12:K12)")
        guard case .rejectedRow(12, _, _, _, _, let reason) = f.message else { Issue.record("not a rejected row: \(f.message)"); return }
        #expect(reason.contains("the formula =SUM(J12:K12) has no saved result"))
        #expect(f.sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel!E12"])
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (1, 0, 0, 1))
    }

    @Test func aTotalThatIsNotANumberIsSkippedWithANote() throws {
        var total = Self.row(7, [("A", "Total TSB")])
        total.cells.append(SheetCell(reference: CellReference(row: 7, column: 5), value: .uncalculated, formula: "SUM(E5:E6)"))
        total.cells.append(SheetCell(reference: CellReference(row: 7, column: 6), value: .string("see annex")))
        let (model, account) = Self.load(Self.title + [Self.header, Self.row(5, [("B", "T.1-1"), ("E", 10.0), ("I", "Budget ordinaire")]), total])
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (2, 1, 1, 0))
        #expect(model.statedTotals.isEmpty)
        let sheet = "Plan opérationnel"
        #expect(model.notes.filter { $0.kind == .uncheckedTotal } == [
            Note(.uncheckedTotal, source: SourceRef(file: "OP_TSB.xlsx", sheet: sheet, cell: "E7"),
                 "the total 'Total TSB' is not checked: the formula =SUM(E5:E6) has no saved result (the file was written by a program that does not calculate); open it in Excel or LibreOffice, save it and drop it again"),
            Note(.uncheckedTotal, source: SourceRef(file: "OP_TSB.xlsx", sheet: sheet, cell: "F7"), "the total 'Total TSB' is not checked: 'see annex' is not a number"),
        ])
    }

    @Test func aSheetWhoseYearsAllLieOutsideTheBienniumBelongsToAnotherPeriod() throws {
        let header = Self.row(4, [("A", "Objectif"), ("B", "Produit"), ("E", "Coût prévu 2024"), ("F", "Coût prévu 2025"),
                                  ("I", "Source de financement")])
        let rows = Self.title + [header, Self.row(5, [("B", "T.1-1"), ("E", 10.0), ("F", 12.0), ("I", "Budget ordinaire")])]
        let grid = SheetGrid(sheet: SheetInfo(name: "Plan opérationnel", visibility: .visible, kind: .worksheet, part: "xl/worksheets/sheet1.xml"),
                             rows: rows, mergedRanges: [])
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["*"], tables: [TableProfile(table: .allocations, fields: Self.opFields)])
        let loader = SheetLoader(rows: SheetRows(grid), file: "OP_TSB_2024-2027.xlsx", table: source.tables[0], source: source, settings: Self.settings,
                                 bureau: .tsb, tag: .operationalPlan(.tsb), numberFormat: { _ in "General" },
                                 place: TablePlace(source: 0, sourceName: source.name, table: 0, kind: "allocations"))
        var model = ResultsModel()
        let error = try #require(throws: OtherPeriod.self) { try loader.load(into: &model) }
        #expect(error.description == "OP_TSB_2024-2027.xlsx!Plan opérationnel: its amount columns are for 2024, 2025, none in the plan's biennium 2022-2023; the workbook belongs to another plan period")
        #expect(model.allocations.isEmpty)

        // One year of the biennium is enough: a plan for 2023-2024 still says something about 2023.
        let overlapping = Self.row(4, [("B", "Produit"), ("E", "Coût prévu 2023"), ("F", "Coût prévu 2024"), ("I", "Source de financement")])
        let (loaded, account) = Self.load(Self.title + [overlapping, Self.row(5, [("B", "T.1-1"), ("E", 10.0), ("F", 12.0), ("I", "Budget ordinaire")])])
        #expect(account?.loaded == 1 && loaded.allocations.count == 1)
    }

    @Test func totalsSubtotalsNotesAndDuplicatesAreSkippedAndAccounted() throws {
        let rows = Self.title + [Self.header,
            Self.row(5, [("B", "T.1-1"), ("E", 10.0), ("I", "Budget ordinaire")]),
            Self.row(6, [("B", "T.1-2"), ("E", 20.0), ("I", "Budget ordinaire")]),
            Self.row(7, [("A", "Sous-total T.1"), ("E", 30.0)]),
            Self.row(8, [("A", "Les montants sont indicatifs.")]),
            Self.row(9, [("B", "T.2-1"), ("E", 5.0), ("I", "Budget ordinaire")]),
            Self.row(10, [("B", "T.2-1"), ("E", 5.0), ("I", "Budget ordinaire")]),
            Self.row(11, [("A", "Total TSB"), ("E", 36.0)])]
        let (model, account) = Self.load(rows)
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (7, 3, 4, 0))
        #expect(model.duplicates.map(\.key) == ["T.2-1/RB"] && model.duplicates[0].identical)
        let totals = model.statedTotals.map { ($0.label, $0.stated, $0.components.map(\.value)) }
        #expect(totals.count == 2)
        #expect(totals[0].0 == "Sous-total T.1" && totals[0].1 == 30_000 && totals[0].2 == [10_000, 20_000])
        #expect(totals[1].0 == "Total TSB" && totals[1].1 == 36_000 && totals[1].2 == [10_000, 20_000, 5000])
    }

    /// A number typed as text (`"12"`, `"0,5"`) is read in the amount grammar and summed, and its
    /// total's component says so (a spreadsheet's SUM skips it; FIN-005 names it); numbers do not.
    @Test func aNumberTypedAsTextIsMarkedInItsTotalsScope() throws {
        let rows = Self.title + [Self.header,
            Self.row(5, [("B", "T.1-1"), ("E", 10.0), ("G", 1.5), ("I", "Budget ordinaire")]),
            Self.row(6, [("B", "T.1-2"), ("E", "12"), ("G", "0,5"), ("I", "Budget ordinaire")]),
            Self.row(7, [("A", "Total TSB"), ("E", 10.0), ("G", 1.5)])]
        let (model, _) = Self.load(rows)
        let totals = model.statedTotals.map { ($0.cell.position.a1, $0.components.map(\.value), $0.components.map(\.typedAsText)) }
        #expect(totals.count == 2)
        #expect(totals[0].0 == "E7" && totals[0].1 == [10_000, 12_000] && totals[0].2 == [false, true])
        #expect(totals[1].0 == "G7" && totals[1].1 == [Exact(string: "1.5")!, Exact(string: "0.5")!] && totals[1].2 == [false, true])
    }

    /// Issue 15: a rejected row keeps its cells as read and the finding that rejected it, for the
    /// consolidated workbook's Rejected rows sheet; an identical duplicate (skipped) is not one.
    @Test func rejectedRowsKeepTheirCellsAndTheirFinding() throws {
        let rows = Self.title + [Self.header,
            Self.row(5, [("B", "T.2-1"), ("E", 5.0), ("I", "Budget ordinaire")]),
            Self.row(6, [("B", "T.2-1"), ("E", 7.0), ("I", "Budget ordinaire")]),
            Self.row(7, [("B", "T.2-1"), ("E", 5.0), ("I", "Budget ordinaire")]),
            Self.row(8, [("B", "T.3-1"), ("E", "1 O50"), ("I", "Budget ordinaire"), ("J", "hors tableau")])]
        let (model, account) = Self.load(rows)
        #expect(account.map { ($0.read, $0.loaded, $0.skipped, $0.rejected) } ?? (0, 0, 0, 0) == (4, 1, 1, 2))
        let rejected = model.rejectedRows
        #expect(rejected.map(\.row) == [6, 8])
        #expect(rejected[0].finding == Finding.ID(.dat001, .source(.operationalPlan(.tsb)), .text("T.2-1/RB")))
        #expect(rejected[0].reason == "conflicts with row 5, which has the same key T.2-1/RB")
        #expect(rejected[0].cells == [RejectedRow.Cell(column: "B", header: "Produit", text: "T.2-1"),
                                      RejectedRow.Cell(column: "E", header: "Coût prévu 2022", text: "7"),
                                      RejectedRow.Cell(column: "I", header: "Source de financement", text: "Budget ordinaire")])
        #expect(rejected[1].finding == model.loadFindings.first { $0.rule == .dat002 }?.id)
        #expect(rejected[1].file == "OP_TSB.xlsx" && rejected[1].sheet == "Plan opérationnel")
        #expect(rejected[1].cells.map(\.text) == ["T.3-1", "1 O50", "Budget ordinaire", "hors tableau"] && rejected[1].cells.last?.header == nil)
    }

    @Test func aTwoRowHeaderGivesTheYearFromTheGroupAndTheCategoryFromTheSubHeader() throws {
        let rows = [Self.row(4, [("A", "Produit"), ("D", "Coût prévu 2022 (CHF '000)"), ("F", "Coût prévu 2023 (CHF '000)")]),
                    Self.row(5, [("D", "Staff"), ("E", "Non-staff"), ("F", "Staff"), ("G", "Non-staff")]),
                    Self.row(6, [("A", "I.1-2"), ("D", 1150.0), ("E", 4250.0), ("F", 0.0), ("G", 0.0)])]
        let merged = [CellRange("D4:E4")!, CellRange("F4:G4")!]
        let (model, account) = Self.load(rows, merged: merged, fields: [.output: ["Produit"], .amount: ["Coût prévu"]])
        let a = try #require(model.allocations.first)
        #expect(a.years[2022]?.staff?.chf == 1_150_000 && a.years[2022]?.nonStaff?.chf == 4_250_000 && a.years[2022]?.chf == 5_400_000)
        #expect(a.funding.code == "RB")   // no funding column: regular budget
        #expect(account?.headerRow == "4-5" && account?.read == 1)
    }

    @Test func aMissingRequiredColumnIsOneFindingWithTheClosestAlias() throws {
        let rows = [Self.row(1, [("A", "Produits"), ("B", "Objectif")]), Self.row(2, [("A", "T.1-1"), ("B", "T.1")])]
        let (model, account) = Self.load(rows)
        #expect(account == nil)
        #expect(model.loadFindings.map(\.id.description) == ["DAT-003/OP-TSB/Plan opérationnel/output", "DAT-003/OP-TSB/Plan opérationnel/amount"])
        guard case .missingColumn(_, _, "output", _, let closest, let likely, let place) = model.loadFindings[0].message else { Issue.record("not a missing column"); return }
        #expect(closest == "produit")
        #expect(likely == "Produits")   // the header the line to add maps
        #expect(place == TablePlace(source: 0, sourceName: "op", table: 0, kind: "allocations"))
        #expect(model.loadFindings[0].sources.map(\.description) == ["OP_TSB.xlsx!Plan opérationnel"])
    }

    @Test func aFixedColumnNeedsNoHeader() throws {
        var fields = Self.opFields
        fields[.fte] = ["column:G"]
        let header = Self.row(4, [("B", "Produit"), ("E", "Coût prévu 2022 (CHF)"), ("I", "Source de financement")])
        let (model, _) = Self.load([header, Self.row(5, [("B", "T.1-1"), ("E", 1.0), ("G", 2.5), ("I", "Budget ordinaire")])], fields: fields)
        #expect(model.allocations.first?.fte?.value == Exact(string: "2.5"))
    }

    @Test(arguments: [(V.n(0.71), "0.0%", Exact(71)), (V.n(71), "General", Exact(71)), (V.t("71 %"), "General", Exact(71))])
    func percentagesAreOnTheZeroToHundredScale(value: V, format: String, expected: Exact) throws {
        let fields: [Field: [String]] = [.id: ["KPI ID"], .unit: ["Unit"], .actual: ["Actual"]]
        let rows = [Self.row(1, [("A", "KPI ID"), ("B", "Unit"), ("C", "Actual 2022")]),
                    Self.row(2, [("A", "KPI-1"), ("B", "% countries"), ("C", value)], style: 1)]
        let (model, _) = Self.load(rows, fields: fields, table: .kpis, formats: [1: format])
        #expect(model.kpis.first?.unit == "percent")
        #expect(model.kpis.first?.actuals[2022]?.value == expected)
    }

    @Test func anUnknownKPIUnitIsKeptAsTypedAndAPercentageOutOfRangeIsNoted() throws {
        let fields: [Field: [String]] = [.id: ["KPI ID"], .unit: ["Unit"], .actual: ["Actual"]]
        let rows = [Self.row(1, [("A", "KPI ID"), ("B", "Unit"), ("C", "Actual 2022")]),
                    Self.row(2, [("A", "KPI-1"), ("B", "widgets"), ("C", 3.0)]),
                    Self.row(3, [("A", "KPI-2"), ("B", "%"), ("C", 120.0)])]
        let (model, _) = Self.load(rows, fields: fields, table: .kpis)
        #expect(model.kpis.map(\.unit) == ["widgets", "percent"])
        #expect(model.notes.filter { $0.kind != .missingFields } == [
            Note(.unknownValue, source: SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "A2"), "unknown KPI unit 'widgets' kept as typed"),
            Note(.percentOutOfRange, source: SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "C3"), "percentage 120 outside 0-100"),
        ])
    }
}

extension SheetLoaderTests {
    /// The total-label test that skips the pattern for most rows (issue 11) says what the pattern
    /// says, on labels in every language rbm reads, near misses, and first characters of every kind.
    @Test("A row's first text is a total's label exactly when the pattern says so")
    func totalLabelsAsThePatternSays() {
        var labels = ["Total", "TOTAL BR", "total:", "Totals", "Total2022", "Total_x", "Total-BR", "total.x", "Subtotal", "sub-total D.1",
                      "Sous-total", "sous-totaux", "Totale", "totale generale", "Suma", "SUMA parcial", "Sumatoria", "ſubtotal", "ſuma",
                      "D.1-2", "", " Total", "\tTotal", "Σ total", "Total ", "tota", "Stotal", "T", "s", "é total", "Ⓣotal", "Grand total"]
        labels += (0..<128).map { String(UnicodeScalar(UInt8($0))) + "otal" }
        for label in labels {
            #expect(TotalLabel.isTotal(label) == label.contains(TotalLabel.total), "\(label)")
        }
        #expect(TotalLabel.isTotal("Total BR") && TotalLabel.isTotal("sous-total") && !TotalLabel.isTotal("D.1-2"))
    }
}
