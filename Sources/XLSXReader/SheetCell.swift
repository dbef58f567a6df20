public import XLSXCore

/// One non-empty cell as read from a worksheet: a value, or a formula without a saved result.
public struct SheetCell: Sendable, Equatable {
    /// The cell's value after shared-string and date resolution.
    public enum Value: Sendable, Equatable {
        /// A number and its decimal text, for exact decimals downstream: the file's own digits
        /// (`"3950000"`, `"0.1"`, `"1E+3"`) when they are at most 15 significant, otherwise the
        /// shortest text of the same double (`0.6899999999999999` is carried as `"0.69"`,
        /// `2.2999999999999998` as `"2.3"`; see `NumberText+Shortest.swift`).
        case number(Double, text: String)
        case string(String)
        case bool(Bool)
        /// An error value such as `#DIV/0!` or `#N/A`.
        case error(String)
        /// A date/time: a number with a date format, or a `t="d"` ISO cell; `iso` is ISO 8601.
        case date(serial: Double?, iso: String)
        /// A formula whose result was never saved (the file was written by a program that does not
        /// calculate, such as openpyxl): the value is unknown until a spreadsheet program opens and
        /// saves the workbook. The cell's `formula` holds the text. Other readers see a blank cell.
        case uncalculated
    }

    public var reference: CellReference
    public var value: Value
    /// The formula text (without `=`) when the cell holds one; `value` is its cached result.
    public var formula: String?
    /// Index into the workbook's cell formats (`cellXfs`); 0 is the default.
    public var styleIndex: Int

    public init(reference: CellReference, value: Value, formula: String? = nil, styleIndex: Int = 0) {
        self.reference = reference
        self.value = value
        self.formula = formula
        self.styleIndex = styleIndex
    }

    /// The value as a person would read it in a plain cell, for messages and as-typed columns.
    public var text: String {
        switch value {
        case .number(_, let text): return text
        case .string(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .date(_, let iso): return iso
        case .uncalculated: return ""
        }
    }
}

/// One row of a worksheet: its 1-based number and its non-empty cells, left to right.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SheetCell]
    /// Cells written with a `<v>` element that holds nothing (`<v/>`) and no formula, left to
    /// right. They are left out of `cells` like any blank (Excel, openpyxl and calamine show
    /// nothing there), and listed here because no spreadsheet program writes them: a cell that
    /// was meant to hold a value and lost it, which a caller may want to tell from a blank.
    public var emptyValues: [CellReference]

    public init(number: Int, cells: [SheetCell], emptyValues: [CellReference] = []) {
        self.number = number
        self.cells = cells
        self.emptyValues = emptyValues
    }

    /// The cell in `column` (1-based), if not empty.
    public subscript(column: Int) -> SheetCell? {
        cells.first { $0.reference.column == column }
    }
}

extension SheetCell {
    /// A number as JSON text that reads back as the same value: the file's own digits when they
    /// are a valid JSON number (`470000`, `0.1`, `1.5E+22`), otherwise the shortest round-trip
    /// form without a needless `.0`; nil when the value is not finite (JSON has no NaN).
    public static func jsonNumber(_ value: Double, text: String) -> String? {
        guard value.isFinite else { return nil }
        if isJSONNumber(text) { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let n = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
