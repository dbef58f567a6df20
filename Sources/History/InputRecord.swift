import GRDB
import Results

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

    enum CodingKeys: String, CodingKey, CaseIterable { case runID = "run_id", file, sha256, size, kind, bureau, fate, reason }

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
    public var isReconciled: Bool { Fate(rawValue: fate)?.isReconciled ?? false }
}
