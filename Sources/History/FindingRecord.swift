import Foundation
import GRDB

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

    enum CodingKeys: String, CodingKey, CaseIterable {
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

    /// The row's columns read by name, as the `CodingKeys` name them (GRDB's `Decodable` route goes
    /// through a decoder per row; a run reads thousands: issue 11).
    public init(row: Row) throws {
        runID = row["run_id"]
        id = row["id"]
        rule = row["rule"]
        severity = row["severity"]
        bureau = row["bureau"]
        output = row["output"]
        period = row["period"]
        expected = row["expected"]
        actual = row["actual"]
        delta = row["delta"]
        expectedText = row["expected_text"]
        actualText = row["actual_text"]
        deltaText = row["delta_text"]
        message = row["message"]
        sources = row["sources"]
        causedBy = row["caused_by"]
        status = row["status"]
        firstSeenRun = row["first_seen_run"]
        runsSeen = row["runs_seen"]
        deltaChange = row["delta_change"]
    }

    /// The table's columns, as the `CodingKeys` name them, in the order of ``databaseValues``.
    static let columns = CodingKeys.allCases.map(\.rawValue)

    /// The record's values, column by column (``columns``).
    var databaseValues: [(any DatabaseValueConvertible)?] {
        [runID, id, rule, severity, bureau, output, period, expected, actual, delta, expectedText, actualText, deltaText, message, sources,
         causedBy, status, firstSeenRun, runsSeen, deltaChange]
    }

    /// The record's columns (written straight, not through an encoder).
    public func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.columns, databaseValues) { container[column] = value }
    }

    /// The files its sources name.
    public var sourceFiles: [String] {
        sources.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { String($0.split(separator: "!", maxSplits: 1).first ?? "") }
    }
}
