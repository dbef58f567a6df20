/// The format of a cell: font, fill, number format, alignment and border.
///
/// Equal styles share one entry (`<xf>`) in `xl/styles.xml`; `CellStyle()` is the default format.
/// Colours are hex `AARRGGBB` or `RRGGBB` (opaque), with or without a leading `#`.
///
/// The fields live in one shared, immutable box, so a style costs one reference count to copy
/// however many texts it holds: every cell carries its style through the writer several times
/// (issue 11: copying the three optional strings, and destroying the copies, was about 2 % of a
/// large run). Setting a field makes a new box; equal boxes compare by identity first.
public struct CellStyle: Hashable, Sendable {
    /// Maps `ST_HorizontalAlignment`.
    public enum HorizontalAlignment: String, Hashable, Sendable {
        case general, left, center, right, fill, justify, centerContinuous, distributed
    }

    /// The cell's border on all four sides.
    public enum Border: String, Hashable, Sendable {
        case none, thin
    }

    /// The fields, compared and hashed by value.
    struct Fields: Hashable, Sendable {
        var bold: Bool
        var italic: Bool
        var underline: Bool
        var fontColor: String?
        var fillColor: String?
        var numberFormat: String?
        var horizontalAlignment: HorizontalAlignment?
        var wrapText: Bool
        var border: Border
    }

    final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Reads a field; sets it in a new box (styles are made once and read for every cell).
    private subscript<Value>(_ field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            var fields = box.fields
            fields[keyPath: field] = newValue
            box = Box(fields)
        }
    }

    public var bold: Bool {
        get { box.fields.bold }
        set { self[\.bold] = newValue }
    }
    public var italic: Bool {
        get { box.fields.italic }
        set { self[\.italic] = newValue }
    }
    /// A single underline, as hyperlinks have.
    public var underline: Bool {
        get { box.fields.underline }
        set { self[\.underline] = newValue }
    }
    /// Font colour, e.g. `"FF9C0006"`.
    public var fontColor: String? {
        get { box.fields.fontColor }
        set { self[\.fontColor] = newValue }
    }
    /// Solid background colour, e.g. `"FFFFC7CE"`.
    public var fillColor: String? {
        get { box.fields.fillColor }
        set { self[\.fillColor] = newValue }
    }
    /// An Excel number format code such as `"#,##0"`, `"0.0"`, `"0.00%"` or `"yyyy-mm-dd"`.
    public var numberFormat: String? {
        get { box.fields.numberFormat }
        set { self[\.numberFormat] = newValue }
    }
    public var horizontalAlignment: HorizontalAlignment? {
        get { box.fields.horizontalAlignment }
        set { self[\.horizontalAlignment] = newValue }
    }
    public var wrapText: Bool {
        get { box.fields.wrapText }
        set { self[\.wrapText] = newValue }
    }
    public var border: Border {
        get { box.fields.border }
        set { self[\.border] = newValue }
    }

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
        box = Box(Fields(bold: bold, italic: italic, underline: underline, fontColor: fontColor, fillColor: fillColor,
                         numberFormat: numberFormat, horizontalAlignment: horizontalAlignment, wrapText: wrapText, border: border))
    }

    public static func == (a: CellStyle, b: CellStyle) -> Bool {
        a.box === b.box || a.box.fields == b.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }
}

extension CellStyle {
    /// Blue underlined text, as Excel shows a hyperlink.
    public static let hyperlink = CellStyle(fontColor: "FF0563C1", underline: true)
}
