import Foundation
import Testing
@testable import Reconcile
import Results

/// Each rule at the edges of its default tolerances: just inside, just outside, the error band.
@Suite struct RuleEdgeTests {
    static func severity(_ findings: [Finding], _ rule: RuleID) -> Severity? { findings.first { $0.rule == rule }?.severity }

    @Test(arguments: [(Decimal(9), nil as Severity?), (Decimal(10), .warning), (Decimal(12), .warning), (Decimal(15), .error)])
    func rsk001ScoreBands(score: Decimal, expected: Severity?) {
        var b = ModelBuilder()
        let l: Decimal = score == 12 || score == 9 ? 3 : 5, i = score / l
        let c = ModelBuilder.cell("RR.xlsx", 5, 1)
        b.model.risks = [Risk(id: "RSK-BR-01", bureau: .br, description: "d", category: "strategic", linkedObjective: nil, linkedOutput: nil,
                              likelihood: Quantity(value: l, source: c), impact: Quantity(value: i, source: c), likelihoodCell: c, statedScore: nil,
                              owner: "o", mitigation: TextCell(text: "n/a", source: ModelBuilder.cell("RR.xlsx", 5, 11)), status: "Open", lastReview: nil, source: c)]
        #expect(Self.severity(b.findings(), .rsk001) == expected)
    }

    @Test func rsk003ReportsTheScoreAndTheScale() {
        var b = ModelBuilder()
        let c = ModelBuilder.cell("RR.xlsx", 5, 1)
        func risk(_ id: String, _ l: Decimal, _ i: Decimal, stated: Decimal?) -> Risk {
            Risk(id: id, bureau: .gs, description: "d", category: "operational", linkedObjective: nil, linkedOutput: nil,
                 likelihood: Quantity(value: l, source: c), impact: Quantity(value: i, source: c), likelihoodCell: ModelBuilder.cell("RR.xlsx", 5, 7),
                 statedScore: stated.map { Quantity(value: $0, source: ModelBuilder.cell("RR.xlsx", 5, 9)) }, owner: "o",
                 mitigation: TextCell(text: "plan", source: c), status: "Open", lastReview: nil, source: c)
        }
        b.model.risks = [risk("RSK-GS-03", 4, 3, stated: 16), risk("RSK-GS-04", 6, 3, stated: 18)]
        let f = b.findings().filter { $0.rule == .rsk003 }
        #expect(f.map { [$0.idText, $0.expected.text, $0.actual.text, $0.delta.text] } == [["RSK-003/RSK-GS-03", "12", "16", "+4"],
                                                                         ["RSK-003/RSK-GS-04", "1-5", "likelihood 6, impact 3", ""]])
    }

    @Test(arguments: [(Decimal(296), nil as Severity?), (Decimal(string: "288.6")!, .info), (Decimal(279.9), .warning), (Decimal(260), .warning)])
    func kpi002StatusBands(actual: Decimal, expected: Severity?) {
        // Baseline 265 (2019) → 300 (2023), actual 2022: e = 0.75; r ≥ 0.9 from 288.625, r ≥ 0.6 from 280.75.
        var b = ModelBuilder(withFramework: true)
        let c = ModelBuilder.cell("RF.xlsx", 4, 1)
        b.model.kpis = [KPI(id: "KPI-T.1-1-01", linkedTo: "T.1-1", linkedOutput: OutputCode("T.1-1"), name: "n", unit: "count", direction: .up,
                            baseline: Quantity(value: 265, source: c), baselineYear: 2019, baselineCell: c, target: Quantity(value: 300, source: c),
                            targetYear: 2023, targetCell: c, actuals: [2022: Quantity(value: actual, source: ModelBuilder.cell("RF.xlsx", 4, 10))],
                            reportedStatus: nil, source: c)]
        #expect(Self.severity(b.findings(), .kpi002) == expected)
    }

    @Test func duplicatesAreWarningsWhenIdenticalAndErrorsWhenConflicting() {
        var b = ModelBuilder(bureaus: [.gs])
        let kept = ModelBuilder.cell("OP_GS.xlsx", 10, 2), dup = ModelBuilder.cell("OP_GS.xlsx", 11, 2)
        b.model.duplicates = [DuplicateRow(workbook: .operationalPlan(.gs), key: "E.2-1/RB", bureau: .gs, output: OutputCode("E.2-1"), identical: true, keptCell: kept, duplicateCell: dup),
                              DuplicateRow(workbook: SourceTag(.financialPlan), key: "E.2-1/STAFF/RB", bureau: .gs, output: OutputCode("E.2-1"), identical: false, keptCell: kept, duplicateCell: dup)]
        let f = b.findings().filter { $0.rule == .dat001 }
        #expect(f.map(\.idText) == ["DAT-001/FP/E.2-1/STAFF/RB", "DAT-001/OP-GS/E.2-1/RB"])
        #expect(f.map(\.severity) == [.error, .warning])
    }

    @Test func repeatedIdsGetASuffix() {
        var b = ModelBuilder()
        let c = ModelBuilder.cell("RR.xlsx", 5, 1)
        let mitigation = TextCell(text: "", source: c)
        b.model.risks = [Risk(id: "RSK-1", bureau: .br, description: "", category: "", linkedObjective: nil, linkedOutput: nil,
                              likelihood: Quantity(value: 5, source: c), impact: Quantity(value: 5, source: c), likelihoodCell: c, statedScore: nil,
                              owner: "", mitigation: mitigation, status: "", lastReview: nil, source: c)]
        b.model.risks.append(b.model.risks[0])
        #expect(b.findings().filter { $0.rule == .rsk001 }.map(\.idText) == ["RSK-001/RSK-1", "RSK-001/RSK-1#2"])
    }
}

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
}
