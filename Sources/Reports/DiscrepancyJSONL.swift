import Results

/// `discrepancies.jsonl`: one object per finding, keys in column order, non-ASCII kept as UTF-8.
public enum DiscrepancyJSONL {
    public static func render(_ findings: [Finding], language: Language = .en) -> String {
        var out = ""
        for f in findings {
            let parts = LogColumn.allCases.map { column in
                JSON.string(column.name) + ":"
                    + (column.isList ? "[" + column.items(f, in: language).map(JSON.string).joined(separator: ",") + "]" : JSON.string(column.text(f, in: language)))
            }
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
