/// The format of a cell: font, fill, number format, alignment and border.
///
/// Equal styles share one entry (`<xf>`) in `xl/styles.xml`; `CellStyle()` is the default format.
/// Colours are hex `AARRGGBB` or `RRGGBB` (opaque), with or without a leading `#`.
public struct CellStyle: Hashable, Sendable {
    /// Maps `ST_HorizontalAlignment`.
    public enum HorizontalAlignment: String, Hashable, Sendable {
        case general, left, center, right, fill, justify, centerContinuous, distributed
    }

    /// The cell's border on all four sides.
    public enum Border: String, Hashable, Sendable {
        case none, thin
    }

    public var bold: Bool
    public var italic: Bool
    /// A single underline, as hyperlinks have.
    public var underline: Bool
    /// Font colour, e.g. `"FF9C0006"`.
    public var fontColor: String?
    /// Solid background colour, e.g. `"FFFFC7CE"`.
    public var fillColor: String?
    /// An Excel number format code such as `"#,##0"`, `"0.0"`, `"0.00%"` or `"yyyy-mm-dd"`.
    public var numberFormat: String?
    public var horizontalAlignment: HorizontalAlignment?
    public var wrapText: Bool
    public var border: Border

    public init(
        bold: Bool = false,
        italic: Bool = false,
        fontColor: String? = nil,
        fillColor: String? = nil,
        numberFormat: String? = nil,
        horizontalAlignment: HorizontalAlignment? = nil,
        wrapText: Bool = false,
        border: Border = .none,
        underline: Bool = false
    ) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.numberFormat = numberFormat
        self.horizontalAlignment = horizontalAlignment
        self.wrapText = wrapText
        self.border = border
    }
}

extension CellStyle {
    /// Blue underlined text, as Excel shows a hyperlink.
    public static let hyperlink = CellStyle(fontColor: "FF0563C1", underline: true)
}
