import Foundation
import Testing
import TestSupport
@testable import Pipeline
import XLSXReader

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
    out["formats"]["H2"] = ws["H2"].number_format
    out["subject"] = wb.properties.subject
    out["creator"] = wb.properties.creator
    out["created"] = wb.properties.created.isoformat()
    out["modified"] = wb.properties.modified.isoformat()
    out["print"] = {ws.title: {"paper": ws.page_setup.paperSize, "orientation": ws.page_setup.orientation,
                               "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                               "fitToWidth": ws.page_setup.fitToWidth, "fitToHeight": ws.page_setup.fitToHeight,
                               "titles": ws.print_title_rows, "header": ws.oddHeader.left.text, "sheetName": ws.oddHeader.right.text,
                               "footer": ws.oddFooter.left.text, "pages": ws.oddFooter.right.text} for ws in wb.worksheets}
    summary = wb["Summary"]
    out["countifs"] = {str(row[0].value): [c.value for c in row[2:6]] for row in summary.iter_rows()
                       if isinstance(row[2].value, str) and row[2].value.startswith("=COUNTIFS")}
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
        let newest = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path).compactMap { name in
            try FileManager.default.attributesOfItem(atPath: work.appendingPathComponent("inbox/\(name)").path)[.modificationDate] as? Date
        }.max()
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"),
                                                 inbox: work.appendingPathComponent("inbox").path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let result = try Subprocess.run(python, ["-c", Self.script, work.appendingPathComponent("out/consolidated.xlsx").path])
        #expect(result.status == 0, "\(result.errors)")
        let data = result.output
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["Summary", "Discrepancies", "Results chain", "Operational plans", "Financial plan", "FP summary", "Goals", "Targets",
                                                "Objectives", "Outputs", "Crosswalk", "KPIs", "Risks", "Stated totals", "Rejected rows", "Submissions", "Row accounting"])
        let rows = try #require(json["rows"] as? [String: Int])
        #expect(rows["Discrepancies"] == 1 + report.findings.count)
        #expect(rows["Operational plans"] == 1 + report.model.allocations.count)
        #expect(rows["Financial plan"] == 1 + report.model.budgetLines.count)
        #expect(rows["Risks"] == 1 + report.model.risks.count)
        let first = try #require(json["first"] as? [String: [String]])
        #expect(first["Discrepancies"]?.first == report.findings.first?.id.description)
        // FP row 5: BR R.1-1 Staff RB 4 210 000 / 4 385 000.
        #expect(first["Financial plan"]?.prefix(9) == ["BR", "BR", "R.1", "R.1-1", "WRC-23 preparation and Final Acts", "STAFF", "RB", "4210000", "4385000"])
        #expect((json["freeze"] as? [String: Any])?["Discrepancies"] as? String == "A2")
        #expect((json["formats"] as? [String: String])?["H2"] == "#,##0")
        #expect(json["subject"] as? String == "Financial plan, operational plans, results framework and risk register, reconciled")

        // Document properties: rbm, dated by the newest input (to the second), not 2000-01-01.
        let stamp = newest.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down))) }
        #expect(json["creator"] as? String == "rbm")
        #expect((json["created"] as? String).map { $0 + "Z" } == stamp && (json["modified"] as? String).map { $0 + "Z" } == stamp)

        // Print setup: every sheet A4 with the title, the run date and page x of y; the Summary on
        // one page (fit 1 × 1), the tables one page wide with their header row on every page.
        let print = try #require(json["print"] as? [String: [String: Any]])
        #expect(print.count == 17)
        for (sheet, setup) in print {
            #expect(setup["paper"] as? Int == 9, "\(sheet)")
            #expect(setup["fitToPage"] as? Bool == true, "\(sheet)")
            #expect(setup["header"] as? String == "ITU 2022-2023 consolidation" && setup["sheetName"] as? String == "&A", "\(sheet)")
            #expect((setup["footer"] as? String)?.hasPrefix("rbm \(BatchRun.version) · inputs as of ") == true, "\(sheet)")
            #expect(setup["pages"] as? String == "Page &P of &N", "\(sheet)")
            if sheet == "Summary" {
                // Both absent: 1 page wide and 1 page tall, the schema's defaults (as Excel writes them).
                #expect(setup["fitToHeight"] is NSNull && setup["fitToWidth"] is NSNull && setup["titles"] is NSNull && setup["orientation"] is NSNull)
            } else {
                #expect(setup["fitToHeight"] as? Int == 0 && setup["orientation"] as? String == "landscape" && setup["titles"] as? String == "$1:$1", "\(sheet)")
            }
        }
        // Findings by bureau and severity are live formulas over the log.
        let counts = try #require(json["countifs"] as? [String: [Any]])
        let last = report.findings.count + 1
        #expect(counts["TSB"]?.first as? String == "=COUNTIFS(Discrepancies!$D$2:$D$\(last),$A\(try #require(Self.row(of: "TSB", in: json))),Discrepancies!$C$2:$C$\(last),\"error\")")
        #expect(counts.keys.contains("FIN-004") && counts.keys.contains("BR"))
    }
}

extension ConsolidatedWorkbookInteropTests {
    /// The Summary row whose first cell is `label` among the COUNTIFS rows (from the formula's `$A<row>`).
    static func row(of label: String, in json: [String: Any]) -> Int? {
        guard let formula = (json["countifs"] as? [String: [Any]])?[label]?.first as? String,
              let range = formula.range(of: #",\$A(\d+),"#, options: .regularExpression) else { return nil }
        return Int(formula[range].dropFirst(3).dropLast())
    }
}

/// Issue 15: nothing a bureau sent disappears; issue 13: the same inputs give the same bytes.
@Suite struct ConsolidatedWorkbookRejectedRowsTests {
    /// A conflicting duplicate (GS row 11 now differs from row 10: DAT-001 error, rejected) and a
    /// lost value (BR E6 `<v/>`: DAT-002) are listed with their cells and findings.
    @Test func rejectedRowsAreListedWithTheirCellsAndTheFindingThatRejectedThem() throws {
        let work = Fixtures.temporaryDirectory("rbm-rejected")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try WorkbookEdit.replace(#"<c r="E11" s="2"><v>3400</v>"#, with: #"<c r="E11" s="2"><v>3900</v>"#,
                                 in: "xl/worksheets/sheet1.xml", of: inbox.appendingPathComponent("OP_GS_2022-2025_v2.xlsx").path)
        try WorkbookEdit.replace(#"<c r="E6" s="2"><v>1240000</v>"#, with: #"<c r="E6" s="2"><v/>"#,
                                 in: "xl/worksheets/sheet1.xml", of: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx").path)
        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path, keepInputs: true)).run()
        #expect(report.findings.contains { $0.id.description == "DAT-001/OP-GS/E.2-1/RB" && $0.severity == .error })
        #expect(report.model.rejectedRows.map { "\($0.file)!\($0.sheet)!\($0.row) \($0.finding?.description ?? "-")" }.sorted() == [
            "OP_BR_2022-2025_v2.xlsx!Operational plan!6 DAT-002/OP-BR/Operational plan!6",
            "OP_GS_2022-2025_v2.xlsx!GS OpPlan!11 DAT-001/OP-GS/E.2-1/RB",
        ])

        // The project's reader.
        let path = work.appendingPathComponent("out/consolidated.xlsx").path
        let book = try Workbook(path: path)
        let rows = try book.grid(for: try #require(book.sheet(named: "Rejected rows"))).rows
        #expect(rows.map { $0.cells.prefix(4).map(\.text) } == [
            ["File", "Sheet", "Row", "Finding"],
            ["OP_BR_2022-2025_v2.xlsx", "Operational plan", "6", "DAT-002/OP-BR/Operational plan!6"],
            ["OP_GS_2022-2025_v2.xlsx", "GS OpPlan", "11", "DAT-001/OP-GS/E.2-1/RB"],
        ])
        let gs = try #require(rows[2][6]?.text)
        #expect(gs.contains("[B]: E.2-1") && gs.contains("[E]: 3900") && gs.contains("[G]: 3500"), "\(gs)")
        #expect(rows[2][5]?.text == "conflicts with row 10, which has the same key E.2-1/RB")

        // openpyxl sees the same, and the finding links to its row of the log.
        guard let python = Fixtures.python else { print("skipped: no .venv/bin/python (make test creates it)"); return }
        let script = """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])["Rejected rows"]
        print(json.dumps([[("" if c.value is None else str(c.value)) for c in row] + [row[3].hyperlink.location if row[3].hyperlink else ""]
                          for row in ws.iter_rows(min_row=2)]))
        """
        let result = try Subprocess.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.errors)")
        let read = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
        let logRow = try #require(report.findings.firstIndex { $0.id.description == "DAT-001/OP-GS/E.2-1/RB" }) + 2
        #expect(read.count == 2 && read[1].prefix(4) == ["OP_GS_2022-2025_v2.xlsx", "GS OpPlan", "11", "DAT-001/OP-GS/E.2-1/RB"])
        #expect(read[1].last == "Discrepancies!A\(logRow)")
        #expect(read[1][5].contains("[E]: 3900"))
    }

    @Test func theSameInputsGiveAByteIdenticalWorkbookTwice() throws {
        var outputs: [Data] = []
        for _ in 0..<2 {
            let work = Fixtures.temporaryDirectory("rbm-twice")
            defer { try? FileManager.default.removeItem(at: work) }
            try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
            _ = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: work.appendingPathComponent("inbox").path,
                                            output: work.appendingPathComponent("out").path)).run()
            outputs.append(try #require(FileManager.default.contents(atPath: work.appendingPathComponent("out/consolidated.xlsx").path)))
        }
        #expect(outputs[0] == outputs[1])
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
        // LibreOffice writes the CSV in the system's 8-bit encoding (the Summary holds `·` and `±`).
        let csv = String(decoding: try Data(contentsOf: work.appendingPathComponent("consolidated.csv")), as: UTF8.self)
        #expect(csv.contains("ITU 2022-2023 consolidation"))
        #expect(report.findings.count == 43)
        #expect(csv.contains("16850000") || csv.contains("16,850,000"))

        // The PDF as printed: each page's header names its sheet (`&A`).
        let pdf = work.appendingPathComponent("consolidated.pdf").path
        let pages = try Self.pages(of: pdf)
        func sheet(of page: String) -> String {
            page.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { line in
                String(line.trimmingCharacters(in: .whitespaces).dropFirst("ITU 2022-2023 consolidation".count)).trimmingCharacters(in: .whitespaces)
            } ?? ""
        }
        // The Summary prints on one page, whole: its last table's last rule is there.
        let summary = pages.filter { sheet(of: $0) == "Summary" }
        #expect(summary.count == 1, "\(pages.map(sheet(of:)))")
        #expect(summary.first.map { $0.contains("Findings by rule") && $0.contains("RSK-003") && $0.contains("caused by FIN-007/T.4-1/2023") } == true)
        #expect(summary.first?.contains("Page 1 of \(pages.count)") == true)
        // No id is cut or broken in the Discrepancies sheet: each appears whole on its line.
        let log = pages.filter { sheet(of: $0) == "Discrepancies" }.joined(separator: "\n")
        #expect(!log.isEmpty)
        let lines = log.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        for finding in report.findings {
            let id = finding.id.description
            #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) is not whole at the start of a line of the printed Discrepancies sheet")
        }
    }

    /// Each page's text as `pdftotext -layout` gives it (pages are separated by form feeds).
    static func pages(of pdf: String) throws -> [String] {
        let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tool = try #require(pdftotext, "pdftotext is missing (poppler-utils; make interop installs it)")
        let result = try Subprocess.run(tool, ["-layout", pdf, "-"])
        #expect(result.status == 0, "\(result.errors)")
        return result.text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
