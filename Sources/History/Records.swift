import Foundation
import GRDB

/// One committed run: a row of `runs`.
public struct RunRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "runs"
    public var id: Int64?
    public var pipeline: String
    public var pipelineSHA256: String
    public var rbmVersion: String
    /// ISO 8601.
    public var startedAt: String
    public var endedAt: String
    /// `rbm run`'s exit code for this run (acknowledged findings do not count).
    public var exitCode: Int
    public var inputs: Int
    public var findings: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var new: Int
    public var persisting: Int
    public var regressed: Int
    public var resolved: Int
    public var acknowledged: Int
    /// The run this one was compared with (the previous committed run of the same pipeline).
    public var previousRunID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, pipeline, pipelineSHA256 = "pipeline_sha256", rbmVersion = "rbm_version", startedAt = "started_at", endedAt = "ended_at"
        case exitCode = "exit_code", inputs, findings, errors, warnings, infos, new, persisting, regressed, resolved, acknowledged
        case previousRunID = "previous_run_id"
    }

    public init(pipeline: String, pipelineSHA256: String, rbmVersion: String, startedAt: String, endedAt: String, exitCode: Int,
                inputs: Int, findings: Int, errors: Int, warnings: Int, infos: Int, new: Int = 0, persisting: Int = 0, regressed: Int = 0,
                resolved: Int = 0, acknowledged: Int = 0, previousRunID: Int64? = nil) {
        self.pipeline = pipeline
        self.pipelineSHA256 = pipelineSHA256
        self.rbmVersion = rbmVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.exitCode = exitCode
        self.inputs = inputs
        self.findings = findings
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.new = new
        self.persisting = persisting
        self.regressed = regressed
        self.resolved = resolved
        self.acknowledged = acknowledged
        self.previousRunID = previousRunID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One input of a run, as the manifest lists it: a row of `inputs`.
public struct InputRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "inputs"
    public var runID: Int64 = 0
    public var file: String
    public var sha256: String
    public var size: Int
    /// `RF`, `FP`, `OP`, `RR`.
    public var kind: String?
    public var bureau: String?
    /// `archived`, `superseded`, `quarantined`, `current`, `current-unreadable`.
    public var fate: String
    public var reason: String?

    enum CodingKeys: String, CodingKey { case runID = "run_id", file, sha256, size, kind, bureau, fate, reason }

    public init(file: String, sha256: String, size: Int, kind: String?, bureau: String?, fate: String, reason: String?) {
        self.file = file
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.bureau = bureau
        self.fate = fate
        self.reason = reason
    }

    /// The (kind, bureau) slot it fills: `OP/BR`, `FP/`.
    public var slot: String { "\(kind ?? "")/\(bureau ?? "")" }
    /// Read and reconciled in its run (arrived and accepted, or carried over as current).
    public var isReconciled: Bool { fate == "archived" || fate == "current" }
}

/// One finding of a run with its typed fields flattened: a row of `findings`.
public struct FindingRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "findings"
    public var runID: Int64 = 0
    /// The stable id, `RULE/key` (`FIN-003/BR/2.1-01/2022`).
    public var id: String
    public var rule: String
    public var severity: String
    public var bureau: String?
    public var output: String?
    public var period: String?
    /// The number behind each value when it has one (for queries); the log's text beside it.
    public var expected: Double?
    public var actual: Double?
    public var delta: Double?
    public var expectedText: String
    public var actualText: String
    public var deltaText: String
    public var message: String
    /// `file!sheet!cell` references joined by `; `, as in the CSV.
    public var sources: String
    public var causedBy: String
    /// `new`, `persisting`, `regressed` or `acknowledged`.
    public var status: String
    /// The run it was first seen in (of the unbroken series that ends here), and how many runs of
    /// that series it was in.
    public var firstSeenRun: Int64?
    public var runsSeen: Int
    /// This run's delta minus the previous run's (persisting findings with numbers on both sides).
    public var deltaChange: Double?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", id, rule, severity, bureau, output, period, expected, actual, delta
        case expectedText = "expected_text", actualText = "actual_text", deltaText = "delta_text", message, sources
        case causedBy = "caused_by", status, firstSeenRun = "first_seen_run", runsSeen = "runs_seen", deltaChange = "delta_change"
    }

    public init(id: String, rule: String, severity: String, bureau: String?, output: String?, period: String?, expected: Double?,
                actual: Double?, delta: Double?, expectedText: String, actualText: String, deltaText: String, message: String,
                sources: String, causedBy: String, status: String, firstSeenRun: Int64?, runsSeen: Int, deltaChange: Double?) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.bureau = bureau
        self.output = output
        self.period = period
        self.expected = expected
        self.actual = actual
        self.delta = delta
        self.expectedText = expectedText
        self.actualText = actualText
        self.deltaText = deltaText
        self.message = message
        self.sources = sources
        self.causedBy = causedBy
        self.status = status
        self.firstSeenRun = firstSeenRun
        self.runsSeen = runsSeen
        self.deltaChange = deltaChange
    }

    /// The files its sources name.
    public var sourceFiles: [String] {
        sources.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { String($0.split(separator: "!", maxSplits: 1).first ?? "") }
    }
}

/// A finding of the previous run that this run no longer has: a row of `resolved`.
public struct ResolvedRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "resolved"
    public var runID: Int64 = 0
    public var id: String
    public var rule: String
    public var severity: String
    public var bureau: String?
    /// Its delta in the last run that had it.
    public var delta: Double?
    public var deltaText: String
    /// `input-changed: …`, `superseded: …` or `rule-no-longer-fires`.
    public var why: String
    public var lastSeenRun: Int64

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", id, rule, severity, bureau, delta, deltaText = "delta_text", why, lastSeenRun = "last_seen_run"
    }

    public init(id: String, rule: String, severity: String, bureau: String?, delta: Double?, deltaText: String, why: String, lastSeenRun: Int64) {
        self.id = id
        self.rule = rule
        self.severity = severity
        self.bureau = bureau
        self.delta = delta
        self.deltaText = deltaText
        self.why = why
        self.lastSeenRun = lastSeenRun
    }
}

/// What a run did not check, and why: a row of `coverage` (filled by the coverage accounting of
/// issue 15; the table is ready).
public struct CoverageRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "coverage"
    public var runID: Int64 = 0
    public var rule: String
    /// What was not checked: a bureau, a sheet, a column (`OP/BDT`, `FP!Budget by output!F`).
    public var scope: String
    public var reason: String

    enum CodingKeys: String, CodingKey { case runID = "run_id", rule, scope, reason }

    public init(rule: String, scope: String, reason: String) {
        self.rule = rule
        self.scope = scope
        self.reason = reason
    }
}

/// An acknowledgement as a run applied it: a row of `acknowledgements`.
public struct AcknowledgementRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "acknowledgements"
    public var runID: Int64 = 0
    public var findingID: String
    public var reason: String
    public var who: String
    /// ISO dates (`2026-11-30`).
    public var date: String
    public var expires: String?
    /// The absolute delta the finding may reach and stay acknowledged.
    public var cap: Double?
    /// `in-force` (it covered the finding), `expired`, `over-cap` (the finding reopened) or
    /// `unmatched` (no finding of the run has the id).
    public var state: String

    enum CodingKeys: String, CodingKey { case runID = "run_id", findingID = "finding_id", reason, who, date, expires, cap, state }

    public init(findingID: String, reason: String, who: String, date: String, expires: String?, cap: Double?, state: String) {
        self.findingID = findingID
        self.reason = reason
        self.who = who
        self.date = date
        self.expires = expires
        self.cap = cap
        self.state = state
    }
}
