import Results

/// `discrepancies.jsonl`: one object per finding, keys in column order, non-ASCII kept as UTF-8.
public enum DiscrepancyJSONL {
    public static func render(_ findings: [Finding]) -> String {
        var out = ""
        for f in findings {
            let strings: [(String, String)] = [("id", f.id), ("rule", f.rule.rawValue), ("severity", f.severity.rawValue), ("bureau", f.bureau),
                                               ("output", f.output), ("period", f.period), ("message", f.message), ("expected", f.expected),
                                               ("actual", f.actual), ("delta", f.delta)]
            var parts = strings.map { "\(JSON.string($0.0)):\(JSON.string($0.1))" }
            parts.append("\"sources\":[" + f.sources.map(JSON.string).joined(separator: ",") + "]")
            parts.append("\"caused_by\":[" + f.causedBy.map(JSON.string).joined(separator: ",") + "]")
            out += "{" + parts.joined(separator: ",") + "}\n"
        }
        return out
    }
}

/// Minimal JSON text encoding that leaves non-ASCII characters as they are.
public enum JSON {
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
