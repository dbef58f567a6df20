import Foundation
@testable import Pipeline
import Results
import TestSupport
import Testing

/// Two clauses of issue 15 end to end, on the demo's workbooks edited in their XML, with the oracle
/// (fixtures/oracle/compute_oracle.py) computing the same findings independently:
/// - BR's E6 holds its 2022 amount as the text `1 240 000` and the stated total E11 is the sum
///   without it (what the spreadsheet's SUM gives): FIN-005 on E11 names E6 and cites it;
/// - the financial plan's RB line of row 6 (R.1-1, non-staff) has the note `Partly financed by a
///   voluntary contribution` in J6: FIN-010 for 2022 and 2023, citing J6 then the funding cell F6.
@Suite struct TextCellAndNoteRunTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")

    /// The demo's inbox with the three edits, under `root/fixtures/scenarios/edited/inbox` (the
    /// oracle's layout).
    static func editedInbox(root: URL) throws -> URL {
        let inbox = root.appendingPathComponent("fixtures/scenarios/edited/inbox")
        try FileManager.default.createDirectory(at: inbox.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let br = inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx").path
        try WorkbookEdit.replace(#"<c r="E6" s="2"><v>1240000</v></c>"#, with: #"<c r="E6" s="2" t="inlineStr"><is><t>1 240 000</t></is></c>"#,
                                 in: "xl/worksheets/sheet1.xml", of: br)
        try WorkbookEdit.replace(#"<c r="E11" s="2"><v>18045000</v></c>"#, with: #"<c r="E11" s="2"><v>16805000</v></c>"#,
                                 in: "xl/worksheets/sheet1.xml", of: br)
        try WorkbookEdit.replace(#"<c r="J6" t="s"><v>19</v></c>"#,
                                 with: #"<c r="J6" t="inlineStr"><is><t>Partly financed by a voluntary contribution</t></is></c>"#,
                                 in: "xl/worksheets/sheet1.xml", of: inbox.appendingPathComponent("FP_ITU_2022-2023_v3.xlsx").path)
        return inbox
    }

    static func run(root: URL) throws -> BatchRun.Report {
        let inbox = try editedInbox(root: root)
        return try BatchRun(options: .init(pipelinePath: pipeline, inbox: inbox.path, output: root.appendingPathComponent("out").path,
                                           keepInputs: true)).run()
    }

    @Test func aTotalShortByATextCellNamesItAndAnFPNoteIsAFIN010() throws {
        let root = Fixtures.temporaryDirectory("rbm-text-note")
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Self.run(root: root)

        let total = try #require(report.findings.first { $0.id.description == "FIN-005/OP-BR/Operational plan!E11" })
        #expect(total.expected == .amount(18_045_000) && total.actual == .amount(16_805_000))
        #expect(total.sources.map(\.description) == ["OP_BR_2022-2025_v2.xlsx!Operational plan!E11", "OP_BR_2022-2025_v2.xlsx!Operational plan!E6"])
        #expect(total.message.english == "'Total BR', 2022: stated CHF 16 805 000, rows 5-9 sum to CHF 18 045 000 "
                + "(Δ −1 240 000; E6 holds 1 240 000 as text, which the spreadsheet's SUM skips).")
        // The demo's F11 and G11 are short for another reason: no clause.
        let f11 = try #require(report.findings.first { $0.id.description == "FIN-005/OP-BR/Operational plan!F11" })
        #expect(f11.sources.count == 1 && !f11.message.english.contains("as text"))

        let notes = report.findings.filter { $0.rule == .fin010 && $0.output == OutputCode("R.1-1") }
        #expect(notes.map(\.id.description) == ["FIN-010/R.1-1/2022", "FIN-010/R.1-1/2023"])
        #expect(notes.map(\.delta) == [.amount(1_120_000), .amount(2_640_000)])
        #expect(notes.allSatisfy { $0.bureau == .br && $0.severity == .error && $0.expected == .code("XB") && $0.actual == .code("RB") })
        #expect(notes.first?.sources.map(\.description) == ["FP_ITU_2022-2023_v3.xlsx!Budget by output!J6", "FP_ITU_2022-2023_v3.xlsx!Budget by output!F6"])
        #expect(report.findings.count == 43 + 3)
    }

    /// The oracle, reading the same workbooks with openpyxl, gives the same log on every column but
    /// `message` (so rbm and the oracle agree on the new clauses' ids, values and sources).
    @Test func theOracleAgreesOnEveryColumnButTheMessage() throws {
        guard let python = Fixtures.python else { print("skipped: no .venv/bin/python (make test creates it)"); return }
        let root = Fixtures.temporaryDirectory("rbm-text-note-oracle")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.run(root: root)
        let oracle = try Subprocess.run(python, [Fixtures.path("fixtures/oracle/compute_oracle.py"), "--root", root.path, "edited"])
        #expect(oracle.status == 0, "\(oracle.errors)")
        let expected = try DemoScenarioTests.readCSV(root.appendingPathComponent("fixtures/scenarios/edited/expected/findings.csv").path)
        let actual = try DemoScenarioTests.readCSV(root.appendingPathComponent("out/discrepancies.csv").path)
        #expect(actual.map { $0["id"] ?? "" } == expected.map { $0["id"] ?? "" })
        for (a, e) in zip(actual, expected) {
            for column in ["id", "rule", "severity", "bureau", "output", "period", "expected", "actual", "delta", "sources", "caused_by"] {
                #expect(a[column] == e[column], "\(e["id"] ?? "?") column \(column)")
            }
        }
        #expect(expected.contains { $0["id"] == "FIN-005/OP-BR/Operational plan!E11" })
    }
}
