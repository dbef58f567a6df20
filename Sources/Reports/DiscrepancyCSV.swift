import Results

/// `discrepancies.csv`: the twelve columns of domain.md (d), UTF-8, LF, RFC 4180 minimal quoting.
public enum DiscrepancyCSV {
    public static let columns = LogColumn.allCases.map(\.name)

    /// The whole file, header first, one line per finding, the last line ended by LF; `language`
    /// words the message column and typed terms (the header stays: it is the log's schema).
    public static func render(_ findings: [Finding], language: Language = .en) -> String {
        render(LogText(findings, language: language))
    }

    /// The whole file from texts already rendered (``LogText``), one line per finding.
    public static func render(_ log: LogText) -> String {
        String(decoding: renderBytes(log), as: UTF8.self)
    }

    /// ``render(_:)``'s file as UTF-8 bytes, for writing: built as bytes (``TextBuffer``) and never
    /// checked again as a string (issue 11).
    public static func renderBytes(_ log: LogText) -> [UInt8] {
        var out = TextBuffer(capacity: log.count * 320)
        out.append(columns.joined(separator: ",") + "\n")
        for index in 0..<log.count {
            for (offset, column) in LogText.columns.enumerated() {
                if offset > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(quote(log.text(index, column)))
            }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out.bytes
    }

    /// Quotes a field only when it holds `,`, `"`, CR or LF; doubles inner quotes. A field that
    /// needs no quotes is the field itself, no new string (every field of the log goes through here).
    static func quote(_ field: String) -> String {
        // `,` `"` CR LF are ASCII: no other character's UTF-8 holds their bytes, and a CR LF
        // cluster holds a CR.
        guard field.containsByte(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return field }
        return "\"" + field.replacingBytes(of: "\"", with: "\"\"") + "\""
    }
}
