/// One non-empty cell as read from a worksheet.
public struct SheetCell: Sendable, Equatable {
    /// The cell's value after shared-string and date resolution.
    public enum Value: Sendable, Equatable {
        /// A number with the exact text stored in the file (`"3950000"`, `"0.1"`), for exact decimals.
        case number(Double, text: String)
        case string(String)
        case bool(Bool)
        /// An error value such as `#DIV/0!` or `#N/A`.
        case error(String)
        /// A date/time: a number with a date format, or a `t="d"` ISO cell; `iso` is ISO 8601.
        case date(serial: Double?, iso: String)
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
        }
    }
}

/// One row of a worksheet: its 1-based number and its non-empty cells, left to right.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in `column` (1-based), if not empty.
    public subscript(column: Int) -> SheetCell? {
        cells.first { $0.reference.column == column }
    }
}
