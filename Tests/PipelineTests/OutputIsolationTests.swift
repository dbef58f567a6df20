import Foundation
import Testing
import TestSupport
@testable import Pipeline
import XLSXWriter

/// issue 11: a content problem in one output (a row height out of range in consolidated.xlsx)
/// stopped the whole run and no discrepancy log was written. A failure in one output must leave
/// the others and the manifest, name the failure, and make the run exit with 2; an I/O failure (a
/// full disk) still leaves the previous set whole and every input in the inbox.
@Suite struct OutputIsolationTests {
    /// The output folder's entries: the files and the folder of feedback workbooks.
    static let outputs = ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "consolidated.xlsx", "manifest.json", "feedback"]

    @Test func aContentFailureInOneOutputCostsThatOutputOnly() throws {
        let work = Fixtures.temporaryDirectory("rbm-isolation")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try CurrentSubmissionsTests.settle(inbox)
        var options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path, keepInputs: true)
        _ = try BatchRun(options: options).run()   // a previous, whole output set
        let previousWorkbook = try Data(contentsOf: out.appendingPathComponent("consolidated.xlsx"))
        #expect(!previousWorkbook.isEmpty)

        // The layout bug of issue 11, injected: rendering consolidated.xlsx throws.
        let layout = WorkbookWriterError(code: .invalidRowHeight, path: "consolidated.xlsx", part: "xl/worksheets/sheet2.xml",
                                         message: "sheet 'Discrepancies': row height 585.0 is outside 0...409 points")
        options.keepInputs = false
        options.faults.failRendering = ("consolidated.xlsx", layout)
        let report = try BatchRun(options: options).run()

        #expect(report.failedOutputs == ["consolidated.xlsx": layout.description])
        #expect(report.exitStatus(failingOn: []) == 2)
        #expect(report.findings.count == 43)
        // The other outputs and the manifest are this run's; the stale workbook is withdrawn.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs.filter { $0 != "consolidated.xlsx" }.sorted())
        let csv = try String(contentsOf: out.appendingPathComponent("discrepancies.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 43)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        #expect(manifest.failedOutputs == ["consolidated.xlsx": layout.description])
        #expect(manifest.outputs.filter { !$0.hasPrefix("feedback/") } == ["discrepancies.csv", "discrepancies.jsonl", "discrepancies.html", "manifest.json"])
        #expect(manifest.outputs.filter { $0.hasPrefix("feedback/") }.count == 7)
        #expect(Summary.render(report).contains("NOT WRITTEN consolidated.xlsx: consolidated.xlsx[xl/worksheets/sheet2.xml]: error: sheet 'Discrepancies': row height"))
        // The run committed: its inputs are filed away (the next run consolidates them from archive/).
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)

        // The next run without the fault writes the whole set again from the current workbooks.
        options.faults.failRendering = nil
        let next = try BatchRun(options: options).run()
        #expect(next.failedOutputs.isEmpty && next.exitStatus(failingOn: []) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == Self.outputs.sorted())
    }

    @Test func theExitStatusFollowsFindingsWhenEveryOutputWasWritten() throws {
        let (report, work) = try WorkerProcessTests.run(worker: nil)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(report.exitStatus(failingOn: [.error]) == 1)
        #expect(report.exitStatus(failingOn: [.error, .warning]) == 1)
        #expect(report.exitStatus(failingOn: []) == 0)
    }
}
