import GRDB

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
