import Foundation
import Results

extension FindingRecord {
    /// The row of a finding: its typed fields flattened, numbers beside their log text; `message` is its words
    /// (rendered by Reports, which History does not import).
    public init(_ f: Finding, message: String, texts: Texts? = nil) {
        func number(_ value: FindingValue) -> Double? { value.number.map { $0.doubleValue } }
        self.init(id: f.idText, rule: f.rule.rawValue, severity: f.severity.rawValue, bureau: f.bureau?.rawValue,
                  output: f.output?.text, period: f.period.description.isEmpty ? nil : f.period.description,
                  expected: number(f.expected), actual: number(f.actual), delta: number(f.delta),
                  expectedText: texts?.expected ?? f.expected.text, actualText: texts?.actual ?? f.actual.text,
                  deltaText: texts?.delta ?? f.delta.text, message: message,
                  sources: texts?.sources ?? f.sources.map(\.description).joined(separator: "; "),
                  causedBy: texts?.causedBy ?? f.causedBy.map(\.description).joined(separator: "; "),
                  status: f.status?.rawValue ?? "new", firstSeenRun: nil, runsSeen: 1, deltaChange: nil)
    }

    /// A finding's texts as the history keeps them, when the run has them already (the log's
    /// English texts: issue 11); each must be what the finding's own `text` and `description` give.
    public struct Texts {
        public var expected, actual, delta, sources, causedBy: String
        public init(expected: String, actual: String, delta: String, sources: String, causedBy: String) {
            (self.expected, self.actual, self.delta, self.sources, self.causedBy) = (expected, actual, delta, sources, causedBy)
        }
    }
}
