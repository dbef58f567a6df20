import Results

/// Every rule's title and description in one language, with a run's tolerances, worded once:
/// the page, the Discrepancies sheet and the feedback workbooks show them beside each finding,
/// and a description quotes amounts that are formatted anew each time it is made (issue 11).
public struct RuleTexts: Sendable {
    private let entries: [RuleID: RuleDescriptions.Entry]

    public init(_ language: Language, tolerances: Tolerances = Tolerances()) {
        entries = Dictionary(uniqueKeysWithValues: RuleID.allCases.map { ($0, language.rule($0, tolerances: tolerances)) })
    }

    /// `language.rule(rule, tolerances: tolerances)`, as worded when this was made.
    public subscript(rule: RuleID) -> RuleDescriptions.Entry { entries[rule]! }
}
