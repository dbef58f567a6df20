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
/// The columns and their formats are pinned by domain.md (d) "Discrepancy log"; every text here is
/// already in its final form.
public struct Finding: Hashable, Sendable, Codable {
    /// `<rule>/<natural key>`, possibly with `#2` appended when a key repeats.
    public var id: String
    public var rule: RuleID
    public var severity: Severity
    public var bureau: String
    public var output: String
    public var period: String
    public var message: String
    public var expected: String
    public var actual: String
    public var delta: String
    /// `file!sheet!cell` texts, in the order the rule gives.
    public var sources: [String]
    /// Ids of the root-cause findings that explain this one.
    public var causedBy: [String]

    public init(id: String, rule: RuleID, severity: Severity, bureau: String = "", output: String = "", period: String = "",
                message: String, expected: String = "", actual: String = "", delta: String = "", sources: [String], causedBy: [String] = []) {
        self.id = id
        self.rule = rule
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

    /// The natural key: the id without its rule prefix.
    public var key: String {
        let prefix = rule.rawValue + "/"
        return id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
    }
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

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

extension Finding {
    /// Catalogue order, then the natural order of the key.
    public static func logOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        return NaturalOrder.less(a.key, b.key)
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
