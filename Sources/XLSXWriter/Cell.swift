/// A value and its optional style, as one element of a row passed to `SheetWriter.writeRow(_:height:)`.
///
/// Literals make plain cells: `try sheet.writeRow(["Code", 42, 1.5, true])`.
public struct Cell: Hashable, Sendable {
    public var value: CellValue
    /// The cell's format; `nil` is the workbook's default (Calibri 11, General).
    public var style: CellStyle?

    public init(_ value: CellValue, style: CellStyle? = nil) {
        self.value = value
        self.style = style
    }

    /// An empty cell, written only when it has a style.
    public static let empty = Cell(.empty)
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self.init(.string(value)) }
    public init(integerLiteral value: Int) { self.init(.number(Double(value))) }
    public init(floatLiteral value: Double) { self.init(.number(value)) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
}
