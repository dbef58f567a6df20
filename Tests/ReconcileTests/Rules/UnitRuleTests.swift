import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-007: a factor of about 1 000 between the plans (ratio within ±10 % of 1 000 or of 1/1 000),
/// per cell, or per column when ≥ 80 % of a column's pairs (and at least two) show it.
@Suite struct UnitRuleTests {
    @Test(arguments: [(Exact(470_000_000), true), (Exact(517_000_000), true), (Exact(517_500_000), false), (Exact(423_000_000), true)])
    func aFactorNearAThousandIsAUnitErrorNotAMismatch(op: Exact, unitError: Bool) {
        var settings = ReconcileSettings()
        settings.bureaus = [.br]
        let findings = Reconciler(settings: settings).reconcile(AmountRuleTests.model(op: op, fp: 470_000, opUnit: .kchf)).findings
        #expect(findings.contains { $0.rule == .fin007 } == unitError)
        #expect(findings.contains { $0.rule == .fin003 } == !unitError)
    }

    /// Both directions, at the edges of the band (ratio OP ÷ FP).
    @Test(arguments: [
        (Exact(900_000), Exact(1_000), true),                     // × 900: the band's lower edge
        (Exact(1_100_000), Exact(1_000), true),                   // × 1 100: its upper edge
        (Exact(899_999), Exact(1_000), false),                    // × 899.999
        (Exact(1_100_001), Exact(1_000), false),                  // × 1 100.001
        (Exact(900), Exact(1_000_000), true),                     // ÷ 1 111 (0.0009)
        (Exact(1_100), Exact(1_000_000), true),                   // ÷ 909 (0.0011)
        (Exact(899), Exact(1_000_000), false),                    // 0.000899
        (Exact(1_101), Exact(1_000_000), false),                  // 0.001101
    ])
    func theBandHoldsInBothDirections(op: Exact, fp: Exact, raised: Bool) {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: op])
        b.line("R.1-1", [2022: fp])
        let f = b.findings(of: .fin007)
        #expect(f.count == (raised ? 1 : 0))
        #expect(b.findings(of: .fin003).isEmpty == raised)     // FIN-007 replaces FIN-003 for the pair
    }

    /// The domain example: T.4-1 2023, 470 000 in a kCHF column against CHF 470 000.
    @Test func aCellLevelFindingShowsTheColumnsUnit() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.plan("T.4-1", bureau: .tsb, total: [2023: 470_000_000], unit: .kchf)
        b.line("T.4-1", bureau: .tsb, [2023: 470_000])
        let f = try #require(b.findings(of: .fin007).first)
        #expect(f.id == Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023)))
        #expect(f.severity == .error && f.bureau == .tsb && f.output == OutputCode("T.4-1") && f.period == .year(2023))
        #expect(f.expected.text == "470 (kCHF)" && f.actual.text == "470000 (kCHF)" && f.delta.text == "ratio 1000.0")
        #expect(f.sourceTexts == ["OP_TSB.xlsx!S!F5", "FP.xlsx!S!H5"])
        #expect(f.causedBy == [])
        #expect(f.message == .unitCell(output: OutputCode("T.4-1"), year: 2023, planned: 470_000_000, unit: .kchf, budgeted: 470_000, ratio: 1000))
    }

    /// ÷ 1 000: the operational plan is a thousand times smaller.
    @Test func aCellLevelFindingBelowTheFinancialPlan() throws {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 470])
        b.line("R.1-1", [2022: 470_000])
        let f = try #require(b.findings(of: .fin007).first)
        #expect(f.expected.text == "470000 (CHF)" && f.actual.text == "470 (CHF)" && f.delta.text == "ratio 0.0")
        #expect(f.message == .unitCell(output: OutputCode("R.1-1"), year: 2022, planned: 470, unit: .chf, budgeted: 470_000, ratio: dec("0.001")))
    }

    /// The pair is the (output, year) sum over all funding sources, and the sources cite every OP cell.
    @Test func thePairCountsEveryFundingSource() throws {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 300_000_000], unit: .kchf)
        b.plan("R.1-1", total: [2022: 170_000_000], funding: "XB", unit: .kchf)
        b.line("R.1-1", [2022: 470_000])
        let f = try #require(b.findings(of: .fin007).first)
        #expect(f.actual.text == "470000 (kCHF)")
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5:E6", "FP.xlsx!S!G5"])
    }

    /// Per column: ≥ 80 % of the column's pairs, and at least two, give one column-level finding
    /// in place of the cell findings.
    @Test(arguments: [
        (2, 2, true),       // all pairs, two of them
        (1, 1, false),      // all pairs, but only one
        (4, 5, true),       // 80 % exactly
        (3, 4, false),      // 75 %
        (3, 5, false),      // 60 %
    ])
    func aColumnMostlyOffByAThousandIsOneFinding(hits: Int, pairs: Int, columnLevel: Bool) throws {
        var b = ModelBuilder()
        for i in 1...pairs {
            let fp = Exact(100_000 * i)
            b.plan("R.1-\(i)", total: [2022: i <= hits ? fp * 1000 : fp], unit: .kchf)
            b.line("R.1-\(i)", [2022: fp])
        }
        let f = b.findings(of: .fin007)
        if columnLevel {
            let column = try #require(f.first)
            #expect(f.count == 1)
            #expect(column.id == Finding.ID(.fin007, .source(.operationalPlan(.br)), .text("S!E")))
            #expect(column.idText == "FIN-007/OP-BR/S!E")
            #expect(column.severity == .error && column.bureau == .br && column.output == nil && column.period == Period.none)
            #expect(column.expected == .term(.declaredUnit) && column.actual.text == "factor 1000 on \(hits) of \(pairs) pairs")
            #expect(column.delta == FindingValue.none)
            #expect(column.sourceTexts == ["OP_BR.xlsx!S!E"])
            #expect(column.message == .unitColumn(file: "OP_BR.xlsx", sheet: "S", column: "E", hits: hits, pairs: pairs))
        } else {
            #expect(f.map(\.idText) == (1...hits).map { "FIN-007/R.1-\($0)/2022" })
        }
        // The pairs the factor explains get no FIN-003, whichever level reported them (the others agree).
        #expect(b.findings(of: .fin003).isEmpty)
    }

    /// Issue 15: a unit error is the root of what it distorts, whether it was raised per cell or for
    /// the whole column: the bureau total (FIN-004) summing the column's cells names it.
    @Test func aColumnLevelFindingExplainsTheBureauTotal() throws {
        var b = ModelBuilder()
        for i in 1...2 {
            let fp = Exact(100_000 * i)
            b.plan("R.1-\(i)", total: [2022: fp * 1000], unit: .kchf)
            b.line("R.1-\(i)", [2022: fp])
        }
        let all = b.findings()
        let column = try #require(all.first { $0.rule == .fin007 })
        #expect(column.idText == "FIN-007/OP-BR/S!E")
        let total = try #require(all.first { $0.rule == .fin004 })
        #expect(total.causedBy == [column.id])
    }

    /// FIN-009's staff cell entered in the wrong unit: the FIN-007 is its cause.
    @Test func aUnitErrorInAStaffCellExplainsItsCostPerFTE() throws {
        var b = ModelBuilder()
        // Staff cost 150 000 CHF typed as 150 000 in a kCHF column (= CHF 150 000 000) for 1 FTE.
        b.plan("R.1-1", staff: [2022: (150_000_000, 0)], fte: 1, unit: .kchf)
        b.line("R.1-1", [2022: 150_000])
        let all = b.findings()
        let unit = try #require(all.first { $0.rule == .fin007 })
        let perFTE = try #require(all.first { $0.rule == .fin009 })
        #expect(perFTE.causedBy == [unit.id])
    }

    /// Pairs with one side zero are not pairs.
    @Test func aZeroSideIsNoPair() {
        var b = ModelBuilder()
        b.plan("R.1-1", total: [2022: 0])
        b.line("R.1-1", [2022: 470_000])
        #expect(b.findings(of: .fin007).isEmpty)
    }
}
