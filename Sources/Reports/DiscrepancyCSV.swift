import Results

/// `discrepancies.csv`: the twelve columns of domain.md (d), UTF-8, LF, RFC 4180 minimal quoting.
public enum DiscrepancyCSV {
    public static let columns = ["id", "rule", "severity", "bureau", "output", "period", "message", "expected", "actual", "delta", "sources", "caused_by"]

    /// The whole file, header first, one line per finding, the last line ended by LF.
    public static func render(_ findings: [Finding]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for f in findings {
            let fields = [f.id, f.rule.rawValue, f.severity.rawValue, f.bureau, f.output, f.period, f.message, f.expected, f.actual,
                          f.delta, f.sources.joined(separator: "; "), f.causedBy.joined(separator: "; ")]
            out += fields.map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field only when it holds `,`, `"`, CR or LF; doubles inner quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
