import Results

/// `discrepancies.csv`: the twelve columns of domain.md (d), UTF-8, LF, RFC 4180 minimal quoting.
public enum DiscrepancyCSV {
    public static let columns = LogColumn.allCases.map(\.name)

    /// The whole file, header first, one line per finding, the last line ended by LF; `language`
    /// words the message column and typed terms (the header stays: it is the log's schema).
    public static func render(_ findings: [Finding], language: Language = .en) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for f in findings {
            out += LogColumn.allCases.map { quote($0.text(f, in: language)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field only when it holds `,`, `"`, CR or LF; doubles inner quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingBytes(of: "\"", with: "\"\"") + "\""
    }
}
