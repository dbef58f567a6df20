import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-009: staff cost ÷ FTE outside CHF 120 000-320 000, per year, where the plan gives a staff cost.
@Suite struct FTECostRuleTests {
    @Test(arguments: [(Exact(120_000), Exact(1), nil as String?), (Exact(119_999), Exact(1), "119999"), (Exact(320_000), Exact(1), nil),
                      (Exact(320_001), Exact(1), "320001"), (Exact(1000), Exact(0), "∞"), (Exact(0), Exact(0), nil), (Exact(0), Exact(6), "0")])
    func fin009StaffCostPerFTE(staff: Exact, fte: Exact, actual: String?) {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("E.3-1", bureau: .gs, staff: [2022: (staff, 0)], fte: fte)
        b.line("E.3-1", bureau: .gs, [2022: staff])
        #expect(b.findings().first { $0.rule == .fin009 }?.actual.text == actual)
    }

    /// The whole finding: the domain example (7 300 000 for 4.8 FTE), a cost of 0, and FTE 0.
    @Test(arguments: [
        (Exact(7_300_000), dec("4.8"), FindingValue.amount(1_520_833), Exact(1_520_833) as Exact?),   // 1 520 833.33, rounded to the franc
        (Exact(0), Exact(6), .amount(0), Exact(0)),
        (Exact(1_000), Exact(0), .term(.infinity), nil),
        (Exact(1_199_990), Exact(10), .amount(119_999), Exact(119_999)),
        (Exact(3_200_010), Exact(10), .amount(320_001), Exact(320_001)),
    ])
    func theFindingCitesTheFTEThenTheStaffCell(staff: Exact, fte: Exact, actual: FindingValue, perFTE: Exact?) throws {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("E.3-1", bureau: .gs, staff: [2022: (staff, 100_000)], fte: fte)
        b.line("E.3-1", bureau: .gs, [2022: staff])
        let f = try #require(b.findings(of: .fin009).first)
        #expect(f.id == Finding.ID(.fin009, .output(OutputCode("E.3-1")), .year(2022)))
        #expect(f.severity == .warning && f.bureau == .gs && f.output == OutputCode("E.3-1") && f.period == .year(2022))
        #expect(f.expected.text == "120000-320000" && f.actual == actual && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["OP_GS.xlsx!S!H5", "OP_GS.xlsx!S!D5"])
        #expect(f.causedBy == [])
        #expect(f.message == .costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: staff, fte: fte, perFTE: perFTE, minimum: 120_000, maximum: 320_000))
    }

    /// Each year's staff cost is divided by the row's FTE: one finding per year.
    @Test func eachYearIsCheckedAgainstTheRowsFTE() {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("E.3-1", bureau: .gs, staff: [2022: (7_300_000, 0), 2023: (1_000_000, 0)], fte: 5)
        b.line("E.3-1", bureau: .gs, [2022: 7_300_000, 2023: 1_000_000])
        #expect(b.findings(of: .fin009).map(\.idText) == ["FIN-009/E.3-1/2022"])
    }

    /// Rows without a staff split are not checked, whatever their total.
    @Test func aRowWithoutAStaffColumnIsNotChecked() {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("E.3-1", bureau: .gs, total: [2022: 7_300_000], fte: dec("4.8"))
        b.line("E.3-1", bureau: .gs, category: "STAFF", [2022: 7_300_000])
        #expect(b.findings(of: .fin009).isEmpty)
    }
}
