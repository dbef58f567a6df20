import Foundation
import Testing
@testable import Reconcile
import Results

/// RSK-001 (score L × I ≥ 10 warning, ≥ 15 error, without mitigation), RSK-002 (a link to an unknown
/// objective or output), RSK-003 (off the 1-5 scale, or a stated score ≠ L × I).
@Suite struct RiskRuleTests {
    static func severity(_ findings: [Finding], _ rule: RuleID) -> Severity? { findings.first { $0.rule == rule }?.severity }

    @Test(arguments: [(Exact(9), nil as Severity?), (Exact(10), .warning), (Exact(12), .warning), (Exact(15), .error)])
    func rsk001ScoreBands(score: Exact, expected: Severity?) {
        var b = ModelBuilder()
        let l: Exact = score == 12 || score == 9 ? 3 : 5, i = score / l
        let c = ModelBuilder.cell("RR.xlsx", 5, 1)
        b.model.risks = [Risk(id: "RSK-BR-01", bureau: .br, description: "d", category: "strategic", linkedObjective: nil, linkedOutput: nil,
                              likelihood: Quantity(value: l, source: c), impact: Quantity(value: i, source: c), likelihoodCell: c, statedScore: nil,
                              owner: "o", mitigation: TextCell(text: "n/a", source: ModelBuilder.cell("RR.xlsx", 5, 11)), status: "Open", lastReview: nil, source: c)]
        #expect(Self.severity(b.findings(), .rsk001) == expected)
    }

    @Test func rsk003ReportsTheScoreAndTheScale() {
        var b = ModelBuilder()
        let c = ModelBuilder.cell("RR.xlsx", 5, 1)
        func risk(_ id: String, _ l: Exact, _ i: Exact, stated: Exact?) -> Risk {
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

    /// The bands of the computed score at their edges; the rating band is named, not a threshold.
    @Test(arguments: [
        (Exact(3), Exact(3), nil as Severity?, RiskBand.medium),     // 9
        (Exact(2), Exact(5), .warning, .high),                        // 10: risk.warn
        (Exact(3), Exact(4), .warning, .high),                        // 12
        (Exact(5), Exact(3), .error, .high),                          // 15: High, but risk.error
        (Exact(4), Exact(4), .error, .critical),                      // 16: the domain example
        (Exact(5), Exact(5), .error, .critical),
    ])
    func anUnmitigatedRisk(likelihood: Exact, impact: Exact, severity: Severity?, band: RiskBand) throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["D.2"], outputs: [("D.2-2", .bdt)])
        b.model.risks = [ModelBuilder.risk("RSK-BDT-01", likelihood: likelihood, impact: impact, mitigation: "", output: "D.2-2")]
        let all = b.findings(of: .rsk001)
        guard let severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.rsk001, .text("RSK-BDT-01")))
        #expect(f.severity == severity && f.bureau == .bdt && f.output == OutputCode("D.2-2") && f.period == Period.none)
        let score = likelihood * impact
        #expect(f.expected == .term(.mitigationText) && f.actual == .term(.blank) && f.delta.text == "score \(score)")
        #expect(f.sourceTexts == ["RR.xlsx!S!K5"])
        #expect(f.causedBy == [])
        #expect(f.message == .riskUnmitigated(risk: "RSK-BDT-01", description: "description of RSK-BDT-01", score: score, likelihood: likelihood,
                                              impact: impact, band: band))
    }

    /// Empty, a dash, n/a, none or TBD count as blank.
    @Test(arguments: [("", true), ("-", true), ("–", true), ("—", true), ("n/a", true), ("N/A", true), ("none", true), ("TBD", true), (" tbd ", true),
                      ("Monitor quarterly", false), ("see plan", false)])
    func whatCountsAsNoMitigation(mitigation: String, blank: Bool) {
        var b = ModelBuilder()
        b.model.risks = [ModelBuilder.risk("RSK-BDT-01", likelihood: 4, impact: 4, mitigation: mitigation)]
        #expect(b.findings(of: .rsk001).count == (blank ? 1 : 0))
    }

    /// The computed score is what counts downstream (stated 9, L × I = 16), and a risk off the scale
    /// is left to RSK-003.
    @Test func theComputedScoreIsUsed() {
        var b = ModelBuilder()
        b.model.risks = [ModelBuilder.risk("RSK-1", likelihood: 4, impact: 4, stated: 9, mitigation: "", row: 5),
                         ModelBuilder.risk("RSK-2", likelihood: 6, impact: 4, mitigation: "", row: 6)]
        let f = b.findings()
        #expect(f.filter { $0.rule == .rsk001 }.map { [$0.idText, $0.delta.text] } == [["RSK-001/RSK-1", "score 16"]])
        #expect(f.filter { $0.rule == .rsk003 }.map(\.idText) == ["RSK-003/RSK-1", "RSK-003/RSK-2"])
    }

    /// RSK-002, objective: it must be in the results framework.
    @Test(arguments: [("D.9", true), ("D.2", false)])
    func aLinkToAnUnknownObjective(objective: String, raised: Bool) throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["D.1", "D.2"])
        b.model.risks = [ModelBuilder.risk("RSK-BDT-02", likelihood: 2, impact: 2, objective: objective)]
        let all = b.findings(of: .rsk002)
        #expect(all.count == (raised ? 1 : 0))
        guard let f = all.first else { return }
        #expect(f.id == Finding.ID(.rsk002, .text("RSK-BDT-02"), .text("D.9")))
        #expect(f.idText == "RSK-002/RSK-BDT-02/D.9")
        #expect(f.severity == .error && f.bureau == .bdt && f.output == nil && f.period == Period.none)
        #expect(f.expected == .term(.knownObjective) && f.actual == .code("D.9") && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["RR.xlsx!S!E5"])
        #expect(f.causedBy == [])
        #expect(f.message == .riskUnknownObjective(risk: "RSK-BDT-02", objective: "D.9"))
    }

    /// RSK-002, output: known from the results framework or any plan; the message names the
    /// objective's known outputs.
    @Test(arguments: [("D.2-1", false), ("D.2-2", false), ("D.2-3", false), ("D.2-9", true)])
    func aLinkToAnUnknownOutput(output: String, raised: Bool) throws {
        var b = ModelBuilder(bureaus: [.bdt], withFramework: true)
        b.framework(objectives: ["D.1", "D.2"], outputs: [("D.2-1", .bdt), ("D.1-1", .bdt)])    // in the framework
        b.line("D.2-2", bureau: .bdt, [2022: 1000])                                            // in the financial plan only
        b.plan("D.2-3", bureau: .bdt, total: [2022: 1000])                                     // in an operational plan only
        b.model.risks = [ModelBuilder.risk("RSK-BDT-02", likelihood: 2, impact: 2, output: output)]
        let all = b.findings(of: .rsk002)
        #expect(all.count == (raised ? 1 : 0))
        guard let f = all.first else { return }
        #expect(f.id == Finding.ID(.rsk002, .text("RSK-BDT-02"), .output(OutputCode("D.2-9"))))
        #expect(f.idText == "RSK-002/RSK-BDT-02/D.2-9")
        #expect(f.severity == .error && f.bureau == .bdt && f.output == OutputCode("D.2-9") && f.period == Period.none)
        #expect(f.expected == .term(.knownOutput) && f.actual == .code("D.2-9") && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["RR.xlsx!S!F5"])
        #expect(f.message == .riskUnknownOutput(risk: "RSK-BDT-02", output: OutputCode("D.2-9"), objective: "D.2",
                                                siblings: [OutputCode("D.2-1"), OutputCode("D.2-2"), OutputCode("D.2-3")]))
    }

    /// One finding per unknown link.
    @Test func bothLinksUnknown() {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["D.1", "D.2"], outputs: [("D.2-1", .bdt)])
        b.model.risks = [ModelBuilder.risk("RSK-BDT-02", likelihood: 2, impact: 2, objective: "D.9", output: "D.2-9")]
        #expect(b.findings(of: .rsk002).map(\.idText) == ["RSK-002/RSK-BDT-02/D.2-9", "RSK-002/RSK-BDT-02/D.9"])
    }

    /// RSK-003, scale: likelihood and impact whole numbers 1-5; the likelihood cell is cited.
    @Test(arguments: [
        (Exact(6) as Exact?, Exact(3) as Exact?, "likelihood 6, impact 3" as String?),
        (0, 3, "likelihood 0, impact 3"),
        (nil, 3, "likelihood blank, impact 3"),
        (3, nil, "likelihood 3, impact blank"),
        (3, dec("2.5"), "likelihood 3, impact 2.5"),
        (5, 5, nil), (1, 1, nil),
    ])
    func offTheScale(likelihood: Exact?, impact: Exact?, actual: String?) throws {
        var b = ModelBuilder()
        b.model.risks = [ModelBuilder.risk("RSK-GS-04", bureau: .gs, likelihood: likelihood, impact: impact, stated: 99)]
        let all = b.findings(of: .rsk003)
        guard let actual else { #expect(all.map(\.expected) == [.amount(likelihood! * impact!)]); return }    // on the scale: only the score
        let f = try #require(all.first)
        #expect(all.count == 1)     // the stated score is not a second finding
        #expect(f.id == Finding.ID(.rsk003, .text("RSK-GS-04")))
        #expect(f.severity == .error && f.bureau == .gs && f.output == nil && f.period == Period.none)
        #expect(f.expected.text == "1-5" && f.actual.text == actual && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["RR.xlsx!S!G5"])
        #expect(f.message == .riskOffScale(risk: "RSK-GS-04", likelihood: likelihood, impact: impact))
    }

    /// RSK-003, score: the stated score against L × I, both rating bands named.
    @Test(arguments: [
        (Exact(4), Exact(3), Exact(16), RiskBand.high, RiskBand.critical),     // the domain example: +4
        (2, 2, 5, .low, .medium),
        (3, 3, 10, .medium, .high),
        (4, 4, 15, .critical, .high),
        (5, 5, 20, .critical, .critical),
    ])
    func aStatedScoreThatIsNotTheProduct(likelihood: Exact, impact: Exact, stated: Exact, band: RiskBand, statedBand: RiskBand) throws {
        var b = ModelBuilder()
        b.model.risks = [ModelBuilder.risk("RSK-GS-03", bureau: .gs, likelihood: likelihood, impact: impact, stated: stated)]
        let f = try #require(b.findings(of: .rsk003).first)
        let score = likelihood * impact
        #expect(f.id == Finding.ID(.rsk003, .text("RSK-GS-03")))
        #expect(f.severity == .error && f.bureau == .gs && f.output == nil && f.period == Period.none)
        #expect(f.expected == .amount(score) && f.actual == .amount(stated) && f.delta == .signed(stated - score))
        #expect(f.sourceTexts == ["RR.xlsx!S!I5"])
        #expect(f.causedBy == [])
        #expect(f.message == .riskScore(risk: "RSK-GS-03", likelihood: likelihood, impact: impact, score: score, band: band, stated: stated,
                                        statedBand: statedBand))
    }

    @Test func aStatedScoreThatIsTheProductIsFine() {
        var b = ModelBuilder()
        b.model.risks = [ModelBuilder.risk("RSK-GS-03", likelihood: 4, impact: 3, stated: 12), ModelBuilder.risk("RSK-GS-05", likelihood: 4, impact: 3)]
        #expect(b.findings(of: .rsk003).isEmpty)
    }
}
