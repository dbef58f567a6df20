import GRDB

/// What a run did not check (or checked only in part), and why: a row of `coverage`, one per
/// skipped or limited scope of a rule (`Results.Coverage`).
public struct CoverageRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "coverage"
    public var runID: Int64 = 0
    public var rule: String
    /// What was not checked: a bureau, a sheet, a column (`OP/BDT`, `FP!Budget by output!F`).
    public var scope: String
    public var reason: String

    enum CodingKeys: String, CodingKey, CaseIterable { case runID = "run_id", rule, scope, reason }

    public init(rule: String, scope: String, reason: String) {
        self.rule = rule
        self.scope = scope
        self.reason = reason
    }
}
