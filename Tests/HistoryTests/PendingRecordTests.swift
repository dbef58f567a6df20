import Foundation
import GRDB
import Testing
@testable import History

/// A run's record written ahead (``PendingRecord``): nothing of it is in the history before its
/// commit, all of it after, nothing after an abandon; a failure anywhere comes out of the commit.
@Suite struct PendingRecordTests {
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func entry(findings: [String]) -> RunHistory.Entry {
        var run = RunHistoryFileTests.run(findings.count)
        run.endedAt = ""
        run.exitCode = 0
        return .init(run: run, inputs: [InputRecord(file: "FP.xlsx", sha256: "ab", size: 3, kind: "FP", bureau: nil, fate: "archived", reason: nil)],
                     findings: findings.map { RunHistoryFileTests.finding($0) }, resolved: [],
                     coverage: [CoverageRecord(rule: "KPI-001", scope: "KPIs", reason: "no sheet")])
    }

    @Test(.timeLimit(.minutes(1)))
    func nothingBeforeTheCommitEverythingAfter() throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { Self.remove(path) }
        let earlier = try RunHistory(path: path)
        try earlier.record(.init(run: RunHistoryFileTests.run(1), inputs: [], findings: [RunHistoryFileTests.finding("A/1")], resolved: []))
        try earlier.close()
        let pending = PendingRecord(path: path, entry: Self.entry(findings: ["A/1", "B/1"]))
        pending.start()
        pending.waitUntilInserted()
        // A reader meanwhile sees the last committed run only, and a second writer waits.
        let other = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") } }
        try other.close()
        let reader = try #require(try RunHistory.reading(at: path))
        #expect(try reader.runs().count == 1)
        try reader.close()
        let id = try pending.commit(endedAt: "2026-12-05T10:00:09Z", exitCode: 2)
        // The writer's close was the last: the `-wal` is checkpointed into the file and removed.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let history = try RunHistory(path: path)
        let runs = try history.runs()
        #expect(runs.map(\.id) == [1, id])
        #expect(runs.last?.endedAt == "2026-12-05T10:00:09Z")
        #expect(runs.last?.exitCode == 2)
        #expect(try history.findings(run: id).map(\.id) == ["A/1", "B/1"])
        #expect(try history.inputs(run: id).map(\.file) == ["FP.xlsx"])
        #expect(try history.coverage(run: id).map(\.rule) == ["KPI-001"])
        #expect(try history.integrityCheck() == "ok")
        try history.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func anAbandonedRecordLeavesNothing() throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { Self.remove(path) }
        let pending = PendingRecord(path: path, entry: Self.entry(findings: ["A/1"]))
        pending.start()
        pending.waitUntilInserted()
        pending.abandon()
        pending.abandon()   // once is enough; again changes nothing
        let history = try RunHistory(path: path)
        #expect(try history.runs().isEmpty)
        #expect(try history.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM findings") } == 0)
        // A commit after the abandon records nothing either.
        #expect(throws: (any Error).self) { try pending.commit(endedAt: "x", exitCode: 0) }
        #expect(try history.runs().isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func aRecordNeverStartedIsWrittenByItsCommitAndLeavesNothingWhenAbandoned() throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { Self.remove(path) }
        let abandoned = PendingRecord(path: path, entry: Self.entry(findings: ["A/1"]))
        abandoned.abandon()
        abandoned.start()   // too late: nothing is written
        #expect(!FileManager.default.fileExists(atPath: path))
        let id = try PendingRecord(path: path, entry: Self.entry(findings: ["A/1", "B/1"])).commit(endedAt: "2026-12-05T10:00:09Z", exitCode: 0)
        let history = try RunHistory(path: path)
        #expect(try history.findings(run: id).map(\.id) == ["A/1", "B/1"])
    }

    @Test(.timeLimit(.minutes(1)))
    func aHistoryThatCannotBeOpenedFailsTheCommit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-pending-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Not a database.
        let path = folder.appendingPathComponent("history.sqlite").path
        try Data("not a database, just text that is long enough to be read as a header".utf8).write(to: URL(fileURLWithPath: path))
        let pending = PendingRecord(path: path, entry: Self.entry(findings: ["A/1"]))
        #expect(throws: (any Error).self) { try pending.commit(endedAt: "x", exitCode: 0) }
        pending.abandon()   // after a failure: nothing to do, and no wait forever
        // A folder that does not exist.
        let nowhere = PendingRecord(path: folder.appendingPathComponent("no/such/history.sqlite").path, entry: Self.entry(findings: []))
        #expect(throws: (any Error).self) { try nowhere.commit(endedAt: "x", exitCode: 0) }
    }

    /// The history opened ahead (issue 11): a record through it commits as one that opens the
    /// history itself; abandoned before it started, the opened history is closed (its `-wal`
    /// checkpointed and removed); an opening no record took over is closed by `close()`.
    @Test(.timeLimit(.minutes(1)))
    func aHistoryOpenedAheadIsRecordedIntoOrClosed() throws {
        let path = RunHistoryFileTests.temporaryFile()
        defer { Self.remove(path) }
        let id = try PendingRecord(opening: HistoryOpening(path: path), entry: Self.entry(findings: ["A/1", "B/1"]))
            .commit(endedAt: "2026-12-05T10:00:09Z", exitCode: 1)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let history = try RunHistory(path: path)
        #expect(try history.runs().map(\.exitCode) == [1])
        #expect(try history.findings(run: id).map(\.id) == ["A/1", "B/1"])
        try history.close()

        let abandoned = PendingRecord(opening: HistoryOpening(path: path), entry: Self.entry(findings: ["C/1"]))
        abandoned.abandon()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let unused = HistoryOpening(path: path)
        unused.close()
        unused.close()   // once is enough
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let after = try RunHistory(path: path)
        #expect(try after.runs().count == 1)
        try after.close()
    }

    @Test(.timeLimit(.minutes(1)))
    func aHistoryThatCannotBeOpenedAheadFailsTheCommit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-pending-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let opening = HistoryOpening(path: folder.appendingPathComponent("no/such/history.sqlite").path)
        let pending = PendingRecord(opening: opening, entry: Self.entry(findings: []))
        #expect(throws: (any Error).self) { try pending.commit(endedAt: "x", exitCode: 0) }
        pending.abandon()
        opening.close()   // nothing was opened: nothing to do
    }
}
