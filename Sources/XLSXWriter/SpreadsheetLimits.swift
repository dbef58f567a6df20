/// Excel's hard limits that the writer enforces, public so that a caller can fit its content to
/// them before writing (a report must never fail because one text is too long or a row too tall).
public enum SpreadsheetLimits {
    /// Rows in a worksheet.
    public static let rows = WorksheetPart.maxRows
    /// Columns in a worksheet.
    public static let columns = WorksheetPart.maxColumns
    /// UTF-16 code units in one cell's text (and in one note).
    public static let cellText = WorksheetPart.maxStringLength
    /// A row's height in points.
    public static let rowHeight = WorksheetPart.maxRowHeight
    /// Characters in a sheet name.
    public static let sheetName = WorkbookWriter.maxSheetNameLength
    /// Characters in a hyperlink's tooltip or display text.
    public static let linkText = 255

    /// `text` cut to its first `limit` characters. A text of at most `limit` UTF-8 bytes has at
    /// most `limit` characters and is kept whole without walking them (issue 11: every finding's
    /// link tooltip, about 8,000 instructions each as characters).
    public static func clipped(_ text: String, to limit: Int) -> String {
        text.utf8.count <= limit ? text : String(text.prefix(limit))
    }
}
