import Results

/// The findings counted by rule, by bureau and by severity in one pass, for the Summary sheet's
/// and the page's tables: each used to filter a copy of the findings per rule and per bureau
/// (issue 11).
struct FindingTally {
    private var rules: [RuleID: [Severity: Int]] = [:]
    private var bureaus: [Bureau?: [Severity: Int]] = [:]
    private var firsts: [RuleID: Int] = [:]
    private(set) var statuses: Set<FindingStatus> = []

    init(_ findings: [Finding]) {
        for index in findings.indices {
            let rule = findings[index].rule, severity = findings[index].severity
            rules[rule, default: [:]][severity, default: 0] += 1
            bureaus[findings[index].bureau, default: [:]][severity, default: 0] += 1
            if firsts[rule] == nil { firsts[rule] = index }
            if let status = findings[index].status { statuses.insert(status) }
        }
    }

    /// The findings of `rule`, of one severity or of all.
    func count(rule: RuleID, _ severity: Severity? = nil) -> Int {
        Self.count(rules[rule], severity)
    }

    /// The findings about `bureau` (nil: those about no bureau), of one severity or of all.
    func count(bureau: Bureau?, _ severity: Severity? = nil) -> Int {
        Self.count(bureaus[bureau], severity)
    }

    /// The index of the first finding of `rule`.
    func first(of rule: RuleID) -> Int? { firsts[rule] }

    private static func count(_ bySeverity: [Severity: Int]?, _ severity: Severity?) -> Int {
        guard let bySeverity else { return 0 }
        return severity.map { bySeverity[$0] ?? 0 } ?? bySeverity.values.reduce(0, +)
    }
}
