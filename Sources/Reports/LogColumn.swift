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
    public func items(_ f: Finding, in language: Language = .en) -> [String] {
        switch self {
        case .sources: f.sources.map(\.description)
        case .causedBy: f.causedBy.map(\.description)
        default: [text(f, in: language)]
        }
    }

    /// The column's text; a list is joined by `; ` as in the CSV. `language` words the message
    /// and typed terms (`Term`) of expected/actual/delta; every other column is the same in each.
    public func text(_ f: Finding, in language: Language = .en) -> String {
        switch self {
        case .id: f.idText
        case .rule: f.rule.rawValue
        case .severity: f.severity.rawValue
        case .bureau: f.bureau?.rawValue ?? ""
        case .output: f.output?.text ?? ""
        case .period: f.period.description
        case .message: language == .en ? f.message.english : language.catalogue.text(f.message)
        case .expected: language.text(f.expected)
        case .actual: language.text(f.actual)
        case .delta: language.text(f.delta)
        case .sources, .causedBy: items(f).joined(separator: "; ")
        case .status: f.status?.rawValue ?? ""
        }
    }
}
