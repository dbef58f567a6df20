import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-005: a stated total against the sum of the rows in its scope; tolerance one rounding per
/// summed cell (CHF 1, ½ display unit in kCHF and MCHF columns, 0.05 FTE); FIN-006 as the cause on
/// a biennium column; "possible transposed digits" when Δ is a multiple of 9 in the display unit.
@Suite struct StatedTotalRuleTests {
    static func total(_ workbook: SourceTag = .operationalPlan(.br), bureau: Bureau? = .br, label: String = "Total BR",
                      measure: StatedTotal.Measure = .year(2022), stated: Exact, unit: MoneyUnit?, column: Int = 5,
                      components: [(row: Int, value: Exact)], row: Int = 11, textRows: Set<Int> = []) -> StatedTotal {
        let file = workbook.kind == .financialPlan ? "FP.xlsx" : "OP_\(bureau?.rawValue ?? "?").xlsx"
        return StatedTotal(workbook: workbook, bureau: bureau, label: label, measure: measure, stated: stated, unit: unit,
                           cell: ModelBuilder.cell(file, row, column),
                           components: components.map {
                               Quantity(value: $0.value, source: ModelBuilder.cell(file, $0.row, column), typedAsText: textRows.contains($0.row))
                           })
    }

    @Test(arguments: [(Exact(3), false), (Exact(4), true)])
    func fin005RoundingIsOneFrancPerSummedCell(delta: Exact, raised: Bool) {
        var b = ModelBuilder()
        let cells = (5...7).map { Quantity(value: 100, source: ModelBuilder.cell("OP_BR.xlsx", $0, 5)) }
        b.model.statedTotals = [StatedTotal(workbook: .operationalPlan(.br), bureau: .br, label: "Total BR", measure: .year(2022), stated: 300 + delta, unit: .chf,
                                            cell: ModelBuilder.cell("OP_BR.xlsx", 9, 5), components: cells)]
        let f = b.findings().first { $0.rule == .fin005 }
        #expect((f != nil) == raised)
        if raised { #expect(f?.idText == "FIN-005/OP-BR/S!E9" && f?.expected == .amount(300) && f?.period == .year(2022)) }
    }

    @Test(arguments: [(Exact(1500), false), (Exact(1501), true)])
    func fin005KCHFColumnsAllowHalfADisplayUnitPerCell(delta: Exact, raised: Bool) {
        var b = ModelBuilder()
        let cells = (5...7).map { Quantity(value: 100_000, source: ModelBuilder.cell("OP_BR.xlsx", $0, 5)) }
        b.model.statedTotals = [StatedTotal(workbook: .operationalPlan(.br), bureau: .br, label: "Total", measure: .year(2022), stated: 300_000 + delta, unit: .kchf,
                                            cell: ModelBuilder.cell("OP_BR.xlsx", 9, 5), components: cells)]
        #expect(b.findings().contains { $0.rule == .fin005 } == raised)
    }

    /// The tolerance is (summed cells) × (rounding per cell of the column's unit); FTE columns have no unit.
    @Test(arguments: [
        (MoneyUnit.chf as MoneyUnit?, 3, Exact(3), false), (.chf, 3, Exact(4), true), (.chf, 3, Exact(-4), true),
        (.kchf, 3, Exact(1_500), false), (.kchf, 3, Exact(1_501), true), (.kchf, 1, Exact(501), true),
        (.mchf, 2, Exact(1_000_000), false), (.mchf, 2, Exact(1_000_001), true),
        (nil, 3, dec("0.15"), false), (nil, 3, dec("0.16"), true), (nil, 3, dec("-0.16"), true),
    ])
    func theToleranceIsOneRoundingPerSummedCell(unit: MoneyUnit?, cells: Int, delta: Exact, raised: Bool) {
        var b = ModelBuilder()
        let rows = (0..<cells).map { (row: 5 + $0, value: Exact(1_000_000)) }
        b.model.statedTotals = [Self.total(measure: unit == nil ? .fte : .year(2022), stated: Exact(cells) * 1_000_000 + delta, unit: unit,
                                           components: rows)]
        #expect(b.findings(of: .fin005).count == (raised ? 1 : 0))
    }

    /// The domain example: 'Total BR' 2023, stated 19 790 000 against rows 5-9 = 19 970 000.
    @Test func aMoneyTotalOfAnOperationalPlan() throws {
        var b = ModelBuilder()
        let rows: [(row: Int, value: Exact)] = [(5, 4_000_000), (6, 4_000_000), (7, 4_000_000), (8, 4_000_000), (9, 3_970_000)]
        b.model.statedTotals = [Self.total(measure: .year(2023), stated: 19_790_000, unit: .chf, column: 6, components: rows)]
        let f = try #require(b.findings(of: .fin005).first)
        #expect(f.id == Finding.ID(.fin005, .source(.operationalPlan(.br)), .text("S!F11")))
        #expect(f.severity == .error && f.bureau == .br && f.output == nil && f.period == .year(2023))
        #expect(f.expected == .amount(19_970_000) && f.actual == .amount(19_790_000) && f.delta == .change(-180_000, of: 19_970_000))
        #expect(f.texts.delta == "-180000 (-0.90%)")
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!F11"])
        #expect(f.causedBy == [])
        #expect(f.message == .statedTotal(label: "Total BR", period: .year(2023), stated: 19_790_000, computed: 19_970_000, isMoney: true,
                                          rows: [5, 6, 7, 8, 9], transposed: true))
    }

    /// Only the rows in its scope are summed (the normaliser leaves out subtotals and duplicates):
    /// the message names them, and the sum is theirs.
    @Test func theRowsInScopeAreTheOnesSummed() throws {
        var b = ModelBuilder(bureaus: [.gs])
        let rows: [(row: Int, value: Exact)] = [(6, 10_000), (7, 5_000), (10, 12_000), (12, 7_900), (13, 3_000)]
        b.model.statedTotals = [Self.total(.operationalPlan(.gs), bureau: .gs, label: "Total", stated: 41_700, unit: .kchf, column: 4, components: rows,
                                           row: 15)]
        let f = try #require(b.findings(of: .fin005).first)
        #expect(f.idText == "FIN-005/OP-GS/S!D15")
        #expect(f.expected == .amount(37_900) && f.actual == .amount(41_700))
        #expect(f.message == .statedTotal(label: "Total", period: .year(2022), stated: 41_700, computed: 37_900, isMoney: true,
                                          rows: [6, 7, 10, 12, 13], transposed: false))
    }

    /// Money and FTE totals; the financial plan's have no bureau; FTE has no period.
    @Test(arguments: [
        (SourceTag(.financialPlan), nil as Bureau?, StatedTotal.Measure.year(2022), MoneyUnit.chf as MoneyUnit?, "FIN-005/FP/S!E11", Period.year(2022)),
        (.operationalPlan(.gs), .gs, .fte, nil, "FIN-005/OP-GS/S!E11", Period.none),
        (.operationalPlan(.br), .br, .biennium, .chf, "FIN-005/OP-BR/S!E11", .biennium(Biennium(2022, 2023))),
    ])
    func theVariantsOfATotal(workbook: SourceTag, bureau: Bureau?, measure: StatedTotal.Measure, unit: MoneyUnit?, id: String, period: Period) throws {
        var b = ModelBuilder(bureaus: [.br, .gs])
        b.model.statedTotals = [Self.total(workbook, bureau: bureau, label: "Total", measure: measure, stated: 20, unit: unit,
                                           components: [(5, 5), (6, 5)])]
        let f = try #require(b.findings(of: .fin005).first)
        #expect(f.idText == id && f.bureau == bureau && f.period == period)
        #expect(f.expected == .amount(10) && f.actual == .amount(20) && f.delta == .change(10, of: 10))
        #expect(f.message == .statedTotal(label: "Total", period: period, stated: 20, computed: 10, isMoney: unit != nil, rows: [5, 6], transposed: false))
    }

    /// A biennium total column is caused by the FIN-006 findings of the rows it sums, top to bottom
    /// (not in the ids' scalar order); a year column has no causes.
    @Test func aBienniumTotalIsCausedByTheFIN006OfItsRows() throws {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 100_000, 2023: 100_000], biennium: 200_000)      // row 5: right
        b.plan("R.1-3", total: [2022: 100_000, 2023: 100_000], biennium: 290_000)      // row 6: FIN-006
        b.plan("R.1-2", total: [2022: 100_000, 2023: 100_000], biennium: 209_000)      // row 7: FIN-006
        let biennium: [(row: Int, value: Exact)] = [(5, 200_000), (6, 290_000), (7, 209_000)]
        let year: [(row: Int, value: Exact)] = [(5, 100_000), (6, 100_000), (7, 100_000)]
        b.model.statedTotals = [Self.total(measure: .biennium, stated: 600_000, unit: .chf, column: 7, components: biennium),
                                Self.total(measure: .year(2022), stated: 310_000, unit: .chf, column: 5, components: year)]
        let f = b.findings(of: .fin005)
        #expect(f.map(\.idText) == ["FIN-005/OP-BR/S!E11", "FIN-005/OP-BR/S!G11"])
        let total = try #require(f.first { $0.period == .biennium(Biennium(2022, 2023)) })
        #expect(total.causeTexts == ["FIN-006/OP-BR/R.1-3/RB/2022-2023", "FIN-006/OP-BR/R.1-2/RB/2022-2023"])
        #expect(total.expected == .amount(699_000) && total.actual == .amount(600_000))
        #expect(f.first { $0.period == .year(2022) }?.causedBy == [])
    }

    /// "Possible transposed digits": Δ a whole multiple of 9 in the column's display unit.
    @Test(arguments: [
        (MoneyUnit.chf, Exact(-180_000), true), (.chf, Exact(90), true), (.chf, Exact(100), false),
        (.kchf, Exact(9_000), true),      // 9 kCHF
        (.kchf, Exact(4_500), false),     // 4.5 kCHF
        (.kchf, Exact(18_000), true), (.kchf, Exact(10_000), false),
        (.mchf, Exact(27_000_000), true), (.mchf, Exact(10_000_000), false),
    ])
    func transposedDigitsAreNamedInTheDisplayUnit(unit: MoneyUnit, delta: Exact, transposed: Bool) throws {
        var b = ModelBuilder()
        b.model.statedTotals = [Self.total(stated: 300_000_000 + delta, unit: unit, components: [(5, 100_000_000), (6, 200_000_000)])]
        let f = try #require(b.findings(of: .fin005).first)
        guard case .statedTotal(_, _, _, _, _, _, let flagged, _) = f.message else { Issue.record("not a stated-total message: \(f.message)"); return }
        #expect(flagged == transposed)
    }

    /// A total typed from the spreadsheet's SUM leaves out the cells holding numbers as text (rbm sums
    /// them): when the stated total equals the sum without those cells (within the rounding
    /// tolerance), the message names them and the sources cite them after the total cell. When the
    /// text cells do not explain Δ (or there are none), no such clause, and the transposed-digits hint
    /// stays as usual.
    @Test(arguments: [
        // stated, text rows, unit, named cells (A1, value as typed)
        (Exact(300_000), Set([7]), MoneyUnit.chf, [("E7", Exact(12_000))]),                   // the sum without E7
        (Exact(300_002), Set([7]), .chf, [("E7", Exact(12_000))]),                            // within 3 × CHF 1
        (Exact(300_004), Set([7]), .chf, []),                                                   // beyond rounding: not explained
        (Exact(290_000), Set([7]), .chf, []),                                                   // another difference
        (Exact(300_000), Set<Int>(), .chf, []),                                                 // same Δ, no text cell
        (Exact(150_000), Set([6, 7]), .chf, [("E6", Exact(150_000)), ("E7", Exact(12_000))]), // both left out
        (Exact(300_000), Set([6, 7]), .chf, []),                                                // one of two is not the SUM's story
        (Exact(300_000), Set([7]), .kchf, [("E7", Exact(12))]),                               // the value in the column's unit
    ] as [(Exact, Set<Int>, MoneyUnit, [(String, Exact)])])
    func cellsHoldingNumbersAsTextThatTheSUMSkipped(stated: Exact, textRows: Set<Int>, unit: MoneyUnit, named: [(String, Exact)]) throws {
        var b = ModelBuilder()
        let rows: [(row: Int, value: Exact)] = [(5, 150_000), (6, 150_000), (7, 12_000)]   // rbm's sum: 312 000
        let computed = rows.reduce(Exact(0)) { $0 + $1.value }
        b.model.statedTotals = [Self.total(stated: stated, unit: unit, components: rows, textRows: textRows)]
        let f = try #require(b.findings(of: .fin005).first)
        let cells = named.map { SkippedTextCell(cell: $0.0, value: $0.1) }
        #expect(f.expected == .amount(computed) && f.actual == .amount(stated))
        guard case .statedTotal(_, _, _, _, _, let summed, _, let skipped) = f.message else { Issue.record("not a stated-total message: \(f.message)"); return }
        #expect(summed == [5, 6, 7])
        #expect(skipped == cells)
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E11"] + named.map { "OP_BR.xlsx!S!\($0.0)" })
    }
}
