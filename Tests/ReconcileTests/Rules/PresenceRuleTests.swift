import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-001 (planned without a budget line, error) and FIN-002 (budgeted without an allocation,
/// warning; only for bureaus whose plan arrived); a line or row in any funding source counts; a
/// FIN-001 is caused by the RF-003 of the same output in the same workbook.
@Suite struct PresenceRuleTests {
    /// FIN-001 at its edges: any non-zero allocation, in any funding source, with no line.
    @Test(arguments: [
        (Exact(1_240_000), nil as String?, true),      // the domain example: no line at all
        (Exact(1), nil, true),                         // any non-zero allocation
        (Exact(-5_000), nil, true),
        (Exact(0), nil, false),                        // nothing planned
        (Exact(1_240_000), "XB", false),               // an XB line counts as a line (FIN-010's case)
        (Exact(1_240_000), "RB", false),
    ])
    func plannedWithoutABudgetLine(planned: Exact, lineFunding: String?, raised: Bool) throws {
        var b = ModelBuilder()
        b.plan("R.1-2", total: [2022: planned])
        if let lineFunding { b.line("R.1-2", funding: lineFunding, [2022: planned]) }
        let all = b.findings(of: .fin001)
        guard raised else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.fin001, .output(OutputCode("R.1-2")), .year(2022)))
        #expect(f.severity == .error && f.bureau == .br && f.output == OutputCode("R.1-2") && f.period == .year(2022))
        #expect(f.expected.text == "budget line R.1-2/2022" && f.actual == .term(.nothing) && f.delta == .signed(planned))
        #expect(f.sourceTexts == ["OP_BR.xlsx!S!E5"])
        #expect(f.causedBy == [])
        #expect(f.message == .plannedNotBudgeted(output: OutputCode("R.1-2"), title: "R.1-2", bureau: .br, year: 2022, planned: planned))
    }

    /// Sources: the year's cells, left to right, of the first row (top to bottom) with a non-zero amount.
    @Test func theFirstNonZeroRowIsCitedCellByCell() throws {
        var b = ModelBuilder(bureaus: [.gs])
        b.plan("E.9-1", bureau: .gs, staff: [2022: (0, 0)])
        b.plan("E.9-1", bureau: .gs, staff: [2022: (300_000, 200_000)], funding: "XB")
        let f = try #require(b.findings(of: .fin001).first)
        #expect(f.sourceTexts == ["OP_GS.xlsx!S!D6", "OP_GS.xlsx!S!E6"])
        #expect(f.delta == .signed(500_000) && f.bureau == .gs)
    }

    /// The RF-003 of the same output and workbook is the cause; an RF-001 is not.
    @Test(arguments: [("T.5-1", ["RF-003/OP-TSB/T.5-1"]), ("T.9-1", [])])
    func aRecodedOutputIsCausedByItsRF003(output: String, causes: [String]) throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.framework(objectives: ["T.1", "T.2", "T.3", "T.4"], crosswalk: [("T.5", "T.4")])
        b.plan(output, bureau: .tsb, total: [2022: 120_000])
        let f = try #require(b.findings(of: .fin001).first)
        #expect(f.causeTexts == causes)
        #expect(f.causedBy == causes.map { _ in Finding.ID(.rf003, .source(.operationalPlan(.tsb)), .output(OutputCode(output))) })
    }

    /// FIN-002 at its edges: CHF 0 lines are ignored, an allocation in any source counts.
    @Test(arguments: [
        (Exact(1_150_000), nil as String?, true),      // the domain example
        (Exact(0), nil, false),                        // a line of CHF 0
        (Exact(1_150_000), "XB", false),               // an XB allocation counts (FIN-010's case)
        (Exact(1_150_000), "RB", false),
    ])
    func budgetedWithoutAnAllocation(budgeted: Exact, rowFunding: String?, raised: Bool) throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.plan("T.1-1", bureau: .tsb, total: [2023: 100_000])
        b.line("T.1-1", bureau: .tsb, [2023: 100_000])
        b.line("T.1-2", bureau: .tsb, [2023: budgeted])
        if let rowFunding { b.plan("T.1-2", bureau: .tsb, total: [2023: budgeted], funding: rowFunding) }
        let all = b.findings(of: .fin002)
        guard raised else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.fin002, .output(OutputCode("T.1-2")), .year(2023)))
        #expect(f.severity == .warning && f.bureau == .tsb && f.output == OutputCode("T.1-2") && f.period == .year(2023))
        #expect(f.expected.text == "TSB allocation T.1-2/2023" && f.actual == .term(.nothing) && f.delta == .signed(-budgeted))
        #expect(f.texts.delta == "-1150000")
        #expect(f.sourceTexts == ["FP.xlsx!S!H6"])
        #expect(f.causedBy == [])
        #expect(f.message == .budgetedNotPlanned(output: OutputCode("T.1-2"), title: "T.1-2", bureau: .tsb, year: 2023, budgeted: budgeted))
    }

    /// All the output's lines are summed and cited.
    @Test func everyLineOfTheOutputIsSummed() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.line("T.1-2", bureau: .tsb, category: "STAFF", [2023: 1_000_000])
        b.line("T.1-2", bureau: .tsb, category: "NONSTAFF", [2023: 150_000])
        let f = try #require(b.findings(of: .fin002).first)
        #expect(f.delta == .signed(-1_150_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!H5:H6"])
    }

    /// Only for bureaus whose plan arrived (the owner from the code's prefix, else the line's bureau).
    @Test(arguments: [
        ("D.2-2", Bureau.bdt as Bureau?, [Bureau.tsb], nil as Bureau?),         // BDT's plan missing: a note, not a FIN-002
        ("D.2-2", .bdt, [.tsb, .bdt], .bdt),
        ("D.2-2", .tsb, [.tsb, .bdt], .bdt),                                     // the code's prefix wins over the line's bureau
        ("I.1-2", .gs, [.gs], .gs),                                              // I: the line's (Sector) bureau
        ("I.1-2", .gs, [.tsb], nil),
    ])
    func onlyReconciledBureausGetFIN002(output: String, lineBureau: Bureau?, present: [Bureau], owner: Bureau?) {
        var b = ModelBuilder(bureaus: present)
        b.line(output, bureau: lineBureau, [2022: 500_000])
        let f = b.findings(of: .fin002) { $0.bureaus = [.br, .tsb, .bdt, .gs] }
        #expect(f.map(\.bureau) == (owner.map { [Optional($0)] } ?? []))
        if let owner { #expect(f.first?.expected.text == "\(owner.rawValue) allocation \(output)/2022") }
    }
}
