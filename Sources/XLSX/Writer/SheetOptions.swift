/// How a worksheet is laid out and shown.
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

    public init(
        columnWidths: [Double?] = [],
        freezeRows: Int = 0,
        freezeColumns: Int = 0,
        autoFilter: Bool = false,
        tabColor: String? = nil,
        hidden: Bool = false
    ) {
        self.columnWidths = columnWidths
        self.freezeRows = freezeRows
        self.freezeColumns = freezeColumns
        self.autoFilter = autoFilter
        self.tabColor = tabColor
        self.hidden = hidden
    }
}
