/// Where a hyperlink added by `SheetWriter.addHyperlink(at:to:tooltip:)` leads.
public enum Hyperlink: Hashable, Sendable {
    /// An external address such as `https://www.itu.int/` or `mailto:rbm@itu.int`, stored as a
    /// relationship of the sheet.
    case url(String)
    /// A cell or range of a sheet of the same workbook, such as `("Budget", "B4")`.
    case cell(sheet: String, reference: String)

    /// Excel's limit on the length of an address.
    static let maxURLLength = 2_079
}
