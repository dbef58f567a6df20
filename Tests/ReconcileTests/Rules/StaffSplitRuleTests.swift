import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-008: staff shares differ by more than 5 points and staff amounts by more than CHF 50 000,
/// where both sides give the split.
@Suite struct StaffSplitRuleTests {
    @Test(arguments: [
        (Exact(250_000), Exact(750_000), false),   // 25 % vs 20 %: exactly 5 points, not more
        (Exact(250_001), Exact(749_999), true),    // just over 5 points and over CHF 50 000
        (Exact(200_000), Exact(800_000), false),   // the same split
    ])
    func fin008NeedsBothThePointsAndTheAmount(opStaff: Exact, opNonStaff: Exact, raised: Bool) {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("I.1-2", bureau: .gs, staff: [2022: (opStaff, opNonStaff)])
        b.line("I.1-2", bureau: .gs, category: "STAFF", [2022: 200_000])
        b.line("I.1-2", bureau: .gs, category: "NONSTAFF", [2022: 800_000])
        #expect(b.findings().contains { $0.rule == .fin008 } == raised)
    }

    /// The points edge with the amount inside, and the amount edge with the points outside.
    @Test(arguments: [
        (Exact(30_000), Exact(70_000), Exact(20_000), Exact(80_000), false),             // 10 points, CHF 10 000
        (Exact(3_000_000), Exact(7_000_000), Exact(250_000), Exact(750_000), false),     // 5 points exactly, CHF 2 750 000
        (Exact(3_050_000), Exact(6_950_000), Exact(250_000), Exact(750_000), true),      // 5.5 points, CHF 2 800 000
        (Exact(300_000), Exact(600_000), Exact(250_000), Exact(750_000), false),         // 8.3 points, CHF 50 000 exactly
        (Exact(300_001), Exact(599_999), Exact(250_000), Exact(750_000), true),          // 8.3 points, CHF 50 001
    ])
    func bothThresholdsMustBeExceeded(opStaff: Exact, opNonStaff: Exact, fpStaff: Exact, fpNonStaff: Exact, raised: Bool) {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("I.1-2", bureau: .gs, staff: [2022: (opStaff, opNonStaff)])
        b.line("I.1-2", bureau: .gs, category: "STAFF", [2022: fpStaff])
        b.line("I.1-2", bureau: .gs, category: "NONSTAFF", [2022: fpNonStaff])
        #expect(b.findings(of: .fin008).count == (raised ? 1 : 0))
    }

    /// The domain example (I.1-2 2022: a single Non-staff line means staff 0), and a negative share.
    @Test(arguments: [
        (Exact(1_150_000), Exact(4_250_000), [("NONSTAFF", Exact(5_400_000))], "+1150000 (21.3 pp)"),
        (Exact(100_000), Exact(900_000), [("STAFF", Exact(300_000)), ("NONSTAFF.TRV", Exact(700_000))], "-200000 (-20.0 pp)"),
    ])
    func theFindingShowsBothStaffAmountsAndThePoints(opStaff: Exact, opNonStaff: Exact, lines: [(String, Exact)], delta: String) throws {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("I.1-2", bureau: .gs, staff: [2022: (opStaff, opNonStaff)])
        for (category, amount) in lines { b.line("I.1-2", bureau: .gs, category: category, [2022: amount]) }
        let fpStaff = lines.filter { $0.0 == "STAFF" }.map(\.1).reduce(0, +), fpTotal = lines.map(\.1).reduce(0, +)
        let f = try #require(b.findings(of: .fin008).first)
        #expect(f.id == Finding.ID(.fin008, .output(OutputCode("I.1-2")), .year(2022)))
        #expect(f.severity == .warning && f.bureau == .gs && f.output == OutputCode("I.1-2") && f.period == .year(2022))
        #expect(f.expected.text == "staff \(fpStaff)" && f.actual.text == "staff \(opStaff)" && f.delta.text == delta)
        // The OP staff cell, then one cell per FP line (never a range).
        #expect(f.sourceTexts == ["OP_GS.xlsx!S!D5"] + lines.indices.map { "FP.xlsx!S!G\(5 + $0)" })
        #expect(f.causedBy == [])
        #expect(f.message == .staffSplit(output: OutputCode("I.1-2"), title: "I.1-2", year: 2022, bureau: .gs, planStaff: opStaff,
                                         planTotal: opStaff + opNonStaff, budgetStaff: fpStaff, budgetTotal: fpTotal))
    }

    /// Only where both sides give the split, and neither totals 0.
    @Test(arguments: ["no category", "no split", "zero plan", "zero budget"])
    func skippedWithoutBothSplits(variant: String) {
        var b = ModelBuilder(bureaus: [.gs])
        if variant == "no split" { b.plan("I.1-2", bureau: .gs, total: [2022: 1_000_000]) }
        else if variant == "zero plan" { b.plan("I.1-2", bureau: .gs, staff: [2022: (0, 0)]) }
        else { b.plan("I.1-2", bureau: .gs, staff: [2022: (900_000, 100_000)]) }
        b.line("I.1-2", bureau: .gs, category: "STAFF", [2022: variant == "zero budget" ? 0 : 100_000])
        b.line("I.1-2", bureau: .gs, category: variant == "no category" ? nil : "NONSTAFF", [2022: variant == "zero budget" ? 0 : 900_000])
        #expect(b.findings(of: .fin008).isEmpty)
    }
}
