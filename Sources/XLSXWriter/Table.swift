/// An Excel table (a ListObject) over a range of a sheet, added by `SheetWriter.addTable(_:)`.
///
/// Maps `<table>` in `xl/tables/tableN.xml`. The first row of the range is the header: its cells
/// must hold exactly the column names given here (the rows written to the sheet supply them), and
/// the table brings its own filter buttons and banded style.
public struct Table: Hashable, Sendable {
    /// The cells the table covers, header included, such as `"A1:D120"`.
    public var range: String
    /// The table's name in formulas (`Budget[Amount]`); `Table1`, `Table2`… when `nil`.
    public var name: String?
    /// The header of each column, left to right.
    public var columns: [String]
    /// A built-in style such as `TableStyleMedium2` or `TableStyleLight9`.
    public var style: String
    /// Whether alternate rows are shaded.
    public var bandedRows: Bool

    public init(
        range: String, name: String? = nil, columns: [String], style: String = "TableStyleMedium2",
        bandedRows: Bool = true
    ) {
        self.range = range
        self.name = name
        self.columns = columns
        self.style = style
        self.bandedRows = bandedRows
    }
}
