import Results

/// The log's text forms of a finding's typed fields, for assertions written as the log shows them.
extension Finding {
    var idText: String { id.description }
    var sourceTexts: [String] { sources.map(\.description) }
    var causeTexts: [String] { causedBy.map(\.description) }
    var texts: (expected: String, actual: String, delta: String) { (expected.text, actual.text, delta.text) }
}
