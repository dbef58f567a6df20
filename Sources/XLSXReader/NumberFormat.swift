/// Number format codes: which ones show dates, and the built-in codes by id.
public enum NumberFormat {
    /// Built-in format ids that display dates or times (ECMA-376 Part 1 §18.8.30 and the
    /// locale-dependent East Asian ids 27-36, 50-58).
    static let builtInDateIDs: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Built-in codes that callers may want to see (percentages above all).
    static let builtInCodes: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
        11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
        17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
        22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
        40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
    ]

    /// True when `code` displays a date or time: outside quotes, brackets and escapes it contains
    /// d, m, y, h or s (`[h]` elapsed time counts; colour and condition brackets do not).
    public static func isDate(code: String) -> Bool {
        firstSection(of: code, bracket: { b in !b.isEmpty && b.allSatisfy { "hms".contains($0) } },
                     letter: { "dDmMyYhHsS".contains($0) })
    }

    /// True when the first section of `code` shows elapsed time: an `[h]`, `[mm]` or `[s]`
    /// bracket outside quotes (`[h]:mm:ss`, `[mm]:ss`), which counts past 24 hours and 60 minutes.
    public static func isElapsed(code: String) -> Bool {
        firstSection(of: code, bracket: { ["h", "hh", "m", "mm", "s", "ss"].contains($0) }, letter: { _ in false })
    }

    /// Scans the first (positive) section of a format code, skipping quoted text and escaped
    /// characters; true as soon as a bracket's lowercased content or a bare character qualifies.
    private static func firstSection(of code: String, bracket qualifies: (String) -> Bool, letter: (Character) -> Bool) -> Bool {
        var inQuotes = false
        var inBracket = false
        var bracket = ""
        var escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuotes { if ch == "\"" { inQuotes = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    if qualifies(bracket.lowercased()) { return true }
                    bracket = ""
                } else { bracket.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true
            case ";": return false   // only the first (positive) section decides
            default: if letter(ch) { return true }
            }
        }
        return false
    }

    /// How a cell format shows a number: as a number, a date/time, or elapsed time.
    enum Display: UInt8 { case number, date, elapsed }

    /// The display of a format id with its custom code, if any (a custom code replaces the
    /// built-in meaning of its id).
    static func display(id: Int, code: String?) -> Display {
        if let code {
            if isElapsed(code: code) { return .elapsed }
            return isDate(code: code) ? .date : .number
        }
        if id == 46 { return .elapsed }
        return builtInDateIDs.contains(id) ? .date : .number
    }

    /// True for a built-in date id, or a custom code that displays a date.
    static func isDate(id: Int, code: String?) -> Bool {
        display(id: id, code: code) != .number
    }
}
