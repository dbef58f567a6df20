import Foundation

/// The Open XML SDK's validation, ported to Python (`openxml-audit`, installed into `.venv` by
/// `make test`): the closest check to "opens in Excel without repair" on a machine without Excel.
public enum OpenXMLAudit {
    /// What the audit says of one workbook.
    public struct Verdict: Sendable, CustomStringConvertible {
        /// `opens-clean`, `repair-or-rewrite-likely`, … (the tool's prediction for Microsoft Excel).
        public var prediction: String
        /// Findings of severity `error`: schema, package or semantic violations.
        public var errors: [String]
        /// Findings of severity `warning`, such as Excel rewriting inline strings when it saves.
        public var warnings: [String]
        public var description: String {
            "\(prediction); errors: \(errors.joined(separator: " | ")); warnings: \(warnings.joined(separator: " | "))"
        }
    }

    /// `.venv/bin/openxml-audit`, when `make test` installed it.
    public static var executable: String? {
        let path = Fixtures.path(".venv/bin/openxml-audit")
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Audits `path` against Office 2019.
    public static func audit(_ path: String) throws -> Verdict? {
        guard let executable else { return nil }
        let data = try Subprocess.run(executable, ["--output", "json", "--max-errors", "0", "--format", "office2019", path],
                                      errors: .discard).output
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]], let report = list.first else { return nil }
        let prediction = (report["verdict"] as? [String: Any])?["prediction"] as? String ?? "?"
        let findings = report["errors"] as? [[String: Any]] ?? []
        func texts(_ severity: String) -> [String] {
            findings.filter { $0["severity"] as? String == severity }.map { finding in
                ["description", "part_uri", "path"].compactMap { finding[$0] as? String }.joined(separator: " ")
            }
        }
        return Verdict(prediction: prediction, errors: texts("error"), warnings: texts("warning"))
    }
}
