import Results

/// `discrepancies.jsonl`: one object per finding, keys in column order, non-ASCII kept as UTF-8.
public enum DiscrepancyJSONL {
    public static func render(_ findings: [Finding], language: Language = .en) -> String {
        render(LogText(findings, language: language))
    }

    /// The whole file from texts already rendered (``LogText``), one object per finding.
    public static func render(_ log: LogText) -> String {
        String(decoding: renderBytes(log), as: UTF8.self)
    }

    /// ``render(_:)``'s file as UTF-8 bytes, for writing: built as bytes (``TextBuffer``; about
    /// seventy pieces a finding, each appended to a string cost about 340 instructions) and never
    /// checked again as a string (issue 11).
    public static func renderBytes(_ log: LogText) -> [UInt8] {
        // Each key with its quotes and colon, once.
        let keys = LogText.columns.map { JSON.string($0.name) + ":" }
        var out = TextBuffer(capacity: log.count * 500)
        for index in 0..<log.count {
            out.append(byte: UInt8(ascii: "{"))
            for (offset, column) in LogText.columns.enumerated() {
                if offset > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(keys[offset])
                if column.isList {
                    out.append(byte: UInt8(ascii: "["))
                    for (n, item) in log.items(index, column).enumerated() {
                        if n > 0 { out.append(byte: UInt8(ascii: ",")) }
                        JSON.append(item, to: &out)
                    }
                    out.append(byte: UInt8(ascii: "]"))
                } else {
                    JSON.append(log.text(index, column), to: &out)
                }
            }
            out.append("}\n")
        }
        return out.bytes
    }
}

/// Minimal JSON text encoding that leaves non-ASCII characters as they are.
public enum JSON {
    public static func string(_ s: String) -> String {
        var out = ""
        append(s, to: &out)
        return out
    }

    /// Whether a UTF-8 byte is escaped in a JSON string: `"`, `\` or a control character. All are
    /// ASCII, so a text without them is written as it is.
    static func isEscaped(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }

    /// ``string(_:)`` appended to `out`: a text with nothing to escape (the rule) is copied whole.
    static func append(_ s: String, to out: inout TextBuffer) {
        if s.containsByte(where: isEscaped) {
            out.append(string(s))
        } else {
            out.append(byte: UInt8(ascii: "\""))
            out.append(s)
            out.append(byte: UInt8(ascii: "\""))
        }
    }

    /// ``string(_:)`` appended to `out`: a text with nothing to escape (the rule) is copied whole.
    public static func append(_ s: String, to out: inout String) {
        guard s.containsByte(where: isEscaped) else {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
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
        out += "\""
    }
}
