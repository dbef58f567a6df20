import Foundation
import Testing
import TestSupport
@testable import Pipeline
import Reports
import Results
import XLSXReader
import XLSXWriter

/// Runs the demo pipeline on copies of both scenarios and compares with their oracles.
@Suite(.serialized) struct DemoScenarioTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")

    /// Parses an oracle CSV (no field of the demo needs quoting, but quoted fields are handled).
    static func readCSV(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = []
        var field = "", row: [String] = [], quoted = false
        var it = Array(text).makeIterator()
        while let ch = it.next() {
            if quoted {
                if ch == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\n" { row.append(field); rows.append(row); row = []; field = "" } else { field.append(next) }
                        }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true }
            else if ch == "," { row.append(field); field = "" }
            else if ch == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(ch) }
        }
        let header = rows.removeFirst()
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func run(_ scenario: String) throws -> (BatchRun.Report, URL) {
        let work = Fixtures.temporaryDirectory("rbm-\(scenario)")
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/\(scenario)/inbox"), toPath: inbox.path)
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        return (report, work)
    }

    @Test(arguments: ["itu-2022-2023", "missing-bdt"])
    func findingsEqualTheOracleExceptMessages(scenario: String) throws {
        let (report, work) = try run(scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let expected = try Self.readCSV(Fixtures.path("fixtures/scenarios/\(scenario)/expected/findings.csv"))
        let actual = try Self.readCSV(work.appendingPathComponent("out/discrepancies.csv").path)
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) {
            for column in ["id", "rule", "severity", "bureau", "output", "period", "expected", "actual", "delta", "sources", "caused_by"] {
                #expect(a[column] == e[column], "\(e["id"] ?? "?") column \(column)")
            }
        }
        #expect(report.findings.allSatisfy { !$0.message.english.isEmpty })
        // rbm's own words in expected, actual and delta are typed terms, so each report words them
        // in its language; only a rejected row's cell and what its column expects stay as read.
        for finding in report.findings where finding.rule != .dat002 {
            for value in [finding.expected, finding.actual, finding.delta] {
                if case .words(let words) = value { Issue.record("\(finding.id): '\(words)' is not typed") }
            }
        }
    }

    @Test func everyRowIsAccountedForAsDomainGivesIt() throws {
        let (report, work) = try run("itu-2022-2023")
        defer { try? FileManager.default.removeItem(at: work) }
        let sheets = report.manifest.inputs.flatMap(\.sheets)
        #expect(sheets.allSatisfy { $0.balances })
        let table: [String: (Int, Int, Int, Int)] = [
            "Goals": (5, 5, 0, 0), "Targets": (11, 11, 0, 0), "Objectives": (17, 17, 0, 0), "Outputs": (19, 19, 0, 0),
            "KPIs": (7, 7, 0, 0), "Crosswalk 2016-2019": (3, 3, 0, 0), "Budget by output": (26, 25, 1, 0),
            "Summary by Sector": (5, 4, 1, 0), "Operational plan": (6, 5, 1, 0), "Plan opérationnel": (6, 5, 1, 0),
            "OpPlan_BDT": (7, 6, 1, 0), "GS OpPlan": (8, 5, 3, 0), "Risk register": (8, 8, 0, 0),
        ]
        #expect(sheets.count == table.count)
        for sheet in sheets {
            let want = try #require(table[sheet.sheet], "unexpected sheet \(sheet.sheet)")
            #expect((sheet.read, sheet.loaded, sheet.skipped, sheet.rejected) == want, "\(sheet.sheet)")
        }
        #expect(sheets.first { $0.sheet == "GS OpPlan" }?.headerRow == "4-5")
        #expect(report.model.notes.contains { $0.kind == .codeTypedAsNumber && $0.source?.description == "RF_ITU_SP2020-2023_v2.xlsx!Targets!A7" })
    }

    @Test func aWorkbookForAnotherPlanPeriodIsQuarantinedAndSupersedesNothing() throws {
        let work = Fixtures.temporaryDirectory("rbm-period")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        // BR's plan for the next period, named so that it sorts after BR's current one.
        let book = try WorkbookWriter(path: inbox.appendingPathComponent("OP_BR_2024-2027_v1.xlsx").path)
        let sheet = try book.addSheet("Operational plan")
        try sheet.writeRow(["ITU Radiocommunication Bureau (BR)"])
        try sheet.writeRow(["Operational Plan 2024-2027 — resource requirements 2024-2025 (CHF)"])
        try sheet.writeRow([])
        try sheet.writeRow(["Output ID", "Output", "Objective", "Main activities", "Planned cost 2024 (CHF)", "Planned cost 2025 (CHF)",
                            "Total 2024-2025", "FTE", "Priority", "Funding"])
        try sheet.writeRow(["R.1-1", "WRC-27 preparation", "R.1", "CPM-27", 5_400_000, 7_100_000, 12_500_000, 30, "High", "RB"])
        try book.close()

        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        let fates = Dictionary(uniqueKeysWithValues: report.manifest.inputs.map { ($0.file, $0) })
        let refused = try #require(fates["OP_BR_2024-2027_v1.xlsx"])
        #expect(refused.fate == .quarantined)
        #expect(refused.reason == "wrong-period: OP_BR_2024-2027_v1.xlsx!Operational plan: its amount columns are for 2024, 2025, none in the plan's biennium 2022-2023; the workbook belongs to another plan period")
        #expect(fates["OP_BR_2022-2025_v2.xlsx"]?.fate == .archived)
        #expect(report.findings.count == 43)
        #expect(Filed.names(in: work.appendingPathComponent("quarantine")).contains("OP_BR_2024-2027_v1.xlsx.reason.txt"))
    }

    @Test func theManifestGivesEachInputsHashAndSizeAsSha256sumDoes() throws {
        let (report, work) = try run("itu-2022-2023")
        defer { try? FileManager.default.removeItem(at: work) }
        let source = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")
        let lines = try Subprocess.run("/usr/bin/sha256sum", try FileManager.default.contentsOfDirectory(atPath: source).sorted(),
                                       directory: URL(fileURLWithPath: source)).text.split(separator: "\n")
        let expected = Dictionary(uniqueKeysWithValues: lines.map { line in
            (String(line.dropFirst(66)), String(line.prefix(64)))
        })
        #expect(expected.count == 7)
        for input in report.manifest.inputs {
            #expect(input.sha256 == expected[input.file], "\(input.file)")
            let size = try FileManager.default.attributesOfItem(atPath: source + "/" + input.file)[.size] as? Int
            #expect(input.size == size, "\(input.file)")
        }
    }

    @Test func anXLSXWorkbookNamedXLSIsReadAndTheMismatchNoted() throws {
        let work = Fixtures.temporaryDirectory("rbm-xls")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try FileManager.default.moveItem(at: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx"), to: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xls"))
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        #expect(report.manifest.inputs.first { $0.file == "OP_BR_2022-2025_v2.xls" }?.fate == .archived)
        #expect(report.model.notes.contains { $0.kind == .fileExtension && $0.source == SourceRef(file: "OP_BR_2022-2025_v2.xls") })
        #expect(report.manifest.notes.contains("info: OP_BR_2022-2025_v2.xls: an Office Open XML workbook named .xls; read as .xlsx"))
        #expect(report.findings.count == 43)
    }

    @Test func theSameContentUnderTwoNamesIsNoted() throws {
        let work = Fixtures.temporaryDirectory("rbm-dup")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try FileManager.default.copyItem(at: inbox.appendingPathComponent("RR_ITU_2022-2023_v1.xlsx"),
                                         to: inbox.appendingPathComponent("RR_ITU_2022-2023_v1 (1).xlsx"))
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        let duplicate = try #require(report.model.notes.first { $0.kind == .duplicateContent })
        #expect(duplicate.source == SourceRef(file: "inbox"))
        #expect(duplicate.text.contains("'RR_ITU_2022-2023_v1 (1).xlsx', 'RR_ITU_2022-2023_v1.xlsx' have the same content"))
        #expect(report.manifest.inputs.filter { $0.fate == .superseded }.count == 1)
        #expect(report.findings.count == 43)
    }

    @Test func theManifestRecordsTheTolerancesAndRuleChoicesTheRunUsed() throws {
        let (report, work) = try run("itu-2022-2023")
        defer { try? FileManager.default.removeItem(at: work) }
        let manifest = report.manifest
        #expect(manifest.tolerances.count == 26)
        #expect(manifest.tolerances["amount.abs"] == "1000" && manifest.tolerances["amount.rel"] == "0.005")
        #expect(manifest.tolerances["risk.bands.highMax"] == "15" && manifest.tolerances["kpi.maintainRel"] == "0.02")
        #expect(manifest.rules == ["costRecoveryOverrun": "error"])
        let json = try String(contentsOfFile: work.appendingPathComponent("out/manifest.json").path, encoding: .utf8)
        #expect(json.contains("\"amount.errorAbs\" : \"100000\""))
    }

    @Test func inputsAreFiledAwayAndOutputsWritten() throws {
        let (report, work) = try run("missing-bdt")
        defer { try? FileManager.default.removeItem(at: work) }
        let archived = Filed.paths(in: work.appendingPathComponent("archive")).filter { $0.hasSuffix(".xlsx") }
        #expect(archived.count == 6)
        // All in the run's batch folder, named in the manifest; processing/ holds nothing.
        #expect(Set(archived.map { $0.split(separator: "/").first.map(String.init) ?? "" }) == [report.manifest.batch ?? "?"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("processing").path)) ?? []).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("inbox").path).isEmpty)
        for name in ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "consolidated.xlsx", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/\(name)").path))
        }
        #expect(report.model.notes.filter { $0.kind == .notReconciled }.count == 12)
        #expect(report.manifest.notes == report.model.notes.map(\.manifestLine))
        let book = try Workbook(path: work.appendingPathComponent("out/consolidated.xlsx").path)
        #expect(book.sheets.map(\.name).prefix(2) == ["Summary", "Discrepancies"])
        let cursor = try book.cursor(for: "Discrepancies")
        var rows = 0
        while try cursor.nextRow() != nil { rows += 1 }
        #expect(rows == 1 + report.findings.count)
    }

    @Test func aBadFileIsQuarantinedWithItsReasonAndTheBatchGoesOn() throws {
        let work = Fixtures.temporaryDirectory("rbm-bad")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        // A CSV renamed as the BDT plan, and a truncated copy of the TSB plan.
        let bdt = inbox.appendingPathComponent("BDT Operational Plan 2022-2025 (final).xlsx")
        try Data("Output,2022\nD.1-1,100\n".utf8).write(to: bdt)
        let tsb = inbox.appendingPathComponent("OP_TSB_2022-2025_v3.xlsx")
        let bytes = try Data(contentsOf: tsb)
        try bytes.prefix(bytes.count / 2).write(to: tsb)
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        let quarantined = report.manifest.inputs.filter { $0.fate == .quarantined }.map(\.file).sorted()
        #expect(quarantined == ["BDT Operational Plan 2022-2025 (final).xlsx", "OP_TSB_2022-2025_v3.xlsx"])
        let reason = try String(contentsOf: try #require(Filed.url(of: "BDT Operational Plan 2022-2025 (final).xlsx.reason.txt", in: work.appendingPathComponent("quarantine"))), encoding: .utf8)
        #expect(reason.contains("not-a-workbook"))
        let sub = try #require(report.findings.first { $0.id.description == "SUB-001/OP/BDT" })
        #expect(sub.message.english.contains("BDT Operational Plan 2022-2025 (final).xlsx (not-a-workbook"))
        #expect(!sub.message.english.contains("OP_TSB"))
        #expect(report.findings.contains { $0.id.description == "SUB-001/OP/TSB" })
    }

    /// Issue 14: a cell of `1E+300` (beyond `Exact`) or `9.99…E+164` (a sum overflows) made a
    /// bureau total NaN; the run aborted (exit 2, no outputs, nothing filed), and in a worker the
    /// file was called a reader crash. Now the row is a DAT-002 naming its cell, in both modes.
    @Test(arguments: ["1E+300", "9.99999999999999E+164"], [false, true])
    func anImplausiblyLargeAmountIsADAT002AndTheRunGoesOn(value: String, inWorker: Bool) throws {
        var worker: WorkerProcess?
        if inWorker {
            let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
            worker = WorkerProcess(executable: rbm)
        }
        let work = Fixtures.temporaryDirectory("rbm-huge")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try WorkbookEdit.replace(#"<c r="E6" s="2"><v>1240000</v>"#, with: #"<c r="E6" s="2"><v>\#(value)</v>"#,
                                 in: "xl/worksheets/sheet1.xml", of: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx").path)
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                                 worker: worker)).run()
        let f = try #require(report.findings.first { $0.rule == .dat002 })
        #expect(f.sources.map(\.description) == ["OP_BR_2022-2025_v2.xlsx!Operational plan!E6"])
        #expect(f.actual.text == value && f.message.english.contains("beyond any plausible budget"))
        #expect(report.manifest.inputs.allSatisfy { $0.fate == .archived }, "\(report.manifest.inputs.map { "\($0.file): \($0.fate) \($0.reason ?? "")" })")
        let br = try #require(report.manifest.inputs.first { $0.file == "OP_BR_2022-2025_v2.xlsx" }?.sheets.first)
        #expect(br.rejected == 1 && br.read == br.loaded + br.skipped + br.rejected)
        for output in ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "consolidated.xlsx", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/\(output)").path), "\(output)")
        }
        #expect(Filed.url(of: "OP_BR_2022-2025_v2.xlsx", in: work.appendingPathComponent("archive")) != nil)
    }

    @Test func anEmptyValueInAnAmountCellIsADAT002NamingTheCell() throws {
        let work = Fixtures.temporaryDirectory("rbm-empty-v")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try WorkbookEdit.replace(#"<c r="E6" s="2"><v>1240000</v>"#, with: #"<c r="E6" s="2"><v/>"#,
                                 in: "xl/worksheets/sheet1.xml", of: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx").path)
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        let f = try #require(report.findings.first { $0.rule == .dat002 })
        #expect(f.sources.map(\.description) == ["OP_BR_2022-2025_v2.xlsx!Operational plan!E6"] && f.actual.text == "blank")
        #expect(report.manifest.inputs.first { $0.file == "OP_BR_2022-2025_v2.xlsx" }?.sheets.first?.rejected == 1)
    }

    @Test func aPipelineTypoIsReportedWithItsLineAndASuggestion() throws {
        let work = Fixtures.temporaryDirectory("rbm-yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try String(contentsOfFile: Self.pipeline, encoding: .utf8).replacingOccurrences(of: "  biennium: 2022-2023", with: "  bienium: 2022-2023")
        let path = work.appendingPathComponent("bad.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: PipelineError.self) { try PipelineFile.load(path: path) }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  bienium:") }.map { $0 + 1 }
        #expect(error.line == line)
        #expect(error.message.contains("did you mean 'biennium'"))
    }
}

@Suite struct PipelineValidationTests {
    static func error(replacing old: String, with new: String) throws -> PipelineError {
        let work = Fixtures.temporaryDirectory("rbm-yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
        #expect(original.contains(old))
        let path = work.appendingPathComponent("p.yaml").path
        try original.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return try #require(throws: PipelineError.self) { try PipelineFile.load(path: path) }
    }

    static func line(of prefix: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(prefix) }.map { $0 + 1 }
    }

    @Test(arguments: [
        ("  amount.abs: 1000", "  amount.abz: 1000", "amount.abz", "did you mean 'amount.abs'"),
        ("  amount.rel: 0.005", "  amount.rel: -0.005", "amount.rel", "must not be negative"),
        ("  bureau.errorRel: 0.05", "  bureau.errorRel: 5", "bureau.errorRel", "is a fraction"),
        ("fileName: \"^(?:OP_)?(?<bureau>BR|TSB|BDT|GS)[ _]\"", "fileName: \"^(OP_[\"", "fileName", "not a valid regular expression"),
        ("  biennium: 2022-2023", "  biennium: 2023-2024", "  biennium:", "must look like 2022-2023"),
        ("    files: [\"RR_*.xlsx\"]", "    filez: [\"RR_*.xlsx\"]", "filez", "did you mean 'files'"),
    ])
    func problemsAreReportedAtTheirLine(old: String, new: String, key: String, message: String) throws {
        let error = try Self.error(replacing: old, with: new)
        let text = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8).replacingOccurrences(of: old, with: new)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == Self.line(of: key, in: text), "\(error)")
    }

    @Test func excelTableNamesATableAndItsTyposAreCaught() throws {
        let work = Fixtures.temporaryDirectory("rbm-yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
        let path = work.appendingPathComponent("p.yaml").path
        try original.replacingOccurrences(of: "{sheet: Risk register, table: risks}", with: "{excelTable: Risks, table: risks}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let pipeline = try PipelineFile.load(path: path)
        let risks = try #require(pipeline.sources.flatMap(\.tables).first { $0.table == .risks })
        #expect(risks.excelTable == "Risks" && risks.sheet == nil)

        let error = try Self.error(replacing: "{sheet: Risk register, table: risks}", with: "{exelTable: Risks, table: risks}")
        #expect(error.message.contains("did you mean 'excelTable'"), "\(error)")
    }

    @Test func costRecoveryOverrunIsARuleChoice() throws {
        let work = Fixtures.temporaryDirectory("rbm-yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
        #expect(try PipelineFile.load(path: Fixtures.path("pipelines/itu-2022-2023.yaml")).reconcileSettings.costRecoveryOverrun == .error)
        let path = work.appendingPathComponent("p.yaml").path
        try original.replacingOccurrences(of: "\nsources:\n", with: "\nrules:\n  costRecoveryOverrun: warning\n\nsources:\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try PipelineFile.load(path: path).reconcileSettings.costRecoveryOverrun == .warning)

        let typo = try Self.error(replacing: "\nsources:\n", with: "\nrules:\n  costRecoveryOverun: warning\n\nsources:\n")
        #expect(typo.message.contains("did you mean 'costRecoveryOverrun'"), "\(typo)")
    }

    @Test func everyPipelineFileInTheProjectIsValid() throws {
        let folder = Fixtures.path("pipelines")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for file in files { _ = try PipelineFile.load(path: folder + "/" + file) }
    }
}

@Suite struct InboxTests {
    @Test func aFileStillBeingWrittenIsLeftForTheNextRun() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("complete".utf8).write(to: inbox.appendingPathComponent("a.xlsx"))
        try Data().write(to: inbox.appendingPathComponent("b.xlsx"))                 // just created, still empty
        try Data("x".utf8).write(to: inbox.appendingPathComponent("c.xlsx.part"))     // a partial upload
        try Data("x".utf8).write(to: inbox.appendingPathComponent("~$e.xlsx"))        // Excel has e.xlsx open
        try Data("complete".utf8).write(to: inbox.appendingPathComponent("e.xlsx"))
        try Data("x".utf8).write(to: inbox.appendingPathComponent(".~lock.f.xlsx#"))  // LibreOffice has f.xlsx open
        try Data("complete".utf8).write(to: inbox.appendingPathComponent("f.xlsx"))
        let growing = inbox.appendingPathComponent("d.xlsx")
        try Data("start".utf8).write(to: growing)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            if let handle = try? FileHandle(forWritingTo: growing) {
                handle.seekToEndOfFile()
                handle.write(Data("more".utf8))
                try? handle.close()
            }
        }
        writer.start()
        let found = try Inbox(folder: inbox).discover()
        #expect(found.ready.map(\.lastPathComponent) == ["a.xlsx"])
        #expect(found.unsettled.map(\.lastPathComponent) == ["b.xlsx", "d.xlsx", "e.xlsx", "f.xlsx"])
        #expect(found.notFiles.isEmpty)
    }

    /// issue 11: a file appended to every 0.6 s was taken after a 0.5 s watch and quarantined as
    /// incomplete. By the catalogue's rule (two looks 2 s apart, five seconds untouched) it is left
    /// for a later run, while a file written once just before the run is taken after the wait.
    @Test(.timeLimit(.minutes(1)))
    func aFileAppendedToEveryFewTenthsOfASecondIsNeverTaken() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("complete".utf8).write(to: inbox.appendingPathComponent("written-once.xlsx"))
        let growing = inbox.appendingPathComponent("growing.xlsx")
        try Data("start".utf8).write(to: growing)
        let handle = try FileHandle(forWritingTo: growing)
        let stop = DispatchSemaphore(value: 0)
        let writer = Thread {
            while stop.wait(timeout: .now() + 0.6) == .timedOut {
                handle.seekToEndOfFile()
                handle.write(Data("more".utf8))
            }
        }
        writer.start()
        defer { stop.signal(); try? handle.close() }
        let started = Date()
        let found = try Inbox(folder: inbox).discover()
        #expect(found.ready.map(\.lastPathComponent) == ["written-once.xlsx"])
        #expect(found.unsettled.map(\.lastPathComponent) == ["growing.xlsx"])
        #expect(Date().timeIntervalSince(started) >= Inbox.Stability.catalogue.minimumAge - 0.5)   // it waited for the young files
    }

    @Test func excelsShortenedLockNamesAreRecognised() {
        // Excel's owner file for a long name drops its first one or two characters.
        #expect(Inbox.isOpenInEditor("OP_BR_2022-2025_v2.xlsx", beside: ["~$_BR_2022-2025_v2.xlsx"]))
        #expect(Inbox.isOpenInEditor("OP_BR_2022-2025_v2.xlsx", beside: ["~$P_BR_2022-2025_v2.xlsx"]))
        #expect(!Inbox.isOpenInEditor("OP_BR_2022-2025_v2.xlsx", beside: ["~$BR_2022-2025_v2.xlsx"]))
        #expect(Inbox.isOrphanLock("~$gone.xlsx", beside: ["~$gone.xlsx", "other.xlsx"]))
        #expect(!Inbox.isOrphanLock("~$here.xlsx", beside: ["~$here.xlsx", "here.xlsx"]))
    }

    @Test func entriesThatAreNotRegularFilesAreRefusedUnopened() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("passwd.xlsx").path, withDestinationPath: "/etc/passwd")
        #expect(try Subprocess.run("/usr/bin/mkfifo", [inbox.appendingPathComponent("pipe.xlsx").path]).status == 0)
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("old"), withIntermediateDirectories: true)
        // A lock file whose workbook is gone, untouched for two hours.
        let lock = inbox.appendingPathComponent("~$gone.xlsx")
        try Data("x".utf8).write(to: lock)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: lock.path)
        let found = try Inbox(folder: inbox).discover(rule: .init(interval: 0, minimumAge: 0))
        #expect(found.ready.isEmpty && found.unsettled.isEmpty)
        let refused = Dictionary(uniqueKeysWithValues: found.notFiles.map { ($0.url.lastPathComponent, $0.reason) })
        #expect(refused == [
            "old": "not a regular file (a folder); it was not opened",
            "passwd.xlsx": "not a regular file (a symbolic link); it was not opened",
            "pipe.xlsx": "not a regular file (a FIFO or other special file); it was not opened",
            "~$gone.xlsx": "an editor's lock file left behind (no workbook beside it for over an hour)",
        ])
    }

    @Test func aFailureWhileWritingLeavesThePreviousOutputsAndEveryInputInPlace() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        var options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path, keepInputs: true)
        _ = try BatchRun(options: options).run()
        let names = ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "consolidated.xlsx", "manifest.json"]
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }

        // The next batch lacks BDT's plan (other findings), and the disk fills while writing them.
        try FileManager.default.removeItem(at: inbox.appendingPathComponent("BDT Operational Plan 2022-2025 (final).xlsx"))
        options.keepInputs = false
        options.faults.failWhileWriting = true
        let fault = try #require(throws: EnvironmentFault.self) { try BatchRun(options: options).run() }
        // One plain line naming the folder and the cause, not `NSCocoaErrorDomain Code=640`.
        #expect(fault.description == "\(out.path): error: cannot write the outputs: no space left on device (the disk is full); " + BatchRun.nothingMoved)
        #expect(try names.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == (names + ["feedback"]).sorted())   // no staging left
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)                 // claimed, but nothing filed away
        #expect(Filed.paths(in: work.appendingPathComponent("processing")).count == 6)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("quarantine").path))

        options.faults.failWhileWriting = false
        #expect(try BatchRun(options: options).run().findings.count == 39)
    }

    @Test func oneRunAtATimePerDropFolder() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        let options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)
        do {
            let held = try RunLock(besideInbox: inbox)   // another run is filing this folder away
            let error = try #require(throws: DropFolderBusy.self) { try BatchRun(options: options).run() }
            #expect(error.description == "\(inbox.path): error: another rbm run is working on this inbox (\(held.path)); run again when it has finished")
            if let (code, output) = try CommandLineTests.rbm(["run", DemoScenarioTests.pipeline, "--inbox", inbox.path,
                                                               "--out", work.appendingPathComponent("out2").path]) {
                #expect(code == 75 && output.contains("another rbm run is working on this inbox"), "\(output)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 7)   // nothing touched
            var keep = options
            keep.keepInputs = true                        // a run that moves nothing does not need the lock
            #expect(try BatchRun(options: keep).run().findings.count == 43)
        }
        // Released with its holder: the next run goes ahead.
        #expect(try BatchRun(options: options).run().findings.count == 43)
    }

    @Test(.timeLimit(.minutes(1)))
    func aRunQuarantinesAFIFOWithoutBlockingOnIt() throws {
        let work = Fixtures.temporaryDirectory("rbm-inbox")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        #expect(try Subprocess.run("/usr/bin/mkfifo", [inbox.appendingPathComponent("OP_BR_pipe.xlsx").path]).status == 0)
        // Old enough to look settled: reading it would block until a writer came.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)],
                                              ofItemAtPath: inbox.appendingPathComponent("OP_BR_pipe.xlsx").path)
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let entry = try #require(report.manifest.inputs.first { $0.file == "OP_BR_pipe.xlsx" })
        #expect(entry.fate == .quarantined && entry.reason?.hasPrefix("not-a-workbook: OP_BR_pipe.xlsx: not a regular file") == true)
        #expect(report.findings.count == 43)
        let fifo = work.appendingPathComponent("quarantine/\(report.manifest.batch ?? "?")/OP_BR_pipe.xlsx")
        let type = try FileManager.default.attributesOfItem(atPath: fifo.path)[.type] as? FileAttributeType
        #expect(type != .typeRegular)
        #expect(report.manifest.inputs.map(\.file) == report.manifest.inputs.map(\.file).sorted())
    }
}
