import Results

/// The discrepancy log's columns, in order (domain.md (d) "Discrepancy log"): the one table that the
/// CSV, the JSON lines, the page and the workbook's Discrepancies sheet all follow. Each finding's
/// typed fields are turned into the log's text forms here and nowhere else.
public enum LogColumn: String, CaseIterable, Sendable {
    case id, rule, severity, bureau, output, period, message, expected, actual, delta, sources
    case causedBy = "caused_by"
    /// `new`, `persisting`, `regressed` or `acknowledged` (docs/history.md); empty when the run kept no history.
    case status

    /// The column's name in the CSV header and the JSON keys.
    public var name: String { rawValue }

    /// True for the columns that hold a list (`sources`, `caused_by`).
    public var isList: Bool { self == .sources || self == .causedBy }

    /// The column's items for a list column; a scalar column gives its one text.
    public func items(_ f: Finding) -> [String] {
        switch self {
        case .sources: f.sources.map(\.description)
        case .causedBy: f.causedBy.map(\.description)
        default: [text(f)]
        }
    }

    /// The column's text; a list is joined by `; ` as in the CSV.
    public func text(_ f: Finding) -> String {
        switch self {
        case .id: f.id.description
        case .rule: f.rule.rawValue
        case .severity: f.severity.rawValue
        case .bureau: f.bureau?.rawValue ?? ""
        case .output: f.output?.text ?? ""
        case .period: f.period.description
        case .message: f.message.english
        case .expected: f.expected.text
        case .actual: f.actual.text
        case .delta: f.delta.text
        case .sources, .causedBy: items(f).joined(separator: "; ")
        case .status: f.status?.rawValue ?? ""
        }
    }
}
