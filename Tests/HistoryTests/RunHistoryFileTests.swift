import Foundation
import GRDB
import Testing
@testable import History

/// The history file on its own: schema, WAL, one transaction per run, and the comparison of two runs.
@Suite struct RunHistoryFileTests {
    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rbm-history-\(UUID().uuidString).sqlite").path
    }

    static func finding(_ id: String, delta: Double? = nil, severity: String = "error", bureau: String? = nil, sources: String = "") -> FindingRecord {
        FindingRecord(id: id, rule: String(id.prefix { $0 != "/" }), severity: severity, bureau: bureau, output: nil, period: nil, expected: nil,
                      actual: nil, delta: delta, expectedText: "", actualText: "", deltaText: delta.map { "\(Int($0))" } ?? "", message: "m",
                      sources: sources, causedBy: "", status: "new", firstSeenRun: nil, runsSeen: 1, deltaChange: nil)
    }

    static func run(_ findings: Int) -> RunRecord {
        RunRecord(pipeline: "p.yaml", pipelineSHA256: "00", rbmVersion: "0.1.0", startedAt: "2026-12-05T10:00:00Z", endedAt: "2026-12-05T10:00:05Z",
                  exitCode: 1, inputs: 1, findings: findings, errors: findings, warnings: 0, infos: 0)
    }

    @Test func aNewFileIsMigratedToTheLatestSchemaInWALMode() throws {
        let path = Self.temporaryFile()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let history = try RunHistory(path: path)
        let (mode, tables, applied) = try history.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name"),
             try RunHistory.migrator.appliedMigrations(db))
        }
        #expect(mode == "wal")
        #expect(tables == ["acknowledgements", "coverage", "findings", "inputs", "resolved", "runs"])
        #expect(applied == ["v1"])
        // Opening again migrates nothing and keeps what is there.
        try history.record(.init(run: Self.run(1), inputs: [], findings: [Self.finding("FIN-012/2022-2023")], resolved: []))
        #expect(try RunHistory(path: path).runs().count == 1)
    }

    @Test func readingOpensNothingThatIsMissingAndWritesNothing() throws {
        let path = Self.temporaryFile()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        #expect(try RunHistory.reading(at: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path))
        let writer = try RunHistory(path: path)
        try writer.record(.init(run: Self.run(1), inputs: [], findings: [Self.finding("A/1")], resolved: []))
        try writer.close()
        let reader = try #require(try RunHistory.reading(at: path))
        #expect(try reader.findings(run: 1).map(\.id) == ["A/1"])
        #expect(throws: (any Error).self) { try reader.writer.write { db in try db.execute(sql: "DELETE FROM findings") } }
        // Recording after the reader is closed leaves the file whole, its `-wal` checkpointed away.
        try reader.close()
        let again = try RunHistory(path: path)
        try again.record(.init(run: Self.run(1), inputs: [], findings: [Self.finding("A/1"), Self.finding("B/1")], resolved: []))
        try again.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try RunHistory.reading(at: path)?.runs().map(\.findings) == [1, 1])
    }

    @Test func aRunIsRecordedWhollyOrNotAtAll() throws {
        let path = Self.temporaryFile()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let history = try RunHistory(path: path)
        try history.record(.init(run: Self.run(1), inputs: [], findings: [Self.finding("A/1")], resolved: []))
        // A second run that fails half-way through its transaction leaves nothing of itself.
        struct Broken: Error {}
        #expect(throws: (any Error).self) {
            try history.writer.write { db in
                var run = Self.run(2)
                try run.insert(db)
                try Self.finding("B/1").inserted(db, runID: run.id!)
                throw Broken()
            }
        }
        #expect(try history.runs().map(\.findings) == [1])
        #expect(try history.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM findings") } == 1)
    }

    @Test func statusesAgainstThePreviousRunAndWhyAFindingWent() {
        let before = [Self.finding("FIN-003/T.2-1/2022", delta: 440000, bureau: "TSB", sources: "OP_TSB_v3.xlsx!Plan!E6; FP.xlsx!Budget!G10"),
                      Self.finding("FIN-012/2022-2023", delta: 50000, sources: "FP.xlsx!Parameters!B2"),
                      Self.finding("SUB-001/OP/BDT", bureau: "BDT"),
                      Self.finding("RSK-003/RSK-GS-03", delta: 4, sources: "RR.xlsx!Risk register!I12")]
        let previousInputs = [InputRecord(file: "OP_TSB_v3.xlsx", sha256: "a", size: 1, kind: "OP", bureau: "TSB", fate: "archived", reason: nil),
                              InputRecord(file: "FP.xlsx", sha256: "b", size: 1, kind: "FP", bureau: nil, fate: "archived", reason: nil),
                              InputRecord(file: "RR.xlsx", sha256: "c", size: 1, kind: "RR", bureau: nil, fate: "archived", reason: nil)]
        let now = [Self.finding("FIN-012/2022-2023", delta: 60000), Self.finding("KPI-001/X"), Self.finding("RF-002/I.3/6")]
        let inputs = [InputRecord(file: "OP_TSB_v4.xlsx", sha256: "d", size: 1, kind: "OP", bureau: "TSB", fate: "archived", reason: nil),
                      InputRecord(file: "FP.xlsx", sha256: "b", size: 1, kind: "FP", bureau: nil, fate: "current", reason: nil),
                      InputRecord(file: "RR.xlsx", sha256: "c", size: 1, kind: "RR", bureau: nil, fate: "current", reason: nil),
                      InputRecord(file: "BDT.xlsx", sha256: "e", size: 1, kind: "OP", bureau: "BDT", fate: "archived", reason: nil)]
        var previous = before
        for i in previous.indices { previous[i].runID = 7; previous[i].firstSeenRun = 5; previous[i].runsSeen = 3 }
        let c = RunComparison(current: now, currentInputs: inputs, previous: previous, previousInputs: previousInputs, previousRunID: 7,
                              seenEarlier: ["RF-002/I.3/6"])
        #expect(c.findings.map(\.status) == ["persisting", "new", "regressed"])
        #expect((c.findings[0].firstSeenRun, c.findings[0].runsSeen, c.findings[0].deltaChange) == (5, 4, 10000))
        #expect(c.changed.map(\.after.id) == ["FIN-012/2022-2023"])
        #expect(Dictionary(uniqueKeysWithValues: c.resolved.map { ($0.id, $0.why) }) == [
            "FIN-003/T.2-1/2022": "input-changed: OP/TSB is now OP_TSB_v4.xlsx (was OP_TSB_v3.xlsx)",
            "SUB-001/OP/BDT": "input-changed: OP/BDT arrived (BDT.xlsx)",
            "RSK-003/RSK-GS-03": "rule-no-longer-fires",
        ])
        #expect(c.resolved.allSatisfy { $0.lastSeenRun == 7 })
    }
}

extension FindingRecord {
    func inserted(_ db: Database, runID: Int64) throws {
        var row = self
        row.runID = runID
        try row.insert(db)
    }
}
