import Foundation
import GRDB
import Testing
@testable import History

/// A run's rows, inserted many to a statement with their values bound one by one
/// (`BatchInsert`, `RunRows+Insert.swift`), read back as they were given: every field, `run_id` the
/// run's, a finding's `first_seen_run` the run's when its series starts with it, findings in the
/// given order, for counts on both sides of a statement's rows.
@Suite struct HistoryInsertTests {
    /// Findings whose fields take every kind of value a column holds: nil and not, short texts
    /// (stored inside the string) and long ones, non-ASCII text, negative and fractional numbers.
    static func findings(_ count: Int) -> [FindingRecord] {
        (0..<count).map { i in
            var finding = RunHistoryFileTests.finding("FIN-00\(i % 9 + 1)/T.\(i)-1/2022", delta: i % 3 == 0 ? nil : Double(i) * -12.5,
                                                      severity: ["error", "warning", "info"][i % 3], bureau: i % 4 == 0 ? nil : "TSB",
                                                      sources: i % 2 == 0 ? "" : "OP_TSB_2022-2025_v3.xlsx!Opérations — 2022!E\(i + 6)")
            finding.output = i % 5 == 0 ? nil : "T.\(i)-1"
            finding.period = i % 6 == 0 ? nil : "2022-2023"
            finding.expected = i % 7 == 0 ? nil : Double(i) + 0.25
            finding.actual = i % 8 == 0 ? nil : -Double(i)
            finding.expectedText = i % 2 == 0 ? "" : "≤ 166 000 000 (line \(i))"
            finding.actualText = String(repeating: "x", count: i % 40)
            finding.message = "Row \(i): the amounts differ by CHF \(i * 1000) — see the bureau's plan, sheet « Budget »."
            finding.causedBy = i % 3 == 1 ? "FIN-001/T.\(i)-1" : ""
            finding.status = ["new", "persisting", "regressed", "acknowledged"][i % 4]
            finding.firstSeenRun = i % 2 == 0 ? nil : 1
            finding.runsSeen = i % 5 + 1
            finding.deltaChange = i % 4 == 3 ? Double(i) / 4 : nil
            return finding
        }
    }

    /// What the history should hold for `findings` recorded as run `run`.
    static func expected(_ findings: [FindingRecord], run: Int64) -> [FindingRecord] {
        findings.map { finding in
            var row = finding
            row.runID = run
            row.firstSeenRun = finding.firstSeenRun ?? run
            return row
        }
    }

    @Test(arguments: [0, 1, FindingRecord.batch.rowsPerStatement - 1, FindingRecord.batch.rowsPerStatement, FindingRecord.batch.rowsPerStatement + 1,
                      2 * FindingRecord.batch.rowsPerStatement + 37])
    func rowsReadBackAsTheyWereGiven(count: Int) throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { PendingRecordTests.remove(path) }
        let history = try RunHistory(path: path)
        let first = try history.record(.init(run: RunHistoryFileTests.run(1), inputs: [], findings: [RunHistoryFileTests.finding("FIN-012/2022-2023")],
                                             resolved: []))
        let given = Self.findings(count)
        let id = try history.record(.init(run: RunHistoryFileTests.run(count), inputs: [], findings: given, resolved: []))
        #expect(id == first + 1)
        #expect(try history.findings(run: id) == Self.expected(given, run: id))
        // The earlier run's row is untouched.
        #expect(try history.findings(run: first).map(\.id) == ["FIN-012/2022-2023"])
        try history.close()
    }

    /// Two rows of one id in a run: the later replaces the earlier (the table's primary key is
    /// `ON CONFLICT REPLACE`), whether or not they fall in the same statement.
    @Test(arguments: [1, FindingRecord.batch.rowsPerStatement])
    func aRepeatedIDKeepsTheLaterRow(gap: Int) throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { PendingRecordTests.remove(path) }
        let history = try RunHistory(path: path)
        var given = Self.findings(gap + 1)
        given[gap].id = given[0].id
        let id = try history.record(.init(run: RunHistoryFileTests.run(given.count), inputs: [], findings: given, resolved: []))
        #expect(try history.findings(run: id) == Array(Self.expected(given, run: id).dropFirst()))
        try history.close()
    }

    /// Inputs, resolved findings and coverage gaps, each on both sides of its table's statement size.
    @Test(arguments: [0, 1, 2, 3])
    func theRunsOtherRowsReadBackAsTheyWereGiven(step: Int) throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { PendingRecordTests.remove(path) }
        let history = try RunHistory(path: path)
        func count(_ batch: BatchInsert) -> Int { [0, 1, batch.rowsPerStatement + 1, 2 * batch.rowsPerStatement + 7][step] }
        let fates = ["archived", "quarantined", "superseded"]
        let inputs: [InputRecord] = (0..<count(InputRecord.batch)).map { (i: Int) -> InputRecord in
            let kind: String? = i % 2 == 0 ? "OP" : nil
            let bureau: String? = i % 3 == 0 ? nil : "BDT"
            let reason: String? = i % 2 == 0 ? nil : "reason \(i)"
            return InputRecord(file: "OP_\(i) — Opérations.xlsx", sha256: String(repeating: "ab", count: 32), size: i * 1000, kind: kind,
                               bureau: bureau, fate: fates[i % 3], reason: reason)
        }
        let resolved: [ResolvedRecord] = (0..<count(ResolvedRecord.batch)).map { (i: Int) -> ResolvedRecord in
            let bureau: String? = i % 2 == 0 ? "TSB" : nil
            let delta: Double? = i % 3 == 0 ? nil : Double(i) * -2.5
            return ResolvedRecord(id: "FIN-003/T.\(i)-1/2022", rule: "FIN-003", severity: "error", bureau: bureau, delta: delta,
                                  deltaText: "\(i)", why: "rule-no-longer-fires", lastSeenRun: Int64(i % 4 + 1))
        }
        let coverage: [CoverageRecord] = (0..<count(CoverageRecord.batch)).map { (i: Int) -> CoverageRecord in
            CoverageRecord(rule: "KPI-00\(i % 9)", scope: "OP/BDT/\(i)", reason: "no sheet « Plan » (\(i))")
        }
        let id = try history.record(.init(run: RunHistoryFileTests.run(0), inputs: inputs, findings: [], resolved: resolved, coverage: coverage))
        func stamped<R>(_ rows: [R], _ set: (inout R) -> Void) -> [R] { rows.map { var row = $0; set(&row); return row } }
        #expect(try history.inputs(run: id).sorted { $0.file < $1.file } == stamped(inputs) { $0.runID = id }.sorted { $0.file < $1.file })
        #expect(try history.resolved(run: id) == stamped(resolved) { $0.runID = id }.sorted { $0.id < $1.id })
        #expect(try history.coverage(run: id) == stamped(coverage) { $0.runID = id }.sorted { ($0.rule, $0.scope) < ($1.rule, $1.scope) })
        try history.close()
    }
}
