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
    /// Prints the whole sheet on one page, scaled down as needed (width and height); wins over
    /// `fitToWidth`.
    public var fitToPage: Bool
    /// The paper the sheet is printed on; `nil` leaves it to the printer's default (Letter in Excel).
    public var paperSize: PaperSize?
    /// Printed at the top and the bottom of every page, in Excel's header and footer codes: `&L`,
    /// `&C` and `&R` start the left, centre and right sections, `&P` is the page number, `&N` the
    /// page count, `&A` the sheet's name; a literal `&` is `&&` (`HeaderFooter.literal(_:)`).
    /// At most 255 characters each.
    public var pageHeader: String?
    public var pageFooter: String?
    /// The printed page's margins; `nil` is Excel's Normal preset.
    public var margins: PageMargins?

    public init(
        columnWidths: [Double?] = [],
        freezeRows: Int = 0,
        freezeColumns: Int = 0,
        autoFilter: Bool = false,
        tabColor: String? = nil,
        hidden: Bool = false,
        landscape: Bool = false,
        fitToWidth: Bool = false,
        repeatRowsAtTop: Int = 0,
        fitToPage: Bool = false,
        paperSize: PaperSize? = nil,
        pageHeader: String? = nil,
        pageFooter: String? = nil,
        margins: PageMargins? = nil
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
        self.fitToPage = fitToPage
        self.paperSize = paperSize
        self.pageHeader = pageHeader
        self.pageFooter = pageFooter
        self.margins = margins
    }
}

/// Page margins in inches (`<pageMargins>`), the header and footer measured from the paper's edge.
public struct PageMargins: Hashable, Sendable {
    public var left, right, top, bottom, header, footer: Double

    public init(left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double) {
        (self.left, self.right, self.top, self.bottom, self.header, self.footer) = (left, right, top, bottom, header, footer)
    }

    /// Excel's Normal preset, what a sheet without margins prints with.
    public static let normal = PageMargins(left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)
    /// Excel's Narrow preset.
    public static let narrow = PageMargins(left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3)
}

/// A paper size of `<pageSetup paperSize>` (ECMA-376 Part 1, 18.3.1.63).
public enum PaperSize: Int, Hashable, Sendable {
    case letter = 1
    case legal = 5
    case a3 = 8
    case a4 = 9
}

/// Helpers for the header and footer codes of `SheetOptions.pageHeader` and `pageFooter`.
public enum HeaderFooter {
    /// `text` as it should print: each `&` doubled, so that no part of it reads as a code.
    public static func literal(_ text: String) -> String {
        text.replacing("&", with: "&&")
    }

    /// Excel's limit on a header or footer, in characters.
    public static let maxLength = 255
}
