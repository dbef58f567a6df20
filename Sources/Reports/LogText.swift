import Results

/// The log's texts of a run's findings in one language, rendered once through ``LogColumn`` and
/// shared by every output that shows them: the CSV, the JSON lines, the page, the workbook's
/// Discrepancies sheet and the feedback workbooks (issue 11). A finding's message used to be
/// worded again by each output, up to six times.
///
/// Finding `i` of the list it was made from has its texts at index `i`; ``text(_:_:)`` gives
/// exactly what `column.text(finding, in: language)` gives, ``items(_:_:)`` what
/// `column.items(finding, in: language)` gives.
public struct LogText: Sendable {
    public let language: Language
    /// Each finding's column texts, `columnCount` per finding, in `LogColumn.allCases` order.
    private var texts: [String]
    /// Each finding's sources and causes, one text per item.
    private var sources: [[String]]
    private var causes: [[String]]

    static let columns = LogColumn.allCases
    static let columnCount = columns.count

    /// Renders the texts of `findings` in `language`.
    public init(_ findings: some Collection<Finding>, language: Language = .en) {
        self.language = language
        texts = []
        texts.reserveCapacity(findings.count * Self.columnCount)
        sources = []
        sources.reserveCapacity(findings.count)
        causes = []
        causes.reserveCapacity(findings.count)
        for finding in findings {
            let sourceItems = LogColumn.sources.items(finding, in: language)
            let causeItems = LogColumn.causedBy.items(finding, in: language)
            for column in Self.columns {
                switch column {
                case .sources: texts.append(sourceItems.joined(separator: "; "))
                case .causedBy: texts.append(causeItems.joined(separator: "; "))
                default: texts.append(column.text(finding, in: language))
                }
            }
            sources.append(sourceItems)
            causes.append(causeItems)
        }
    }

    /// The texts of `parts` one after the other, as if rendered from their findings in a row
    /// (the write stage renders halves of the findings on two cores). All parts share a language.
    public init(concatenating parts: [LogText], language: Language = .en) {
        self.language = parts.first?.language ?? language
        texts = parts.flatMap(\.texts)
        sources = parts.flatMap(\.sources)
        causes = parts.flatMap(\.causes)
    }

    /// The number of findings.
    public var count: Int { sources.count }

    /// Words each finding's status again from `findings`, the list the texts were made from with
    /// their statuses set since (a run words its findings while it looks into its history, which
    /// gives them their statuses: issue 11). Every other column is unchanged.
    /// (An array, not any collection: the generic form ran unspecialised across the module
    /// boundary, 3.4 M instructions at K = 58 on the run's one thread for 2,157 words; issue 11.)
    public mutating func restate(statuses findings: [Finding]) {
        precondition(findings.count == count, "the texts' own findings")
        let slot = Self.slot(.status)
        for index in findings.indices {
            texts[index * Self.columnCount + slot] = LogColumn.status.text(findings[index], in: language)
        }
    }

    /// Finding `index`'s text in `column` (a list joined by `; `, as in the CSV).
    public func text(_ index: Int, _ column: LogColumn) -> String {
        texts[index * Self.columnCount + Self.slot(column)]
    }

    /// Finding `index`'s items in `column`: one per source or cause for a list column, the one
    /// text otherwise.
    public func items(_ index: Int, _ column: LogColumn) -> [String] {
        switch column {
        case .sources: sources[index]
        case .causedBy: causes[index]
        default: [text(index, column)]
        }
    }

    /// The column's place in `LogColumn.allCases`, without hashing its raw value.
    @inline(__always)
    static func slot(_ column: LogColumn) -> Int {
        switch column {
        case .id: 0
        case .rule: 1
        case .severity: 2
        case .bureau: 3
        case .output: 4
        case .period: 5
        case .message: 6
        case .expected: 7
        case .actual: 8
        case .delta: 9
        case .sources: 10
        case .causedBy: 11
        case .status: 12
        }
    }
}
