import GRDB

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

    enum CodingKeys: String, CodingKey, CaseIterable {
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
