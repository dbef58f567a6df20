import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// The consolidated workbook opens in openpyxl (an independent reader) with every sheet and value.
@Suite struct ConsolidatedWorkbookInteropTests {
    /// Prints, as JSON, the sheet names and for each sheet its row count and the first data row.
    static let script = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "rows": {}, "first": {}, "freeze": {}, "formats": {}}
    for ws in wb.worksheets:
        rows = [r for r in ws.iter_rows(values_only=True)]
        out["rows"][ws.title] = len(rows)
        out["first"][ws.title] = [("" if v is None else str(v)) for v in rows[1]] if len(rows) > 1 else []
        out["freeze"][ws.title] = ws.freeze_panes
    ws = wb["Financial plan"]
    out["formats"]["F2"] = ws["F2"].number_format
    out["subject"] = wb.properties.subject
    out["company"] = None
    print(json.dumps(out))
    """

    @Test(.enabled(if: OpenXMLAudit.executable != nil, "no .venv/bin/openxml-audit (make test installs it)"))
    func theConsolidatedWorkbookAndItsLogSheetOpenCleanlyInExcelByTheSDKsRules() throws {
        let work = Fixtures.temporaryDirectory("rbm-audit")
        defer { try? FileManager.default.removeItem(at: work) }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        _ = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                        output: work.appendingPathComponent("out").path)).run()
        let verdict = try #require(try OpenXMLAudit.audit(work.appendingPathComponent("out/consolidated.xlsx").path))
        #expect(verdict.prediction == "opens-clean" && verdict.errors.isEmpty && verdict.warnings.isEmpty, "\(verdict)")
    }

    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"))
    func openpyxlReadsEverySheetAndValue() throws {
        let python = try #require(Fixtures.python)
        let work = Fixtures.temporaryDirectory("rbm-interop")
        defer { try? FileManager.default.removeItem(at: work) }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"),
                                                 inbox: work.appendingPathComponent("inbox").path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let result = try Subprocess.run(python, ["-c", Self.script, work.appendingPathComponent("out/consolidated.xlsx").path])
        #expect(result.status == 0, "\(result.errors)")
        let data = result.output
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["Summary", "Discrepancies", "Operational plans", "Financial plan", "Outputs", "Objectives", "KPIs", "Risks", "Row accounting"])
        let rows = try #require(json["rows"] as? [String: Int])
        #expect(rows["Discrepancies"] == 1 + report.findings.count)
        #expect(rows["Operational plans"] == 1 + report.model.allocations.count)
        #expect(rows["Financial plan"] == 1 + report.model.budgetLines.count)
        #expect(rows["Risks"] == 1 + report.model.risks.count)
        let first = try #require(json["first"] as? [String: [String]])
        #expect(first["Discrepancies"]?.first == report.findings.first?.id.description)
        // FP row 5: BR R.1-1 Staff RB 4 210 000 / 4 385 000.
        #expect(first["Financial plan"]?.prefix(7) == ["BR", "R.1-1", "WRC-23 preparation and Final Acts", "STAFF", "RB", "4210000", "4385000"])
        #expect((json["freeze"] as? [String: Any])?["Discrepancies"] as? String == "A2")
        #expect((json["formats"] as? [String: String])?["F2"] == "#,##0")
        #expect(json["subject"] as? String == "Financial plan, operational plans, results framework and risk register, reconciled")
    }
}

/// LibreOffice opens the consolidated workbook like a reviewer would (`make interop`).
@Suite(.enabled(if: LibreOffice.isEnabled, "interop check skipped: set RBM_INTEROP=1 and install soffice"))
struct ConsolidatedWorkbookLibreOfficeTests {
    @Test func libreOfficeConvertsTheConsolidatedWorkbookToPDFAndCSV() throws {
        let work = LibreOffice.folder.appendingPathComponent("consolidated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"),
                                                 inbox: work.appendingPathComponent("inbox").path, output: work.appendingPathComponent("out").path)).run()
        let workbook = work.appendingPathComponent("out/consolidated.xlsx").path
        for format in ["pdf", "csv"] {
            let (status, output) = try LibreOffice.soffice(["--convert-to", format, "--outdir", work.path, workbook])
            #expect(status == 0, "\(output)")
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("consolidated.\(format)").path), "\(output)")
        }
        // The CSV is the first sheet (Summary): its bureau rows carry the totals FIN-004 compared.
        let csv = try String(contentsOf: work.appendingPathComponent("consolidated.csv"), encoding: .utf8)
        #expect(csv.contains("ITU 2022-2023 consolidation"))
        #expect(report.findings.count == 43)
        #expect(csv.contains("16850000") || csv.contains("16,850,000"))
    }
}
