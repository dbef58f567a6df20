import Foundation
import Testing
import TestSupport
@testable import Pipeline
import Results

/// The layout-variants scenario (other headers, languages, column orders, title blocks, units,
/// header rows, extra sheets; partly saved by LibreOffice) gives the same results model as the demo.
@Suite struct LayoutVariantsTests {
    @Test(arguments: ["itu-2022-2023", "missing-bdt", "layout-variants"])
    func everySheetOfEveryScenarioBalancesItsRows(scenario: String) throws {
        let (model, _) = try Self.model(scenario)
        let sheets = model.submissions.flatMap(\.sheets)
        #expect(!sheets.isEmpty)
        for sheet in sheets {
            #expect(sheet.read == sheet.loaded + sheet.skipped + sheet.rejected, "\(scenario) \(sheet.sheet)")
        }
    }

    static func model(_ scenario: String) throws -> (ResultsModel, [Finding]) {
        let work = Fixtures.temporaryDirectory("rbm-\(scenario)")
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"),
                                                 inbox: Fixtures.path("fixtures/scenarios/\(scenario)/inbox"),
                                                 output: work.appendingPathComponent("out").path, keepInputs: true)).run()
        return (report.model, report.findings)
    }

    /// Everything a record says, without where it was read (cells, files) or the unit it was typed in.
    static func describe(_ m: ResultsModel) -> [String: [String]] {
        func money(_ a: Amount?) -> String { a.map { $0.chf.plainText } ?? "-" }
        func cost(_ c: YearCost?) -> String { c.map { "\(money($0.total))/\(money($0.staff))/\(money($0.nonStaff))" } ?? "-" }
        func q(_ x: Quantity?) -> String { x.map { $0.value.plainText } ?? "-" }
        return [
            "allocations": m.allocations.map { a in
                [a.bureau.rawValue, a.output.text, a.statedObjective?.text ?? "-", a.title, cost(a.years[2022]), cost(a.years[2023]),
                 money(a.biennium), q(a.fte), a.priority?.rawValue ?? "-", a.funding.code, a.notes?.text ?? "-"].joined(separator: "|")
            }.sorted(),
            "budgetLines": m.budgetLines.map { l in
                [l.bureau?.rawValue ?? "-", l.output.text, l.statedObjective?.text ?? "-", l.title, l.category?.code ?? "-", l.funding.code,
                 money(l.years[2022]), money(l.years[2023]), money(l.biennium), l.notes?.text ?? "-"].joined(separator: "|")
            }.sorted(),
            "summary": m.sectorSummary.map { "\($0.bureau)|\(money($0.years[2022]))|\(money($0.years[2023]))|\(money($0.biennium))" }.sorted(),
            "envelope": [m.envelope?.amount.plainText ?? "-"],
            "goals": m.goals.map { "\($0.code)|\($0.shortName)|\($0.title)" }.sorted(),
            "targets": m.targets.map { "\($0.code)|\($0.goal)|\($0.unit)|\($0.baseline?.plainText ?? "-")|\($0.target?.plainText ?? "-")" }.sorted(),
            "objectives": m.objectives.map { "\($0.code)|\($0.bureau?.rawValue ?? "-")|\($0.kind)|\($0.goalTokens)" }.sorted(),
            "outputs": m.outputs.map { "\($0.code)|\($0.objective)|\($0.bureau?.rawValue ?? "-")|\($0.title)|\($0.isCostRecovery)" }.sorted(),
            "crosswalk": m.crosswalk.map { "\($0.oldCode)|\($0.newCode ?? "-")" }.sorted(),
            "kpis": m.kpis.map { k in
                "\(k.id)|\(k.linkedTo)|\(k.unit)|\(k.direction?.rawValue ?? "-")|\(q(k.baseline))|\(k.baselineYear ?? 0)|\(q(k.target))|\(k.targetYear ?? 0)|\(q(k.actuals[2022]))|\(k.reportedStatus?.text ?? "-")"
            }.sorted(),
            "risks": m.risks.map { r in
                "\(r.id)|\(r.bureau?.rawValue ?? "-")|\(r.category)|\(r.linkedObjective?.text ?? "-")|\(r.linkedOutput?.text ?? "-")|\(q(r.likelihood))|\(q(r.impact))|\(q(r.statedScore))|\(r.mitigation.text)"
            }.sorted(),
            "totals": m.statedTotals.map { t in
                "\(t.workbook)|\(t.measure)|\(t.stated.plainText)|\(t.components.map { $0.value.plainText }.joined(separator: "+"))"
            }.sorted(),
            "duplicates": m.duplicates.map { "\($0.workbook)|\($0.key)|\($0.identical)" }.sorted(),
            "submissions": m.submissions.map { "\($0.kind.rawValue)|\($0.bureau?.rawValue ?? "-")" }.sorted(),
        ]
    }

    @Test func theVariantsGiveTheDemosModel() throws {
        let (demo, demoFindings) = try Self.model("itu-2022-2023")
        let (variants, variantFindings) = try Self.model("layout-variants")
        let a = Self.describe(demo), b = Self.describe(variants)
        for key in a.keys.sorted() {
            #expect(a[key] == b[key], "\(key) differs")
        }
        // The same findings by rule and severity (cells, ids of cell-level findings and FIN-007's unit differ).
        let count = { (f: [Finding]) in Dictionary(grouping: f, by: { "\($0.rule.rawValue)/\($0.severity.rawValue)" }).mapValues(\.count) }
        #expect(count(demoFindings) == count(variantFindings))
    }
}
