import Foundation
import GRDB

/// The run history of one drop folder: `history.sqlite` beside `archive/` (docs/history.md).
///
/// Opened in WAL mode, migrated from v1 on open. A run is recorded in one transaction, after its
/// outputs, manifest and inputs are committed: a run stopped before leaves the history as the last
/// committed run left it, and a run stopped inside the transaction leaves nothing of itself.
public final class RunHistory: Sendable {
    /// The file's name beside `archive/`.
    public static let fileName = "history.sqlite"
    /// A pool for writing, or one read-only connection (``reading(at:)``).
    let writer: any DatabaseWriter

    /// Opens (creating it when missing) and migrates the history at `path`.
    /// - Throws: GRDB's `DatabaseError` when the file is not a database or cannot be written.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
    }

    private init(reader: DatabaseQueue) {
        writer = reader
    }

    /// The history at `path` when the file exists; nil otherwise (nothing is created).
    public static func existing(at path: String) throws -> RunHistory? {
        FileManager.default.fileExists(atPath: path) ? try RunHistory(path: path) : nil
    }

    /// The history at `path` opened for reading only, nil when the file does not exist: no
    /// migration and no write, so looking back costs no flush of the file or its folder (issue 11).
    /// A history whose schema is older than this rbm's is opened for writing and migrated instead,
    /// as ``existing(at:)`` does, so the queries always meet the current schema. Recording needs
    /// ``init(path:)``.
    /// - Throws: GRDB's `DatabaseError` when the file is not a database.
    public static func reading(at path: String) throws -> RunHistory? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        guard try reader.read({ db in try migrator.hasCompletedMigrations(db) }) else { return try RunHistory(path: path) }
        return RunHistory(reader: reader)
    }

    /// Closes the file now instead of when the last reference goes. `recall`'s read-only history
    /// is closed before the run is recorded: the writer is then the last connection to close, and
    /// its close checkpoints the `-wal` file into the database and removes it, as it did when one
    /// connection both read and recorded.
    /// - Throws: GRDB's `DatabaseError` when a statement is still running.
    public func close() throws {
        try writer.close()
    }

    /// Every schema version, from the first. A new version is a new `registerMigration`, never an
    /// edit of an old one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pipeline", .text).notNull().indexed()
                t.column("pipeline_sha256", .text).notNull()
                t.column("rbm_version", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("ended_at", .text).notNull()
                t.column("exit_code", .integer).notNull()
                for count in ["inputs", "findings", "errors", "warnings", "infos", "new", "persisting", "regressed", "resolved", "acknowledged"] {
                    t.column(count, .integer).notNull().defaults(to: 0)
                }
                t.column("previous_run_id", .integer).references("runs")
            }
            try db.create(table: "inputs") { t in
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("file", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("kind", .text)
                t.column("bureau", .text)
                t.column("fate", .text).notNull()
                t.column("reason", .text)
            }
            try db.create(table: "findings") { t in
                t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                t.column("id", .text).notNull()
                t.primaryKey(["run_id", "id"], onConflict: .replace)
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("bureau", .text)
                t.column("output", .text)
                t.column("period", .text)
                t.column("expected", .double)
                t.column("actual", .double)
                t.column("delta", .double)
                t.column("expected_text", .text).notNull()
                t.column("actual_text", .text).notNull()
                t.column("delta_text", .text).notNull()
                t.column("message", .text).notNull()
                t.column("sources", .text).notNull()
                t.column("caused_by", .text).notNull()
                t.column("status", .text).notNull()
                t.column("first_seen_run", .integer)
                t.column("runs_seen", .integer).notNull()
                t.column("delta_change", .double)
            }
            try db.create(index: "findings_on_id", on: "findings", columns: ["id"])
            try db.create(table: "resolved") { t in
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("id", .text).notNull()
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("bureau", .text)
                t.column("delta", .double)
                t.column("delta_text", .text).notNull()
                t.column("why", .text).notNull()
                t.column("last_seen_run", .integer).notNull()
            }
            try db.create(table: "coverage") { t in
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("rule", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("reason", .text).notNull()
            }
            try db.create(table: "acknowledgements") { t in
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("finding_id", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("who", .text).notNull()
                t.column("date", .text).notNull()
                t.column("expires", .text)
                t.column("cap", .double)
                t.column("state", .text).notNull()
            }
        }
        return migrator
    }

    /// Everything one run leaves in the history.
    public struct Entry: Sendable {
        public var run: RunRecord
        public var inputs: [InputRecord]
        public var findings: [FindingRecord]
        public var resolved: [ResolvedRecord]
        public var coverage: [CoverageRecord]
        public var acknowledgements: [AcknowledgementRecord]

        public init(run: RunRecord, inputs: [InputRecord], findings: [FindingRecord], resolved: [ResolvedRecord],
                    coverage: [CoverageRecord] = [], acknowledgements: [AcknowledgementRecord] = []) {
            self.run = run
            self.inputs = inputs
            self.findings = findings
            self.resolved = resolved
            self.coverage = coverage
            self.acknowledgements = acknowledgements
        }
    }

    /// Records one committed run in one transaction; returns its id.
    @discardableResult
    public func record(_ entry: Entry) throws -> Int64 {
        try writer.write { db in try Self.insert(entry, into: db) }
    }

    /// Inserts every row of `entry` in the transaction `db` is in; returns the run's id.
    static func insert(_ entry: Entry, into db: Database) throws -> Int64 {
        var run = entry.run
        // The history assigns every run's id.
        run.id = nil
        try run.insert(db)
        let id = run.id!
        try InputRecord.insert(entry.inputs, run: id, into: db)
        try FindingRecord.insert(entry.findings, run: id, into: db)
        try ResolvedRecord.insert(entry.resolved, run: id, into: db)
        try CoverageRecord.insert(entry.coverage, run: id, into: db)
        for var row in entry.acknowledgements { row.runID = id; try row.insert(db) }
        return id
    }

    /// SQLite's own check of the file: `ok` when every page, index and constraint is whole.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// When the run that first accepted a workbook with these bytes (fate `archived`) started.
    public func firstAccepted(sha256: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT r.started_at FROM inputs i JOIN runs r ON r.id = i.run_id
                WHERE i.sha256 = ? AND i.fate = 'archived' ORDER BY r.id LIMIT 1
                """, arguments: [sha256])
        }
    }

    /// Committed runs, oldest first (of one pipeline when given).
    public func runs(pipeline: String? = nil) throws -> [RunRecord] {
        try writer.read { db in
            var request = RunRecord.order(Column("id"))
            if let pipeline { request = request.filter(Column("pipeline") == pipeline) }
            return try request.fetchAll(db)
        }
    }

    /// One run by id.
    public func run(_ id: Int64) throws -> RunRecord? {
        try writer.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The last committed run of `pipeline`.
    public func lastRun(pipeline: String) throws -> RunRecord? {
        try writer.read { db in
            try RunRecord.filter(Column("pipeline") == pipeline).order(Column("id").desc).fetchOne(db)
        }
    }

    /// A run's findings in its log's order (the order they were recorded in).
    public func findings(run: Int64) throws -> [FindingRecord] {
        try writer.read { db in try FindingRecord.filter(Column("run_id") == run).order(Column.rowID).fetchAll(db) }
    }

    public func inputs(run: Int64) throws -> [InputRecord] {
        try writer.read { db in try InputRecord.filter(Column("run_id") == run).fetchAll(db) }
    }

    public func resolved(run: Int64) throws -> [ResolvedRecord] {
        try writer.read { db in try ResolvedRecord.filter(Column("run_id") == run).order(Column("id")).fetchAll(db) }
    }

    /// What `run` could not check (or checked only in part), rule by rule.
    public func coverage(run: Int64) throws -> [CoverageRecord] {
        try writer.read { db in try CoverageRecord.filter(Column("run_id") == run).order(Column("rule"), Column("scope")).fetchAll(db) }
    }

    public func acknowledgements(run: Int64) throws -> [AcknowledgementRecord] {
        try writer.read { db in try AcknowledgementRecord.filter(Column("run_id") == run).order(Column("finding_id")).fetchAll(db) }
    }

    /// The ids among `ids` that some run of `pipeline` before `run` had.
    public func seenBefore(_ ids: Set<String>, pipeline: String, before run: Int64) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try writer.read { db in
            let seen = try String.fetchAll(db, sql: """
                SELECT DISTINCT f.id FROM findings f JOIN runs r ON r.id = f.run_id
                WHERE r.pipeline = ? AND r.id < ?
                """, arguments: [pipeline, run])
            return ids.intersection(seen)
        }
    }
}
