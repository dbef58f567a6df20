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
}
