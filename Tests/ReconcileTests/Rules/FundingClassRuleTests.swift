import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-010: XB on one side and RB on the other for an output and year, or an RB row whose notes
/// name extrabudgetary money; replaces FIN-003; a class disagreement explains the bureau's FIN-004.
@Suite struct FundingClassRuleTests {
    @Test func fin010ReplacesTheAmountMismatchAndExplainsTheBureauTotal() {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-2", bureau: .bdt, total: [2022: 1_800_000])
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 1_800_000])
        let f = b.findings()
        #expect(f.first { $0.rule == .fin010 }!.texts == ("XB", "RB", "1800000"))
        #expect(!f.contains { $0.rule == .fin003 })
        #expect(f.first { $0.rule == .fin004 }?.causeTexts == ["FIN-010/D.2-2/2022"])
    }

    @Test func fin010OnNotesExplainsNoBureauTotal() {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-1", bureau: .bdt, total: [2022: 2_000_000], notes: "Funded by a Trust Fund")
        b.line("D.2-1", bureau: .bdt, [2022: 1_000_000])
        let f = b.findings()
        #expect(f.contains { $0.idText == "FIN-010/D.2-1/2022" && $0.sourceTexts == ["OP_BDT.xlsx!S!K5", "OP_BDT.xlsx!S!J5"] })
        #expect(f.first { $0.rule == .fin004 }?.causedBy == [])
    }

    /// Class disagreement both ways: expected the FP's class, actual the OP's, delta the RB side's amount.
    @Test(arguments: [
        ("RB", "XB", Exact(1_800_000), Exact(1_500_000), Exact(1_800_000)),   // the domain example: RB plan, XB budget
        ("XB", "RB", Exact(1_800_000), Exact(1_500_000), Exact(1_500_000)),   // the other way round: the FP's RB amount
    ])
    func theTwoPlansDisagreeOnTheClass(opFunding: String, fpFunding: String, planned: Exact, budgeted: Exact, misstated: Exact) throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-2", bureau: .bdt, total: [2022: planned], funding: opFunding)
        b.line("D.2-2", bureau: .bdt, funding: fpFunding, [2022: budgeted])
        let all = b.findings(of: .fin010)
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.fin010, .output(OutputCode("D.2-2")), .year(2022)))
        #expect(f.severity == .error && f.bureau == .bdt && f.output == OutputCode("D.2-2") && f.period == .year(2022))
        #expect(f.expected == .code(fpFunding) && f.actual == .code(opFunding) && f.delta == .amount(misstated))
        #expect(f.sourceTexts == ["OP_BDT.xlsx!S!J5", "FP.xlsx!S!F5"])
        #expect(f.causedBy == [])
        #expect(f.message == .fundingClass(output: OutputCode("D.2-2"), year: 2022, bureau: .bdt, planned: planned,
                                           planClass: FundingClass(rawValue: opFunding)!, budgetClass: FundingClass(rawValue: fpFunding)!,
                                           misstated: misstated))
        #expect(b.findings(of: .fin003).isEmpty)
        #expect(b.findings(of: .fin004).first?.causedBy == [f.id])
    }

    /// Sources: the funding cell of the first OP row, then of the first FP line, with a non-zero amount.
    @Test func theFirstNonZeroRowAndLineAreCited() throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-2", bureau: .bdt, total: [2022: 0])
        b.plan("D.2-2", bureau: .bdt, total: [2022: 1_800_000], funding: "RB-CR")
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 0])
        b.line("D.2-2", bureau: .bdt, funding: "XB-TF", [2022: 1_800_000])
        let f = try #require(b.findings(of: .fin010).first)
        #expect(f.sourceTexts == ["OP_BDT.xlsx!S!J6", "FP.xlsx!S!F6"])
        #expect(f.texts == ("XB", "RB", "1800000"))
    }

    /// The notes clause: any of the four phrases (any case) in an RB row's notes; one finding per year.
    @Test(arguments: [
        ("Funded by a Trust Fund", true), ("voluntary contribution from a donor", true), ("Fonds fiduciaire UIT", true),
        ("Contribución voluntaria", true), ("fund raising planned", false), ("", false),
    ])
    func regularBudgetRowsWhoseNotesNameExtrabudgetaryMoney(notes: String, raised: Bool) throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-1", bureau: .bdt, total: [2022: 2_000_000, 2023: 500_000], notes: notes)
        b.line("D.2-1", bureau: .bdt, [2022: 1_000_000, 2023: 500_000])
        let all = b.findings(of: .fin010)
        #expect(all.map(\.idText) == (raised ? ["FIN-010/D.2-1/2022", "FIN-010/D.2-1/2023"] : []))
        guard raised else { return }
        let f = all[0]
        #expect(f.severity == .error && f.bureau == .bdt && f.output == OutputCode("D.2-1") && f.period == .year(2022))
        #expect(f.expected == .code("XB") && f.actual == .code("RB") && f.delta == .amount(2_000_000))
        #expect(f.sourceTexts == ["OP_BDT.xlsx!S!K5", "OP_BDT.xlsx!S!J5"])
        #expect(f.message == .extrabudgetaryNote(output: OutputCode("D.2-1"), year: 2022, notes: notes))
        // It replaces FIN-003 for the pair too, and explains no FIN-004.
        #expect(b.findings(of: .fin003).isEmpty)
        #expect(b.findings(of: .fin004).allSatisfy { $0.causedBy.isEmpty })
    }

    /// The notes clause on the financial plan's lines too: an RB line (any RB source) whose note names
    /// extrabudgetary money is a FIN-010 for each year it funds, citing the note cell (FP J) then the
    /// funding cell (FP F); an XB line's note (the demo's FP J11 `Trust fund`) and other words are not.
    @Test(arguments: [
        ("RB", "Trust fund", [2022, 2023]),
        ("RB-CR", "to be met from a voluntary contribution", [2022, 2023]),
        ("RB", "FONDS FIDUCIAIRE", [2022, 2023]),
        ("XB", "Trust fund", []),
        ("XB-TF", "Trust fund", []),
        ("RB", "Decision 482 fees", []),
    ])
    func financialPlanLinesWhoseNotesNameExtrabudgetaryMoney(funding: String, notes: String, years: [Int]) throws {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-1", bureau: .bdt, total: [2022: 1_000_000, 2023: 0], funding: funding)
        b.line("D.2-1", bureau: .bdt, funding: funding, [2022: 1_000_000, 2023: 400_000], notes: notes)
        let all = b.findings(of: .fin010)
        #expect(all.map(\.idText) == years.map { "FIN-010/D.2-1/\($0)" })
        guard let f = all.first else { return }
        #expect(f.severity == .error && f.bureau == .bdt && f.output == OutputCode("D.2-1") && f.period == .year(2022))
        #expect(f.expected == .code("XB") && f.actual == .code("RB") && f.delta == .amount(1_000_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!J5", "FP.xlsx!S!F5"])
        #expect(f.message == .extrabudgetaryNote(output: OutputCode("D.2-1"), year: 2022, notes: notes))
        #expect(all.last?.delta == .amount(400_000))
        #expect(b.findings(of: .fin003).isEmpty)
    }

    /// A note on both sides of one pair (or a class disagreement and an FP note) gives one finding:
    /// the operational plan's note is cited; the FP line's note adds none.
    @Test func notesOnBothPlansGiveOneFindingPerOutputAndYear() {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-1", bureau: .bdt, total: [2022: 1_000_000], notes: "trust fund")
        b.line("D.2-1", bureau: .bdt, [2022: 1_000_000], notes: "Trust fund")
        b.plan("D.2-2", bureau: .bdt, total: [2022: 1_800_000])
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 1_000_000])
        b.line("D.2-2", bureau: .bdt, [2022: 800_000], notes: "trust fund")
        let f = b.findings(of: .fin010)
        #expect(f.map(\.idText) == ["FIN-010/D.2-1/2022", "FIN-010/D.2-2/2022"])
        #expect(f.first?.sourceTexts == ["OP_BDT.xlsx!S!K5", "OP_BDT.xlsx!S!J5"])
    }

    /// An XB row's notes are not checked; a class disagreement and a note on one pair give one finding.
    @Test func oneFindingPerOutputAndYear() {
        var b = ModelBuilder(bureaus: [.bdt])
        b.plan("D.2-1", bureau: .bdt, total: [2022: 1_000_000], funding: "XB", notes: "trust fund")
        b.line("D.2-1", bureau: .bdt, funding: "XB", [2022: 1_000_000])
        b.plan("D.2-2", bureau: .bdt, total: [2022: 1_800_000], notes: "trust fund")
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 1_800_000])
        let f = b.findings(of: .fin010)
        #expect(f.map(\.idText) == ["FIN-010/D.2-2/2022"])
        #expect(f.first.map { if case .fundingClass = $0.message { true } else { false } } == true)
    }
}
