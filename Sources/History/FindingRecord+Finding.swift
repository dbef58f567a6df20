import Foundation
import Results

extension FindingRecord {
    /// The row of a finding: its typed fields flattened, numbers beside their log text; `message` is its words
    /// (rendered by Reports, which History does not import).
    public init(_ f: Finding, message: String) {
        func number(_ value: FindingValue) -> Double? { value.number.map { $0.doubleValue } }
        self.init(id: f.id.description, rule: f.rule.rawValue, severity: f.severity.rawValue, bureau: f.bureau?.rawValue,
                  output: f.output?.text, period: f.period.description.isEmpty ? nil : f.period.description,
                  expected: number(f.expected), actual: number(f.actual), delta: number(f.delta),
                  expectedText: f.expected.text, actualText: f.actual.text, deltaText: f.delta.text, message: message,
                  sources: f.sources.map(\.description).joined(separator: "; "), causedBy: f.causedBy.map(\.description).joined(separator: "; "),
                  status: f.status?.rawValue ?? "new", firstSeenRun: nil, runsSeen: 1, deltaChange: nil)
    }
}
