/// The value of one cell as the writer stores it.
///
/// Dates are written as serial numbers in the 1900 date system; a date cell without a number format
/// gets `yyyy-mm-dd` so that it displays as a date.
public enum CellValue: Hashable, Sendable {
    /// No value; the cell is written only when it has a style.
    case empty
    /// Text, up to 32,767 UTF-16 code units (Excel's limit).
    case string(String)
    /// A finite number; integral values print without a fraction (`42`, not `42.0`).
    case number(Double)
    /// An exact decimal in plain or scientific notation (`-45000.5`, `1.5E-3`), written verbatim.
    case decimal(String)
    case bool(Bool)
    /// A calendar date, 1900-01-01 to 9999-12-31.
    case date(year: Int, month: Int, day: Int)
    /// A formula (with or without the leading `=`) and the value Excel shows until it recalculates.
    indirect case formula(String, cached: CellValue)
}

extension CellValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
