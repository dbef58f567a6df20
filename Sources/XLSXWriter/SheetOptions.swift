/// How a worksheet is laid out, shown and printed.
public struct SheetOptions: Hashable, Sendable {
    /// Widths in characters (0...255) by column from A; `nil`, or a column past the end, is
    /// estimated from the longest value written in it.
    public var columnWidths: [Double?]
    /// Rows kept in view at the top while scrolling (for example 1 for a header row).
    public var freezeRows: Int
    /// Columns kept in view at the left while scrolling.
    public var freezeColumns: Int
    /// Adds filter buttons over the written range, its first row being the header.
    public var autoFilter: Bool
    /// The sheet tab's colour, `AARRGGBB` or `RRGGBB`.
    public var tabColor: String?
    /// Hides the sheet; at least one sheet of a workbook must stay visible.
    public var hidden: Bool
    /// Prints across the page rather than down.
    public var landscape: Bool
    /// Prints every column on one page width, with as many pages down as the rows need.
    public var fitToWidth: Bool
    /// Rows at the top printed again on every page, for example 1 for a header row (Excel's
    /// "rows to repeat at top", the `_xlnm.Print_Titles` name).
    public var repeatRowsAtTop: Int

    public init(
        columnWidths: [Double?] = [],
        freezeRows: Int = 0,
        freezeColumns: Int = 0,
        autoFilter: Bool = false,
        tabColor: String? = nil,
        hidden: Bool = false,
        landscape: Bool = false,
        fitToWidth: Bool = false,
        repeatRowsAtTop: Int = 0
    ) {
        self.columnWidths = columnWidths
        self.freezeRows = freezeRows
        self.freezeColumns = freezeColumns
        self.autoFilter = autoFilter
        self.tabColor = tabColor
        self.hidden = hidden
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.repeatRowsAtTop = repeatRowsAtTop
    }
}
