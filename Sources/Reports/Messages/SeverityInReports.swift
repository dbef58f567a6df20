import Results

extension Severity {
    /// The severity as a heading's or a note's word, before translation: `Error`, `Warning`,
    /// `Info` (written out: Foundation's `capitalized` took about 2,900 instructions a feedback
    /// note, issue 11).
    var word: String {
        switch self {
        case .error: "Error"
        case .warning: "Warning"
        case .info: "Info"
        }
    }

    /// The severities in the order a reviewer reads them, most severe first: the columns and
    /// legends of the page's and the Summary sheet's tables.
    static let reviewOrder: [Severity] = allCases.sorted(by: >)
}
