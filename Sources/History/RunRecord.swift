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
