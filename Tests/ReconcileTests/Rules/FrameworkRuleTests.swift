import Foundation
import Testing
@testable import Reconcile
import Results

/// RF-001 … RF-005: output codes, objectives and goals against the results framework; once per
/// workbook and output code (RF-004 once per row and mismatch).
@Suite struct FrameworkRuleTests {
    static func framework(_ b: inout ModelBuilder) {
        let c = ModelBuilder.cell("RF.xlsx", 2, 1)
        for code in ["T.2", "T.3", "T.4", "D.1", "D.2"] {
            b.model.objectives.append(Objective(code: code, bureau: nil, kind: "Sectoral", title: code, goalTokens: ["1"], goalsSource: c, source: c))
        }
        b.model.outputs.append(FrameworkOutput(code: OutputCode("T.3-1"), objective: "T.3", bureau: .tsb, title: "t", isCostRecovery: false, source: c))
        b.model.crosswalk.append(CrosswalkEntry(oldCode: "T.5", newCode: "T.4", note: "", source: c))
        b.model.crosswalk.append(CrosswalkEntry(oldCode: "T.6", newCode: nil, note: "", source: c))
    }

    @Test func outputCodesAreCheckedAgainstThePlanTheCrosswalkAndTheOutputsList() {
        var b = ModelBuilder(bureaus: [.tsb], withFramework: true)
        Self.framework(&b)
        for output in ["T.3-1", "T.3-2", "T.5-1", "T.6-1", "T.9-1"] {
            b.plan(output, bureau: .tsb, total: [2022: 1000])
            b.line(output, bureau: .tsb, [2022: 1000])
        }
        let f = Dictionary(b.findings().filter { $0.rule.rawValue.hasPrefix("RF") }.map { ($0.idText, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(f["RF-005/OP-TSB/T.3-2"]?.severity == .warning && f["RF-005/FP/T.3-2"] != nil)
        #expect(f["RF-003/OP-TSB/T.5-1"].map { ($0.severity, $0.actual.text) }! == (.warning, "T.5 (SP2016-2019)"))
        #expect(f["RF-003/OP-TSB/T.6-1"]?.severity == .error)          // no successor
        #expect(f["RF-001/OP-TSB/T.9-1"]?.expected.text == "one of T.2…T.4")
        #expect(f["RF-005/OP-TSB/T.3-1"] == nil && f["RF-001/OP-TSB/T.3-1"] == nil)
    }

    @Test func theFinancialPlansSectorIsReadThroughTheBureauAliases() {
        var b = ModelBuilder(bureaus: [.tsb], withFramework: true)
        Self.framework(&b)
        b.line("T.3-1", bureau: .tsb, [2022: 1000])
        b.model.budgetLines[0].sector = TextCell(text: "ITU-D", source: ModelBuilder.cell("FP.xlsx", 5, 1))
        b.model.budgetLines[0].sectorBureau = .bdt
        b.plan("T.3-1", bureau: .tsb, total: [2022: 1000])
        let f = try! #require(b.findings().first { $0.idText == "RF-004/FP/T.3-1/bureau" })
        #expect(f.bureau == .tsb && f.texts.expected == "TSB" && f.texts.actual == "BDT" && f.sourceTexts == ["FP.xlsx!S!A5"])
    }

    static let plan = "SP2020-2023"

    /// RF-001: an objective neither in the plan nor in the crosswalk's old codes; expected the plan's
    /// objectives with the same letter, in natural order.
    @Test(arguments: [
        ("D.5-1", [Bureau.bdt], "one of D.1…D.10", ["D.1", "D.2", "D.4", "D.10"]),    // the domain example, D.10 after D.4
        ("E.9-1", [.gs], "a known objective", []),                                    // no E objective at all
    ])
    func anUnknownObjective(output: String, bureaus: [Bureau], expected: String, same: [String]) throws {
        var b = ModelBuilder(bureaus: bureaus)
        b.framework(objectives: ["D.1", "D.2", "D.4", "D.10", "T.1"], crosswalk: [("T.5", "T.4")])
        let bureau = bureaus[0]
        b.plan(output, bureau: bureau, total: [2022: 1000])
        b.plan(output, bureau: bureau, total: [2023: 1000])            // a second row: still one finding for the workbook
        b.line(output, bureau: bureau, [2022: 1000])
        let all = b.findings(of: .rf001)
        #expect(all.map(\.idText) == ["RF-001/FP/\(output)", "RF-001/OP-\(bureau.rawValue)/\(output)"])
        let f = try #require(all.last)
        #expect(f.id == Finding.ID(.rf001, .source(.operationalPlan(bureau)), .output(OutputCode(output))))
        #expect(f.severity == .error && f.bureau == bureau && f.output == OutputCode(output) && f.period == Period.none)
        #expect(f.expected.text == expected && f.actual == .code(OutputCode(output).objective) && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["OP_\(bureau.rawValue).xlsx!S!A5"])
        #expect(f.causedBy == [])
        #expect(f.message == .unknownObjective(output: OutputCode(output), title: output, objective: OutputCode(output).objective, plan: Self.plan,
                                               sameBureau: same))
    }

    /// RF-002: each goal token outside 1…goal count.
    @Test(arguments: [
        (["1", "6"], 5, ["6"]),            // the domain example: I.3 lists goal 6
        (["0", "5"], 5, ["0"]),
        (["1", "2", "5"], 5, []),
        (["5"], 4, ["5"]),                 // a plan with four goals
    ])
    func anUnknownGoal(tokens: [String], goals: Int, unknown: [String]) throws {
        var b = ModelBuilder(withFramework: true)
        b.model.objectives = [Objective(code: "I.3", bureau: nil, kind: "Intersectoral", title: "I.3", goalTokens: tokens,
                                        goalsSource: ModelBuilder.cell("RF.xlsx", 8, 5), source: ModelBuilder.cell("RF.xlsx", 8, 1))]
        let all = b.findings(of: .rf002) { $0.goalCount = goals }
        #expect(all.map(\.idText) == unknown.map { "RF-002/I.3/\($0)" })
        guard let f = all.first else { return }
        #expect(f.id == Finding.ID(.rf002, .text("I.3"), .text(unknown[0])))
        #expect(f.severity == .error && f.bureau == nil && f.output == nil && f.period == Period.none)
        #expect(f.expected.text == "G1…G\(goals)" && f.actual == .code(unknown[0]) && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["RF.xlsx!S!E8"])
        #expect(f.message == .unknownGoal(objective: "I.3", goal: unknown[0], plan: Self.plan, goals: goals))
    }

    /// RF-003: a previous plan's objective in the crosswalk; a warning naming the successor, an error
    /// naming none when the crosswalk has no successor.
    @Test(arguments: [("T.4" as String?, Severity.warning), (nil, .error), ("", .error)])
    func aPreviousPlansObjective(newCode: String?, severity: Severity) throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.framework(objectives: ["T.1", "T.4"], crosswalk: [("T.5", newCode)])
        b.plan("T.5-1", bureau: .tsb, total: [2022: 1000])
        b.model.allocations[0].statedObjective = TextCell(text: "T.5", source: ModelBuilder.cell("OP_TSB.xlsx", 5, 2))
        b.line("T.5-1", bureau: .tsb, [2022: 1000])
        let all = b.findings().filter { $0.rule.rawValue.hasPrefix("RF-") }
        // One finding per workbook; the row's stated objective T.5 is not a second one.
        #expect(all.map(\.idText) == ["RF-003/FP/T.5-1", "RF-003/OP-TSB/T.5-1"])
        let f = try #require(all.last)
        #expect(f.id == Finding.ID(.rf003, .source(.operationalPlan(.tsb)), .output(OutputCode("T.5-1"))))
        #expect(f.severity == severity && f.bureau == .tsb && f.output == OutputCode("T.5-1") && f.period == Period.none)
        #expect(f.expected.text == "SP2020-2023 code" && f.actual.text == "T.5 (SP2016-2019)" && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["OP_TSB.xlsx!S!A5"])
        #expect(f.message == .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019",
                                                    successor: severity == .warning ? newCode : nil))
    }

    /// A dash or a word for none in the crosswalk's New code cell means no successor (domain.md (d) RF-003).
    @Test(arguments: ["-", "–", "—", "n/a", "none", "discontinued", "supprimé", "suprimido", "sin sucesor"])
    func aDashOrAWordForNoneIsNoSuccessor(newCode: String) throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.framework(objectives: ["T.1", "T.4"], crosswalk: [("T.5", newCode)])
        b.plan("T.5-1", bureau: .tsb, total: [2022: 1000])
        let f = try #require(b.findings(of: .rf003).first)
        #expect(f.actual.text == "T.5 (SP2016-2019)")
        #expect(f.severity == .error)
        #expect(f.message == .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: nil))
    }

    /// RF-004, objective: the row states another objective than its code's (the code wins).
    @Test(arguments: [("T.2", true), ("T.3", false)])
    func aStatedObjectiveThatDisagrees(stated: String, raised: Bool) throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.framework(objectives: ["T.2", "T.3"], outputs: [("T.3-1", .tsb)])
        b.plan("T.3-1", bureau: .tsb, total: [2022: 1000])
        b.model.allocations[0].statedObjective = TextCell(text: stated, source: ModelBuilder.cell("OP_TSB.xlsx", 5, 2))
        b.line("T.3-1", bureau: .tsb, [2022: 1000])
        let all = b.findings(of: .rf004)
        #expect(all.count == (raised ? 1 : 0))
        guard let f = all.first else { return }
        #expect(f.id == Finding.ID(.rf004, .source(.operationalPlan(.tsb)), .output(OutputCode("T.3-1"))))
        #expect(f.idText == "RF-004/OP-TSB/T.3-1")
        #expect(f.severity == .warning && f.bureau == .tsb && f.output == OutputCode("T.3-1") && f.period == Period.none)
        #expect(f.expected == .code("T.3") && f.actual == .code("T.2") && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["OP_TSB.xlsx!S!B5"])
        #expect(f.message == .objectiveMismatch(output: OutputCode("T.3-1"), stated: "T.2"))
    }

    /// RF-004, bureau: a plan's bureau is its rows' stated bureau (the code cell is cited); R, T and D
    /// belong to one bureau, I and E to any.
    @Test(arguments: [
        ("T.3-1", Bureau.br, Bureau.tsb as Bureau?),
        ("R.1-1", .bdt, .br),
        ("D.1-1", .bdt, nil),
        ("I.1-1", .br, nil),
        ("E.1-1", .tsb, nil),
    ])
    func aPlansBureauThatDisagreesWithTheCode(output: String, planBureau: Bureau, owner: Bureau?) throws {
        var b = ModelBuilder(bureaus: [planBureau])
        b.framework(objectives: ["R.1", "T.3", "D.1", "I.1", "E.1"], outputs: [(output, owner)])
        b.plan(output, bureau: planBureau, total: [2022: 1000])
        b.line(output, bureau: owner ?? planBureau, [2022: 1000])
        let all = b.findings(of: .rf004)
        #expect(all.count == (owner == nil ? 0 : 1))
        guard let owner, let f = all.first else { return }
        #expect(f.id == Finding.ID(.rf004, .source(.operationalPlan(planBureau)), .output(OutputCode(output)), .text("bureau")))
        #expect(f.idText == "RF-004/OP-\(planBureau.rawValue)/\(output)/bureau")
        #expect(f.severity == .warning && f.bureau == owner && f.output == OutputCode(output))
        #expect(f.expected == .code(owner.rawValue) && f.actual == .code(planBureau.rawValue))
        #expect(f.sourceTexts == ["OP_\(planBureau.rawValue).xlsx!S!A5"])
        #expect(f.message == .bureauMismatch(output: OutputCode(output), owner: owner, stated: planBureau))
    }

    /// Both mismatches on one row: two findings.
    @Test func oneFindingPerMismatch() {
        var b = ModelBuilder(bureaus: [.br])
        b.framework(objectives: ["T.2", "T.3"], outputs: [("T.3-1", .tsb)])
        b.plan("T.3-1", bureau: .br, total: [2022: 1000])
        b.model.allocations[0].statedObjective = TextCell(text: "T.2", source: ModelBuilder.cell("OP_BR.xlsx", 5, 2))
        #expect(b.findings(of: .rf004).map(\.idText) == ["RF-004/OP-BR/T.3-1", "RF-004/OP-BR/T.3-1/bureau"])
    }

    /// RF-005: objective known, output not listed; once per workbook and code (two FP lines, one finding).
    @Test func anOutputMissingFromTheOutputsSheet() throws {
        var b = ModelBuilder(bureaus: [.gs])
        b.framework(objectives: ["E.1"], outputs: [("E.1-2", .gs)])
        b.plan("E.1-1", bureau: .gs, total: [2022: 9_600_000])
        b.line("E.1-1", bureau: .gs, category: "STAFF", [2022: 5_000_000])
        b.line("E.1-1", bureau: .gs, category: "NONSTAFF", [2022: 4_600_000])
        b.plan("E.1-2", bureau: .gs, total: [2022: 1000])
        let all = b.findings(of: .rf005)
        #expect(all.map(\.idText) == ["RF-005/FP/E.1-1", "RF-005/OP-GS/E.1-1"])
        let f = try #require(all.last)
        #expect(f.id == Finding.ID(.rf005, .source(.operationalPlan(.gs)), .output(OutputCode("E.1-1"))))
        #expect(f.severity == .warning && f.bureau == .gs && f.output == OutputCode("E.1-1") && f.period == Period.none)
        #expect(f.expected == .term(.listedOutput) && f.actual == .code("E.1-1") && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["OP_GS.xlsx!S!A5"])
        #expect(all.first?.sourceTexts == ["FP.xlsx!S!C5"])
        #expect(f.message == .notInFramework(output: OutputCode("E.1-1"), title: "E.1-1", plan: Self.plan))
    }

    /// Without a results framework no code can be checked.
    @Test func noFrameworkNoFindings() {
        var b = ModelBuilder(bureaus: [.tsb])
        b.plan("T.9-1", bureau: .tsb, total: [2022: 1000])
        #expect(b.findings().allSatisfy { !$0.rule.rawValue.hasPrefix("RF-") })
    }

    /// The results framework's own Outputs sheet is checked like any workbook (domain.md (d) RF-001,
    /// RF-003, RF-004): `RF-001/RF/<output>`, `RF-003/RF/<output>`, `RF-004/RF/<output>[/bureau]`.
    @Test func theFrameworksOwnOutputsSheetIsChecked() throws {
        var b = ModelBuilder(bureaus: [.tsb])
        b.framework(objectives: ["D.1", "T.2", "T.3", "T.4"], crosswalk: [("T.5", "T.4")])
        let c = { (row: Int) in ModelBuilder.cell("RF.xlsx", row, 1) }
        b.model.outputs = [
            FrameworkOutput(code: OutputCode("D.5-1"), objective: "D.5", bureau: .bdt, title: "D.5-1", isCostRecovery: false, source: c(20)),
            FrameworkOutput(code: OutputCode("T.5-1"), objective: "T.5", bureau: .tsb, title: "T.5-1", isCostRecovery: false, source: c(21)),
            FrameworkOutput(code: OutputCode("T.3-1"), objective: "T.2", bureau: .br, title: "T.3-1", isCostRecovery: false, source: c(22)),
        ]
        let found = b.findings().filter { $0.rule.rawValue.hasPrefix("RF-") }
        #expect(Set(found.map(\.idText)) == ["RF-001/RF/D.5-1", "RF-003/RF/T.5-1", "RF-004/RF/T.3-1", "RF-004/RF/T.3-1/bureau"])
        // The Outputs sheet is the list RF-005 checks against: its own outputs are never RF-005.
        #expect(!found.contains { $0.rule == .rf005 })
        let bureau = try #require(found.first { $0.idText == "RF-004/RF/T.3-1/bureau" })
        #expect(bureau.bureau == .tsb && bureau.expected == .code("TSB") && bureau.actual == .code("BR") && bureau.sourceTexts == ["RF.xlsx!S!A22"])
    }
}
