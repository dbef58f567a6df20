import Foundation

/// How urgent a finding is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Hashed by its rank, not its raw text (issue 11, as ``RuleID``'s).
    public func hash(into hasher: inout Hasher) { hasher.combine(rank) }
}

/// A discrepancy or data problem: one row of the discrepancy log.
///
/// Every field is a typed value; the log's text forms are rendered once, by the reports.
///
/// A value type whose fields live in one shared, copy-on-write box (`Fields` in a `Storage`, as
/// swift-collections' containers keep theirs): a finding is copied into arrays, sorted, filtered
/// and handed from stage to stage many times, and a copy is one reference instead of every
/// field's (issue 11: copying the fields inline led the run's profile). A change copies the box
/// first when it is shared, so value semantics hold.
public struct Finding: Hashable, Sendable, Codable {
    /// The fields, stored once; synthesized `Codable` and `Hashable` give the finding's.
    struct Fields: Hashable, Sendable, Codable {
        var id: ID
        var severity: Severity
        var bureau: Bureau?
        var output: OutputCode?
        var period: Period
        var message: Message
        var expected: FindingValue
        var actual: FindingValue
        var delta: FindingValue
        var sources: [SourceRef]
        var causedBy: [ID]
        /// Only in the coded form: in the box it is always nil, the finding keeps its own
        /// (``Finding/status``).
        var status: FindingStatus?
    }

    /// The box the fields live in; changed in place only while no other finding shares it. It
    /// keeps the id's text beside them, made whenever the id is set (issue 11: the logs, the
    /// history, the page and the workbooks asked for it about seven times a finding, about 2,000
    /// instructions each).
    final class Storage: @unchecked Sendable {
        /// Read without the runtime's exclusivity check, as ``FieldBox``'s fields (issue 11).
        @exclusivity(unchecked) var fields: Fields
        @exclusivity(unchecked) private(set) var idText: String
        init(_ fields: Fields) {
            self.fields = fields
            idText = fields.id.description
        }

        func setID(_ id: ID) {
            fields.id = id
            idText = id.description
        }
    }

    private var storage: Storage
    /// The status, beside the box instead of in it: the run sets it on every finding the rules
    /// made, and each set copied the box the finding still shared with the rules' list (issue 11:
    /// 8.5 M instructions at K = 58, on the run's own thread between the rules and the outputs).
    private var statusValue: FindingStatus?

    public var id: ID {
        get { storage.fields.id }
        set {
            makeUnique()
            storage.setID(newValue)
        }
    }
    /// The id as the log writes it (`FIN-003/T.4-1/2023`): `id.description`, made once.
    public var idText: String { storage.idText }
    public var severity: Severity {
        get { storage.fields.severity }
        set { update { $0.severity = newValue } }
    }
    /// The bureau the finding is about, if one.
    public var bureau: Bureau? {
        get { storage.fields.bureau }
        set { update { $0.bureau = newValue } }
    }
    /// The output (or the result a KPI is linked to) the finding is about, if one.
    public var output: OutputCode? {
        get { storage.fields.output }
        set { update { $0.output = newValue } }
    }
    public var period: Period {
        get { storage.fields.period }
        set { update { $0.period = newValue } }
    }
    /// What the finding says, as facts; the reports render its words.
    public var message: Message {
        get { storage.fields.message }
        set { update { $0.message = newValue } }
    }
    public var expected: FindingValue {
        get { storage.fields.expected }
        set { update { $0.expected = newValue } }
    }
    public var actual: FindingValue {
        get { storage.fields.actual }
        set { update { $0.actual = newValue } }
    }
    public var delta: FindingValue {
        get { storage.fields.delta }
        set { update { $0.delta = newValue } }
    }
    /// The cells (ranges, sheets, files) behind the finding, in the order the rule gives.
    public var sources: [SourceRef] {
        get { storage.fields.sources }
        set { update { $0.sources = newValue } }
    }
    /// The root-cause findings that explain this one.
    public var causedBy: [ID] {
        get { storage.fields.causedBy }
        set { update { $0.causedBy = newValue } }
    }
    /// Against the previous committed run (set by the run from its history; nil when none was consulted).
    public var status: FindingStatus? {
        get { statusValue }
        set { statusValue = newValue }
    }

    public init(id: ID, severity: Severity, bureau: Bureau? = nil, output: OutputCode? = nil, period: Period = .none,
                message: Message, expected: FindingValue = .none, actual: FindingValue = .none, delta: FindingValue = .none,
                sources: [SourceRef], causedBy: [ID] = []) {
        storage = Storage(Fields(id: id, severity: severity, bureau: bureau, output: output, period: period, message: message,
                                 expected: expected, actual: actual, delta: delta, sources: sources, causedBy: causedBy, status: nil))
    }

    /// Copies the box first when another finding shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// Changes the fields other than the id (``id``'s setter keeps its text too).
    private mutating func update(_ change: (inout Fields) -> Void) {
        makeUnique()
        change(&storage.fields)
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.statusValue == b.statusValue && (a.storage === b.storage || a.storage.fields == b.storage.fields)
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
        hasher.combine(statusValue)
    }

    /// The same keyed form as the fields' (`id`, `severity`, …, `status`).
    public init(from decoder: any Decoder) throws {
        var fields = try Fields(from: decoder)
        statusValue = fields.status
        fields.status = nil
        storage = Storage(fields)
    }

    public func encode(to encoder: any Encoder) throws {
        guard let statusValue else { return try storage.fields.encode(to: encoder) }
        var fields = storage.fields
        fields.status = statusValue
        try fields.encode(to: encoder)
    }

    public var rule: RuleID { storage.fields.id.rule }

    /// The natural key: the id without its rule prefix.
    public var key: String { id.key }
}

/// The rule catalogue, in catalogue order (the log's primary sort key).
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable {
    case sub001 = "SUB-001"
    case fin001 = "FIN-001", fin002 = "FIN-002", fin003 = "FIN-003", fin004 = "FIN-004", fin005 = "FIN-005", fin006 = "FIN-006"
    case fin007 = "FIN-007", fin008 = "FIN-008", fin009 = "FIN-009", fin010 = "FIN-010", fin011 = "FIN-011", fin012 = "FIN-012"
    case dat001 = "DAT-001", dat002 = "DAT-002", dat003 = "DAT-003"
    case rf001 = "RF-001", rf002 = "RF-002", rf003 = "RF-003", rf004 = "RF-004", rf005 = "RF-005"
    case kpi001 = "KPI-001", kpi002 = "KPI-002"
    case rsk001 = "RSK-001", rsk002 = "RSK-002", rsk003 = "RSK-003"

    /// The rule's place in the catalogue: its case's, which ``allCases`` lists in order
    /// (`RuleIDOrderTests`).
    var rank: Int {
        switch self {
        case .sub001: 0
        case .fin001: 1
        case .fin002: 2
        case .fin003: 3
        case .fin004: 4
        case .fin005: 5
        case .fin006: 6
        case .fin007: 7
        case .fin008: 8
        case .fin009: 9
        case .fin010: 10
        case .fin011: 11
        case .fin012: 12
        case .dat001: 13
        case .dat002: 14
        case .dat003: 15
        case .rf001: 16
        case .rf002: 17
        case .rf003: 18
        case .rf004: 19
        case .rf005: 20
        case .kpi001: 21
        case .kpi002: 22
        case .rsk001: 23
        case .rsk002: 24
        case .rsk003: 25
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Hashed by its place, not its text: a raw-value enum's default hashes the raw string
    /// (issue 11: the logs' and the page's tallies look rules up about 9,000 times a run).
    public func hash(into hasher: inout Hasher) { hasher.combine(rank) }
}

extension Finding {
    /// Catalogue order, then the natural order of the key.
    public static func logOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        return NaturalOrder.less(a.key, b.key)
    }

    /// `findings` in log order (``logOrder``), each key split into its natural-order runs once.
    public static func sortedForLog(_ findings: [Finding]) -> [Finding] {
        let keys = findings.map { NaturalOrder.Key($0.key) }
        let ranks = findings.map(\.rule.rank)
        return findings.indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            return NaturalOrder.Key.less(keys, i, j)
        }.map { findings[$0] }
    }
}

/// A bureau's regular-budget total for a year on both sides: the financial plan's figure and the
/// computed sum of its operational plan (FIN-004's comparison, shown in the consolidated workbook).
public struct BureauTotal: Hashable, Sendable, Codable {
    public var bureau: Bureau
    public var year: Int
    public var financialPlan: Exact
    public var operationalPlan: Exact

    public init(bureau: Bureau, year: Int, financialPlan: Exact, operationalPlan: Exact) {
        self.bureau = bureau
        self.year = year
        self.financialPlan = financialPlan
        self.operationalPlan = operationalPlan
    }
}
