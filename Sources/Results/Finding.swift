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
}

/// A discrepancy or data problem: one row of the discrepancy log.
///
/// Every field is a typed value; the log's text forms are rendered once, by the reports.
public struct Finding: Hashable, Sendable, Codable {
    public var id: ID
    public var severity: Severity
    /// The bureau the finding is about, if one.
    public var bureau: Bureau?
    /// The output (or the result a KPI is linked to) the finding is about, if one.
    public var output: OutputCode?
    public var period: Period
    /// What the finding says, as facts; the reports render its words.
    public var message: Message
    public var expected: FindingValue
    public var actual: FindingValue
    public var delta: FindingValue
    /// The cells (ranges, sheets, files) behind the finding, in the order the rule gives.
    public var sources: [SourceRef]
    /// The root-cause findings that explain this one.
    public var causedBy: [ID]
    /// Against the previous committed run (set by the run from its history; nil when none was consulted).
    public var status: FindingStatus?

    public init(id: ID, severity: Severity, bureau: Bureau? = nil, output: OutputCode? = nil, period: Period = .none,
                message: Message, expected: FindingValue = .none, actual: FindingValue = .none, delta: FindingValue = .none,
                sources: [SourceRef], causedBy: [ID] = []) {
        self.id = id
        self.severity = severity
        self.bureau = bureau
        self.output = output
        self.period = period
        self.message = message
        self.expected = expected
        self.actual = actual
        self.delta = delta
        self.sources = sources
        self.causedBy = causedBy
    }

    public var rule: RuleID { id.rule }

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

    private static let ranks = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
    private var rank: Int { Self.ranks[self]! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
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
        return findings.indices.sorted { i, j in
            let a = findings[i], b = findings[j]
            if a.rule != b.rule { return a.rule < b.rule }
            return keys[i] < keys[j]
        }.map { findings[$0] }
    }
}

/// A bureau's regular-budget total for a year on both sides: the financial plan's figure and the
/// computed sum of its operational plan (FIN-004's comparison, shown in the consolidated workbook).
public struct BureauTotal: Hashable, Sendable, Codable {
    public var bureau: Bureau
    public var year: Int
    public var financialPlan: Decimal
    public var operationalPlan: Decimal

    public init(bureau: Bureau, year: Int, financialPlan: Decimal, operationalPlan: Decimal) {
        self.bureau = bureau
        self.year = year
        self.financialPlan = financialPlan
        self.operationalPlan = operationalPlan
    }
}
