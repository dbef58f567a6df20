import Foundation
import History
import Reports
import Testing
import TestSupport
@testable import Pipeline
import Results
import XLSXReader

/// Issue 12: each run is recorded in the drop folder's `history.sqlite`; each finding gets its
/// status against the previous committed run; `rbm diff` prints what changed; acknowledgements
/// keep accepted findings from failing the run until they expire or their delta passes the cap.
@Suite(.serialized) struct RunHistoryTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")
    static let bdtPlan = "BDT Operational Plan 2022-2025 (final).xlsx"

    /// A fresh drop folder; `pipeline` is the demo pipeline file (or a copy beside acknowledgements).
    struct Drop {
        let work = Fixtures.temporaryDirectory("rbm-history")
        var pipeline = RunHistoryTests.pipeline
        var inbox: URL { work.appendingPathComponent("inbox") }

        /// Copies files into the inbox, dated ten minutes ago (settled).
        func drop(_ files: [String]) throws {
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for file in files {
                let target = inbox.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent)
                try FileManager.default.copyItem(atPath: file, toPath: target.path)
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: target.path)
            }
        }

        func scenario(_ name: String) throws -> [String] {
            let folder = Fixtures.path("fixtures/scenarios/\(name)/inbox")
            return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { "\(folder)/\($0)" }
        }

        func run() throws -> BatchRun.Report {
            try BatchRun(options: .init(pipelinePath: pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)).run()
        }

        var history: RunHistory { get throws { try #require(try RunHistory.existing(at: work.appendingPathComponent("history.sqlite").path)) } }
    }

    @Test func theBDTPlanArrivingAloneResolvesSUB001AndTheRestPersists() throws {
        let drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("missing-bdt"))
        let first = try drop.run()
        #expect(first.findings.count == 39)
        #expect(first.findings.allSatisfy { $0.status == .new })
        try drop.drop(try drop.scenario("missing-bdt"))
        let second = try drop.run()
        #expect(second.findings.allSatisfy { $0.status == .persisting })
        #expect(second.manifest.changes?.persisting == 39)

        try drop.drop([Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/\(Self.bdtPlan)")])
        let third = try drop.run()
        let resolved = try #require(third.manifest.resolved)
        #expect(resolved.map(\.id) == ["SUB-001/OP/BDT"])
        #expect(resolved[0].why == "input-changed: OP/BDT arrived (\(Self.bdtPlan))")
        // Every finding of the second run but SUB-001 persists; BDT's own findings are new.
        let persisting = Set(third.findings.filter { $0.status == .persisting }.map(\.id.description))
        #expect(persisting == Set(second.findings.map(\.id.description)).subtracting(["SUB-001/OP/BDT"]))
        #expect(third.findings.filter { $0.status == .new }.allSatisfy { $0.bureau == .bdt })
        #expect(Summary.render(third).split(separator: "\n")[1] == "changes: 5 new, 1 resolved, 38 persisting (against run 2 of \(second.manifest.startedAt))")

        // The log carries the status as its last column.
        let csv = try String(contentsOf: drop.work.appendingPathComponent("out/discrepancies.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,rule,severity,bureau,output,period,message,expected,actual,delta,sources,caused_by,status\n"))
        #expect(csv.contains("\nFIN-012/2022-2023,") && csv.split(separator: "\n").first { $0.hasPrefix("FIN-012/") }?.hasSuffix(",persisting") == true)

        // The history: three runs, each compared with the one before.
        let history = try drop.history
        let runs = try history.runs(pipeline: "itu-2022-2023.yaml")
        #expect(runs.map(\.findings) == [39, 39, 43])
        #expect(runs.map(\.previousRunID) == [nil, runs[0].id, runs[1].id])
        #expect(runs.map(\.exitCode) == [1, 1, 1])
        let rows = try history.findings(run: runs[2].id!)
        let fin012 = try #require(rows.first { $0.id == "FIN-012/2022-2023" })
        #expect((fin012.status, fin012.runsSeen, fin012.firstSeenRun, fin012.deltaChange) == ("persisting", 3, runs[0].id, 0))
        #expect(try history.inputs(run: runs[2].id!).filter { $0.fate == "current" }.count == 6)
    }

    @Test func aCorrectedWorkbookResolvesItsFindingsAndDiffPrintsThemWithAmounts() throws {
        let drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("itu-2022-2023"))
        _ = try drop.run()
        try drop.drop([Fixtures.path("fixtures/history/OP_TSB_2022-2025_v4.xlsx")])
        let corrected = try drop.run()
        #expect(corrected.manifest.resolved?.map(\.id) == ["FIN-003/T.2-1/2022", "FIN-003/T.2-1/2023", "FIN-011/T.2-1/2022-2023"])
        #expect(corrected.manifest.resolved?.allSatisfy { $0.why == "input-changed: OP/TSB is now OP_TSB_2022-2025_v4.xlsx (was OP_TSB_2022-2025_v3.xlsx)" } == true)

        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        let diff = try Subprocess.run(rbm, ["diff", "--drop-folder", drop.work.path])
        #expect(diff.status == 0, "\(diff.errors)")
        let lines = diff.text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("itu-2022-2023.yaml: 0 new, 3 resolved, 0 regressed, 2 changed") == true)
        #expect(lines.contains("  FIN-003/T.2-1/2022  error  was +440000 (+72.13%)  (input-changed: OP/TSB is now OP_TSB_2022-2025_v4.xlsx (was OP_TSB_2022-2025_v3.xlsx))"))
        #expect(lines.contains("  FIN-003/T.2-1/2023  error  was +450000 (+70.31%)  (input-changed: OP/TSB is now OP_TSB_2022-2025_v4.xlsx (was OP_TSB_2022-2025_v3.xlsx))"))
        #expect(lines.contains("  FIN-004/TSB/2022  error → warning  delta +560000 (+11.78%) → +120000 (+2.52%) (-440000)"))

        let json = try Subprocess.run(rbm, ["diff", "1", "2", "--drop-folder", drop.work.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        let resolved = try #require(object["resolved"] as? [[String: Any]])
        #expect(resolved.map { $0["id"] as? String } == ["FIN-003/T.2-1/2022", "FIN-003/T.2-1/2023", "FIN-011/T.2-1/2022-2023"])
        #expect(resolved.first?["delta"] as? Double == 440000)
        let changed = try #require(object["changed"] as? [[String: Any]])
        #expect(changed.first { $0["id"] as? String == "FIN-004/TSB/2022" }?["change"] as? Double == -440000)

        let list = try Subprocess.run(rbm, ["history", "--drop-folder", drop.work.path, "--pipeline", "itu-2022-2023.yaml"])
        #expect(list.text.split(separator: "\n").count == 3, "\(list.text)")
    }

    @Test func aFindingResolvedOnceAndBackIsRegressed() throws {
        let drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("itu-2022-2023"))
        _ = try drop.run()
        try drop.drop([Fixtures.path("fixtures/history/OP_TSB_2022-2025_v4.xlsx")])
        _ = try drop.run()
        // TSB sends its old figures again as v5: T.2-1's findings come back.
        let v5 = drop.work.appendingPathComponent("OP_TSB_2022-2025_v5.xlsx")
        try FileManager.default.copyItem(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/OP_TSB_2022-2025_v3.xlsx"), toPath: v5.path)
        try drop.drop([v5.path])
        let back = try drop.run()
        #expect(back.findings.filter { $0.status == .regressed }.map(\.id.description) == ["FIN-003/T.2-1/2022", "FIN-003/T.2-1/2023", "FIN-011/T.2-1/2022-2023"])
        #expect(back.manifest.changes?.regressed == 3)
        #expect(Summary.render(back).split(separator: "\n")[1].hasPrefix("changes: 0 new, 0 resolved, 40 persisting, 3 regressed (against run 2 of "))
        let history = try drop.history
        let rows = try history.findings(run: try #require(try history.runs().last?.id))
        #expect(rows.first { $0.id == "FIN-003/T.2-1/2022" }.map { ($0.status, $0.runsSeen, $0.firstSeenRun) } ?? ("", 0, nil) == ("regressed", 1, 3))
    }

    /// A copy of the demo pipeline in its own folder with `acks` beside it as `itu-2022-2023.acks.yaml`.
    static func pipeline(with acks: String, in work: URL) throws -> String {
        let folder = work.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("itu-2022-2023.yaml")
        if !FileManager.default.fileExists(atPath: copy.path) { try FileManager.default.copyItem(atPath: Self.pipeline, toPath: copy.path) }
        try acks.write(to: folder.appendingPathComponent("itu-2022-2023.acks.yaml"), atomically: true, encoding: .utf8)
        return copy.path
    }

    static func acks(_ ids: [String], expires: [String: String] = [:], cap: [String: String] = [:]) -> String {
        "acknowledgements:\n" + ids.map { id in
            "  - id: \(id)\n    reason: accepted for the Council session\n    who: A. Reviewer\n    date: 2026-11-20\n"
                + (expires[id].map { "    expires: \($0)\n" } ?? "") + (cap[id].map { "    cap: \($0)\n" } ?? "")
        }.joined()
    }

    @Test func anAcknowledgedFindingDoesNotFailTheRunAnExpiredOneAndOnePastItsCapDo() throws {
        var drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("itu-2022-2023"))
        drop.pipeline = try Self.pipeline(with: "acknowledgements: []\n", in: drop.work)
        let first = try drop.run()
        #expect(first.exitStatus(failingOn: [.error]) == 1)
        let errors = first.findings.filter { $0.severity == .error }.map(\.id.description)

        // Every error acknowledged (FIN-012's delta is +50000: a cap of 60000 holds), one id unknown.
        _ = try Self.pipeline(with: Self.acks(errors + ["FIN-099/NOWHERE"], expires: ["RSK-003/RSK-GS-03": "2099-12-31"], cap: ["FIN-012/2022-2023": "60000"]), in: drop.work)
        let accepted = try drop.run()
        #expect(accepted.exitStatus(failingOn: [.error]) == 0)
        #expect(accepted.findings.filter { $0.status == .acknowledged }.count == errors.count)
        #expect(accepted.manifest.changes?.acknowledged == errors.count)
        #expect(accepted.manifest.notes.contains("info: itu-2022-2023.acks.yaml: FIN-099/NOWHERE is acknowledged (A. Reviewer, 2026-11-20) but no finding of this run has that id"))
        let csv = try String(contentsOf: drop.work.appendingPathComponent("out/discrepancies.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").first { $0.hasPrefix("RSK-003/RSK-GS-03,") }?.hasSuffix(",acknowledged") == true)

        // Expired: RSK-003 reopens and fails the run.
        _ = try Self.pipeline(with: Self.acks(errors, expires: ["RSK-003/RSK-GS-03": "2020-01-31"], cap: ["FIN-012/2022-2023": "60000"]), in: drop.work)
        let expired = try drop.run()
        #expect(expired.exitStatus(failingOn: [.error]) == 1)
        #expect(expired.findings.first { $0.id.description == "RSK-003/RSK-GS-03" }?.status == .persisting)
        #expect(expired.manifest.notes.contains("warning: itu-2022-2023.acks.yaml: RSK-003/RSK-GS-03 reopened: its acknowledgement (A. Reviewer, 2026-11-20) expired on 2020-01-31"))

        // Past its cap: FIN-012's delta of 50000 is more than 40000.
        _ = try Self.pipeline(with: Self.acks(errors, cap: ["FIN-012/2022-2023": "40000"]), in: drop.work)
        let overCap = try drop.run()
        #expect(overCap.exitStatus(failingOn: [.error]) == 1)
        #expect(overCap.findings.filter { $0.severity == .error && $0.status != .acknowledged }.map(\.id.description) == ["FIN-012/2022-2023"])
        #expect(overCap.manifest.notes.contains { $0.hasPrefix("warning: itu-2022-2023.acks.yaml: FIN-012/2022-2023 reopened: its delta +50000 is past the acknowledged cap of 40000") })

        // The history says which acknowledgement covered which finding in which run.
        let history = try drop.history
        let runs = try history.runs()
        #expect(runs.map(\.exitCode) == [1, 0, 1, 1])
        let second = try history.acknowledgements(run: runs[1].id!)
        #expect(second.filter { $0.state == "in-force" }.count == errors.count)
        #expect(second.first { $0.findingID == "FIN-099/NOWHERE" }?.state == "unmatched")
        #expect(try history.acknowledgements(run: runs[2].id!).first { $0.findingID == "RSK-003/RSK-GS-03" }?.state == "expired")
        #expect(try history.acknowledgements(run: runs[3].id!).first { $0.findingID == "FIN-012/2022-2023" }?.state == "over-cap")
        #expect(try history.findings(run: runs[1].id!).first { $0.id == "RSK-003/RSK-GS-03" }?.status == "acknowledged")
    }

    @Test func anAcknowledgementsFileWithAMissingFieldIsRefusedWithItsLine() throws {
        let work = Fixtures.temporaryDirectory("rbm-acks")
        defer { try? FileManager.default.removeItem(at: work) }
        let path = try Self.pipeline(with: "acknowledgements:\n  - id: FIN-012/2022-2023\n    reason: accepted\n    date: 2026-11-20\n", in: work)
        #expect(throws: PipelineError(file: "itu-2022-2023.acks.yaml", line: 2, "acknowledgement 1: `who:` is missing")) {
            try Acknowledgements.load(forPipeline: path)
        }
    }

    @Test func validateReportsAcknowledgementsThatMatchNoFindingOfTheLastRun() throws {
        let rbm = try #require(WorkerProcessTests.rbm, "no rbm executable beside the tests (swift build --build-tests builds it)")
        var drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        drop.pipeline = try Self.pipeline(with: Self.acks(["FIN-012/2022-2023", "FIN-099/NOWHERE"], expires: ["FIN-012/2022-2023": "2020-06-30"]), in: drop.work)
        // The copy's inbox (relative to its project root, the work folder) is where the run goes, so its history is the pipeline's.
        let inbox = drop.work.appendingPathComponent("fixtures/scenarios/itu-2022-2023/inbox")
        try FileManager.default.createDirectory(at: inbox.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        _ = try BatchRun(options: .init(pipelinePath: drop.pipeline, inbox: inbox.path, output: drop.work.appendingPathComponent("out").path)).run()
        let validate = try Subprocess.run(rbm, ["validate", drop.pipeline])
        #expect(validate.status == 0, "\(validate.errors)")
        let lines = validate.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("itu-2022-2023.acks.yaml: note: FIN-012/2022-2023 expired on 2020-06-30"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("itu-2022-2023.acks.yaml: note: FIN-099/NOWHERE matches no finding of the last committed run (run 1, ") }, "\(lines)")
        #expect(!lines.contains { $0.contains("FIN-012/2022-2023 matches no finding") })
    }

    @Test func theCompletenessMatrixSaysWhatArrivedWhatIsCurrentLateSupersededOrQuarantined() throws {
        var drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        drop.pipeline = try Self.pipeline(with: "acknowledgements: []\n", in: drop.work)
        let text = try String(contentsOfFile: drop.pipeline, encoding: .utf8)
        try text.replacingOccurrences(of: "  bureaus: [BR, TSB, BDT, GS]\n", with: "  bureaus: [BR, TSB, BDT, GS]\n  deadline: 2022-11-15\n")
            .write(toFile: drop.pipeline, atomically: true, encoding: .utf8)
        try drop.drop(try drop.scenario("missing-bdt"))
        try "not a workbook".write(to: drop.inbox.appendingPathComponent("OP_BDT_2022-2025_v1.xlsx"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: drop.inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx"), to: drop.inbox.appendingPathComponent("OP_BR_2022-2025_v1.xlsx"))
        for name in ["OP_BDT_2022-2025_v1.xlsx", "OP_BR_2022-2025_v1.xlsx"] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: drop.inbox.appendingPathComponent(name).path)
        }
        let first = try drop.run()
        let matrix = Dictionary(uniqueKeysWithValues: try #require(first.manifest.completeness).map { ($0.slot, $0) })
        #expect(matrix.keys.sorted() == ["FP", "OP/BDT", "OP/BR", "OP/GS", "OP/TSB", "RF", "RR"])
        #expect(matrix["OP/BR"]?.state == .received && matrix["OP/BR"]?.late == true)
        #expect(matrix["OP/BR"]?.superseded?.map(\.reason) == ["superseded by OP_BR_2022-2025_v2.xlsx"])
        #expect(matrix["OP/BDT"]?.state == .missing)
        #expect(matrix["OP/BDT"]?.quarantined?.first?.reason.hasPrefix("not-a-workbook: ") == true)

        try drop.drop([Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/\(Self.bdtPlan)")])
        let second = try drop.run()
        let after = Dictionary(uniqueKeysWithValues: try #require(second.manifest.completeness).map { ($0.slot, $0) })
        #expect(after["OP/BDT"]?.state == .received && after["OP/BDT"]?.file == Self.bdtPlan)
        #expect(after["FP"]?.state == .current && after["FP"]?.since == first.manifest.startedAt)
    }

    /// What a run could not check is recorded with it (issue 15's coverage in issue 12's history).
    @Test func theRunsCoverageGapsAreRecorded() throws {
        let drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("missing-bdt"))
        let report = try drop.run()
        let run = try #require(try drop.history.lastRun(pipeline: "itu-2022-2023.yaml")?.id)
        let recorded = try drop.history.coverage(run: run)
        let gaps = report.coverage.flatMap { c in (c.skipped + c.limited).map { "\(c.rule.rawValue) \($0.scope)" } }
        #expect(!recorded.isEmpty)
        #expect(recorded.map { "\($0.rule) \($0.scope)" }.sorted() == gaps.sorted())
        #expect(recorded.contains { $0.rule == "FIN-004" && $0.scope == "BDT" })
    }

    @Test func aKeepInputsRunLeavesNoHistoryBehind() throws {
        let drop = Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("missing-bdt"))
        let report = try BatchRun(options: .init(pipelinePath: drop.pipeline, inbox: drop.inbox.path, output: drop.work.appendingPathComponent("out").path,
                                                 keepInputs: true)).run()
        #expect(report.findings.allSatisfy { $0.status == .new })
        #expect(!FileManager.default.fileExists(atPath: drop.work.appendingPathComponent("history.sqlite").path))
    }
}

/// Issue 12: the page leads with what changed and filters by status; the page and the workbook
/// show the completeness matrix.
@Suite(.serialized) struct RunHistoryPageTests {
    @Test func thePageLeadsWithWhatChangedAndTheWorkbookHasTheSubmissions() throws {
        let drop = RunHistoryTests.Drop()
        defer { try? FileManager.default.removeItem(at: drop.work) }
        try drop.drop(try drop.scenario("missing-bdt"))
        let first = try drop.run()
        let firstPage = try String(contentsOfFile: first.outputFolder + "/discrepancies.html", encoding: .utf8)
        #expect(!firstPage.contains("Since the previous run"))   // nothing to compare with yet
        #expect(firstPage.contains("<h3>Submissions</h3>") && firstPage.contains("<td>OP/BDT</td><td>missing</td>"))
        try drop.drop([Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/\(RunHistoryTests.bdtPlan)")])
        let second = try drop.run()
        let page = try String(contentsOfFile: second.outputFolder + "/discrepancies.html", encoding: .utf8)
        let new = second.findings.filter { $0.status == .new }.count, persisting = second.findings.filter { $0.status == .persisting }.count
        #expect(page.contains("<b>Since the previous run:</b> \(new) new, 1 resolved, \(persisting) persisting."))
        #expect(page.contains("<code>SUB-001/OP/BDT</code>: input-changed: OP/BDT arrived"))
        #expect(page.contains("<select name=\"status\">") && page.contains("data-status=\"persisting\""))
        let book = try Workbook(path: second.outputFolder + "/consolidated.xlsx")
        let sheet = try book.grid(for: try #require(book.sheet(named: "Submissions")))
        let texts = sheet.rows.flatMap(\.cells).map(\.text)
        #expect(texts.contains("OP/BDT") && texts.contains("received") && !texts.contains("missing"))
    }
}

/// The history's rows take the log's English texts (issue 11): they must be the texts each
/// finding gives of itself, which the rows took before.
@Suite struct HistoryRowTextsTests {
    @Test func theLogsEnglishTextsAreTheFindingsOwn() throws {
        let (report, work) = try WorkerProcessTests.run(worker: nil)
        defer { try? FileManager.default.removeItem(at: work) }
        var findings = report.findings
        // Every kind of value: the demo's findings and a few made here.
        findings += LogTextFindings.extra
        #expect(findings.count > 20)
        let log = LogText(findings, language: .en)
        for (n, finding) in findings.enumerated() {
            let message = log.text(n, .message)
            let shared = FindingRecord(finding, message: message,
                                       texts: .init(expected: log.text(n, .expected), actual: log.text(n, .actual), delta: log.text(n, .delta),
                                                    sources: log.text(n, .sources), causedBy: log.text(n, .causedBy)))
            #expect(shared == FindingRecord(finding, message: message), "\(finding.id)")
        }
    }
}

enum LogTextFindings {
    /// Values the demo's findings may lack: a signed delta, a quotient held as a wide decimal, a
    /// term, causes and no sources.
    static let extra: [Finding] = {
        let cause = Finding.ID(.sub001, .text("FP"))
        return [
            Finding(id: Finding.ID(.fin004, .text("TSB"), .year(2023)), severity: .error, bureau: .tsb, period: .year(2023),
                    message: .bureauTotal(bureau: .tsb, year: 2023, planned: 1_000_000, budgeted: 980_000),
                    expected: .amount(1_000_000), actual: .ratio(Exact(2) / 3), delta: .signed(-20_000),
                    sources: [SourceRef(file: "é.xlsx", sheet: "Plan opérationnel", cell: "C9")], causedBy: [cause]),
            Finding(id: Finding.ID(.kpi001, .text("KPI-9")), severity: .warning, message: .riskUnknownObjective(risk: "R9", objective: "Z"),
                    expected: .term(.blank), sources: [], causedBy: [cause]),
        ]
    }()
}
