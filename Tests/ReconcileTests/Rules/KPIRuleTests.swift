import Foundation
import Testing
@testable import Reconcile
import Results

/// KPI-001 (no baseline: warning; no target: error) and KPI-002 (computed Off track: warning; At
/// risk, or a reported status that differs: info), domain.md a.6 and (d).
@Suite struct KPIRuleTests {
    @Test(arguments: [(Exact(296), nil as Severity?), (Exact(string: "288.6")!, .info), (Exact(279.9), .warning), (Exact(260), .warning)])
    func kpi002StatusBands(actual: Exact, expected: Severity?) {
        // Baseline 265 (2019) → 300 (2023), actual 2022: e = 0.75; r ≥ 0.9 from 288.625, r ≥ 0.6 from 280.75.
        var b = ModelBuilder(withFramework: true)
        let c = ModelBuilder.cell("RF.xlsx", 4, 1)
        b.model.kpis = [KPI(id: "KPI-T.1-1-01", linkedTo: "T.1-1", linkedOutput: OutputCode("T.1-1"), name: "n", unit: "count", direction: .up,
                            baseline: Quantity(value: 265, source: c), baselineYear: 2019, baselineCell: c, target: Quantity(value: 300, source: c),
                            targetYear: 2023, targetCell: c, actuals: [2022: Quantity(value: actual, source: ModelBuilder.cell("RF.xlsx", 4, 10))],
                            reportedStatus: nil, source: c)]
        #expect(b.findings(of: .kpi002).first?.severity == expected)
    }


    /// Baseline 265 (2019) → target 300 (2023) for T.1-1 (TSB), actual in 2022: e = 0.75, line 291.25,
    /// on-track threshold 288.625; r ≥ 0.9 from 288.625, r ≥ 0.6 from 280.75.
    static func t11(actual: Exact?, reported: String? = nil, direction: KPI.Direction? = nil, baseline: Exact = 265) -> ModelBuilder {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["T.1"], outputs: [("T.1-1", .tsb)])
        b.model.kpis = [ModelBuilder.kpi("KPI-T.1-1-01", linkedTo: "T.1-1", baseline: baseline, baselineYear: 2019, target: 300, targetYear: 2023,
                                         actuals: actual.map { [2022: $0] } ?? [:], reported: reported, direction: direction)]
        return b
    }

    struct Band: Sendable, CustomTestStringConvertible {
        var actual: String
        var severity: Severity?
        var status: KPIStatus
        var delta: String
        var testDescription: String { "\(actual): \(status.rawValue)" }
    }

    /// The bands of r at their edges, and moving away from the target.
    @Test(arguments: [
        Band(actual: "288.625", severity: nil, status: .onTrack, delta: ""),                              // r = 0.90 exactly
        Band(actual: "288.6", severity: .info, status: .atRisk, delta: "computed At risk; r = 0.90; progress 67%"),  // r = 0.899
        Band(actual: "280.75", severity: .info, status: .atRisk, delta: "computed At risk; r = 0.60; progress 45%"), // r = 0.60 exactly
        Band(actual: "280.7", severity: .warning, status: .offTrack, delta: "computed Off track; r = 0.60; progress 45%"), // r = 0.598
        Band(actual: "265", severity: .warning, status: .offTrack, delta: "computed Off track; r = 0.00; progress 0%"),
        Band(actual: "260", severity: .warning, status: .offTrack, delta: "computed Off track; progress -14%"),   // moving away: no r
        Band(actual: "300", severity: nil, status: .onTrack, delta: ""),                                  // target met
        Band(actual: "320", severity: nil, status: .onTrack, delta: ""),
    ])
    func theStatusBands(c: Band) throws {
        let actual = dec(c.actual)
        let all = Self.t11(actual: actual).findings(of: .kpi002)
        guard let severity = c.severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.kpi002, .text("KPI-T.1-1-01"), .year(2022)))
        #expect(f.severity == severity && f.bureau == .tsb && f.output == OutputCode("T.1-1") && f.period == .year(2022))
        #expect(f.expected.text == "291.3 (on-track threshold 288.6)" && f.actual == .amount(actual) && f.delta.text == c.delta)
        #expect(f.sourceTexts == ["RF.xlsx!S!J5"])
        #expect(f.causedBy == [])
        #expect(f.message == .kpiStatus(kpi: "KPI-T.1-1-01", name: "name of KPI-T.1-1-01", actual: actual, year: 2022, baseline: 265, baselineYear: 2019,
                                        target: 300, targetYear: 2023, computed: c.status, reported: nil))
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var id: String
        var output: String
        var bureau: Bureau
        var baseline: String, baselineYear: Int, target: String, targetYear: Int, actual: String
        var reported: String?
        var severity: Severity?
        var expected: String
        var delta: String
        var status: KPIStatus
        var testDescription: String { id }
    }

    /// The four fixture KPIs of domain.md (d) KPI-002.
    @Test(arguments: [
        Example(id: "KPI-I.1-1-01", output: "I.1-1", bureau: .gs, baseline: "78", baselineYear: 2020, target: "95", targetYear: 2023, actual: "71",
                reported: "On track", severity: .warning, expected: "89.3 (on-track threshold 88.2)",
                delta: "computed Off track; reported On track; progress -41%", status: .offTrack),
        Example(id: "KPI-R.1-3-01", output: "R.1-3", bureau: .br, baseline: "7.5", baselineYear: 2019, target: "4", targetYear: 2023, actual: "5.4",
                reported: "On track", severity: .info, expected: "4.9 (on-track threshold 5.1)",
                delta: "computed At risk; reported On track; r = 0.80; progress 60%", status: .atRisk),
        Example(id: "KPI-T.2-1-01", output: "T.2-1", bureau: .tsb, baseline: "38", baselineYear: 2019, target: "45", targetYear: 2023, actual: "41.5",
                reported: "At risk", severity: .info, expected: "43.3 (on-track threshold 42.7)",
                delta: "computed At risk; reported At risk; r = 0.67; progress 50%", status: .atRisk),
        Example(id: "KPI-E.3-1-01", output: "E.3-1", bureau: .gs, baseline: "98", baselineYear: 2019, target: "99.5", targetYear: 2023, actual: "99.6",
                reported: "Achieved", severity: nil, expected: "", delta: "", status: .onTrack),
    ])
    func theDomainExamples(c: Example) throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: [OutputCode(c.output).objective], outputs: [(c.output, c.bureau)])
        b.model.kpis = [ModelBuilder.kpi(c.id, linkedTo: c.output, baseline: dec(c.baseline), baselineYear: c.baselineYear, target: dec(c.target),
                                         targetYear: c.targetYear, actuals: [2022: dec(c.actual)], reported: c.reported, row: 7)]
        let all = b.findings(of: .kpi002)
        guard let severity = c.severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)      // At risk and reported otherwise: one finding, not two
        #expect(f.idText == "KPI-002/\(c.id)/2022")
        #expect(f.severity == severity && f.bureau == c.bureau && f.output == OutputCode(c.output) && f.period == .year(2022))
        #expect(f.expected.text == c.expected && f.actual == .amount(dec(c.actual)) && f.delta.text == c.delta)
        #expect(f.texts.actual == c.actual)
        #expect(f.sourceTexts == ["RF.xlsx!S!J7", "RF.xlsx!S!K7"])
        #expect(f.message == .kpiStatus(kpi: c.id, name: "name of \(c.id)", actual: dec(c.actual), year: 2022, baseline: dec(c.baseline),
                                        baselineYear: c.baselineYear, target: dec(c.target), targetYear: c.targetYear, computed: c.status,
                                        reported: c.reported))
    }

    struct Reported: Sendable, CustomTestStringConvertible {
        var actual: Exact
        var reported: String
        var severity: Severity?
        var testDescription: String { "\(actual) reported '\(reported)'" }
    }

    /// Reported statuses compare by meaning; 'Achieved' is On track only once the target is met.
    @Test(arguments: [
        // computed On track, target not met (r = 0.95)
        Reported(actual: 290, reported: "On track", severity: nil),
        Reported(actual: 290, reported: " On   track ", severity: nil),        // trimmed, inner spaces collapsed
        Reported(actual: 290, reported: "Achieved", severity: .info),          // not met yet
        Reported(actual: 290, reported: "At risk", severity: .info),
        Reported(actual: 290, reported: "Off track", severity: .info),
        Reported(actual: 290, reported: "No data", severity: .info),
        Reported(actual: 290, reported: "Not started", severity: .info),
        // computed On track, target met
        Reported(actual: 300, reported: "Achieved", severity: nil),
        Reported(actual: 300, reported: "On track", severity: nil),
        Reported(actual: 300, reported: "Partially achieved", severity: .info),
        Reported(actual: 300, reported: "Not achieved", severity: .info),
        // computed At risk (r = 0.72): info whatever is reported, once
        Reported(actual: 284, reported: "Partially achieved", severity: .info),
        Reported(actual: 284, reported: "At risk", severity: .info),
        Reported(actual: 284, reported: "On track", severity: .info),
        // computed Off track (r = 0.19): a warning whatever is reported
        Reported(actual: 270, reported: "Not achieved", severity: .warning),
        Reported(actual: 270, reported: "On track", severity: .warning),
    ])
    func theReportedStatus(c: Reported) throws {
        let all = Self.t11(actual: c.actual, reported: c.reported).findings(of: .kpi002)
        #expect(all.count == (c.severity == nil ? 0 : 1))
        guard let f = all.first else { return }
        #expect(f.severity == c.severity)
        let typed = c.reported.split(separator: " ").joined(separator: " ")
        #expect(f.delta.text.hasPrefix("computed ") && f.delta.text.contains("; reported \(typed)"))
        #expect(f.sourceTexts == ["RF.xlsx!S!J5", "RF.xlsx!S!K5"])
        guard case .kpiStatus(_, _, _, _, _, _, _, _, _, let reported) = f.message else { Issue.record("not a KPI status: \(f.message)"); return }
        #expect(reported == typed)
    }

    /// A maintain KPI is on track within 2 % of its target (95 ± 1.9), and shows neither r nor progress.
    @Test(arguments: [
        (dec("93.1"), nil as Severity?), (dec("96.9"), nil), (dec("95"), nil),
        (dec("93.09"), .warning), (dec("96.91"), .warning), (dec("80"), .warning),
    ])
    func maintainKPIs(actual: Exact, severity: Severity?) throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["T.1"], outputs: [("T.1-1", .tsb)])
        b.model.kpis = [ModelBuilder.kpi("KPI-T.1-1-02", linkedTo: "T.1-1", baseline: 94, baselineYear: 2019, target: 95, targetYear: 2023,
                                         actuals: [2022: actual], direction: .maintain)]
        let all = b.findings(of: .kpi002)
        guard let severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(f.severity == severity)
        #expect(f.expected.text == "94.8 (on-track threshold 94.7)")
        #expect(f.delta.text == "computed Off track")
    }

    /// The latest year with an actual is evaluated; none without an actual.
    @Test(arguments: [([2021: Exact(300), 2022: 260], [2022]), ([2021: Exact(260), 2022: 300], []), ([:], [])])
    func theLatestActualIsEvaluated(actuals: [Int: Exact], years: [Int]) {
        var b = Self.t11(actual: nil)
        b.model.kpis[0].actuals = actuals.mapValues { Quantity(value: $0, source: ModelBuilder.cell("RF.xlsx", 5, 10)) }
        #expect(b.findings(of: .kpi002).map(\.period) == years.map { Period.year($0) })
    }

    struct Missing: Sendable, CustomTestStringConvertible {
        var baseline: Exact?, baselineYear: Int?, target: Exact?, targetYear: Int?
        var severity: Severity
        var expected: String
        var cell: String
        var testDescription: String { "\(severity) \(expected) at \(cell)" }
    }

    /// KPI-001: a value or a year missing counts as missing; error when the target is, whatever the
    /// baseline; it cites the target cell when the target is missing, else the baseline cell; no
    /// KPI-002 for that KPI.
    @Test(arguments: [
        Missing(baseline: nil, baselineYear: 2019, target: 300, targetYear: 2023, severity: .warning, expected: "baseline value and year", cell: "F6"),
        Missing(baseline: 265, baselineYear: nil, target: 300, targetYear: 2023, severity: .warning, expected: "baseline value and year", cell: "F6"),
        Missing(baseline: 265, baselineYear: 2019, target: nil, targetYear: 2023, severity: .error, expected: "target value and year", cell: "H6"),
        Missing(baseline: 265, baselineYear: 2019, target: 300, targetYear: nil, severity: .error, expected: "target value and year", cell: "H6"),
        Missing(baseline: nil, baselineYear: nil, target: nil, targetYear: nil, severity: .error,
                expected: "baseline value and year and target value and year", cell: "H6"),
    ])
    func aKPIWithoutBaselineOrTarget(c: Missing) throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["D.2"], outputs: [("D.2-2", .bdt)])
        b.model.kpis = [ModelBuilder.kpi("KPI-D.2-2-01", linkedTo: "D.2-2", baseline: c.baseline, baselineYear: c.baselineYear, target: c.target,
                                         targetYear: c.targetYear, actuals: [2022: 0], reported: "On track", row: 6)]
        let findings = b.findings()
        let all = findings.filter { $0.rule == .kpi001 }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.kpi001, .text("KPI-D.2-2-01")))
        #expect(f.severity == c.severity && f.bureau == .bdt && f.output == OutputCode("D.2-2") && f.period == Period.none)
        #expect(f.expected.text == c.expected && f.actual == .term(.blank) && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["RF.xlsx!S!\(c.cell)"])
        #expect(f.causedBy == [])
        #expect(f.message == .kpiIncomplete(kpi: "KPI-D.2-2-01", name: "name of KPI-D.2-2-01",
                                            baseline: KPIGap(valueMissing: c.baseline == nil, yearMissing: c.baselineYear == nil),
                                            target: KPIGap(valueMissing: c.target == nil, yearMissing: c.targetYear == nil)))
        #expect(!findings.contains { $0.rule == .kpi002 })
    }

    /// A KPI linked to something other than an output: no bureau, the code as typed.
    @Test func aKPILinkedToAnObjective() throws {
        var b = ModelBuilder(withFramework: true)
        b.framework(objectives: ["D.2"], outputs: [("D.2-2", .bdt)])
        b.model.kpis = [ModelBuilder.kpi("KPI-D.2-01", linkedTo: "D.2", baseline: 1, baselineYear: 2019, target: nil, targetYear: 2023)]
        let f = try #require(b.findings(of: .kpi001).first)
        #expect(f.bureau == nil && f.output == OutputCode("D.2"))
    }

    /// The message names exactly what is missing: value, year, or both (domain.md (d) KPI-001). Three
    /// KPIs with the same id and name, missing the target's value, its year, or both.
    @Test func theMessageNamesWhetherTheValueOrTheYearIsMissing() throws {
        var b = ModelBuilder(withFramework: true)
        b.model.kpis = [ModelBuilder.kpi("KPI-1", linkedTo: "T.1-1", baseline: 1, baselineYear: 2019, target: nil, targetYear: 2023, row: 5),
                        ModelBuilder.kpi("KPI-1", linkedTo: "T.1-1", baseline: 1, baselineYear: 2019, target: 5, targetYear: nil, row: 6),
                        ModelBuilder.kpi("KPI-1", linkedTo: "T.1-1", baseline: 1, baselineYear: 2019, target: nil, targetYear: nil, row: 7)]
        let f = b.findings(of: .kpi001)
        #expect(f.map(\.idText) == ["KPI-001/KPI-1", "KPI-001/KPI-1#2", "KPI-001/KPI-1#3"])
        #expect(f.map(\.message) == [.kpiIncomplete(kpi: "KPI-1", name: "name of KPI-1", baseline: nil, target: .value),
                                      .kpiIncomplete(kpi: "KPI-1", name: "name of KPI-1", baseline: nil, target: .year),
                                      .kpiIncomplete(kpi: "KPI-1", name: "name of KPI-1", baseline: nil, target: .both)])
    }
}
