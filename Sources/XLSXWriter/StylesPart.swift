/// Maps `<styleSheet>` in `xl/styles.xml`: number formats, fonts, fills, borders and cell formats.
///
/// Each distinct `CellStyle` becomes one cell format (`<xf>` in `<cellXfs>`), whose index is the
/// cell's `s` attribute; fonts, fills, borders and number formats are shared between formats.
/// Index 0 of each list is the default, as Excel requires, and fills 0 and 1 are the two
/// mandatory patterns `none` and `gray125`. Conditional formats refer to differential formats
/// (`<dxf>` in `<dxfs>`), which hold only what they change.
struct StylesPart {
    /// A style that cannot be written, with the reason.
    struct InvalidStyle: Error {
        var message: String
    }

    private struct Font: Hashable {
        var bold = false
        var italic = false
        var underline = false
        var color: String?
    }

    /// A differential format: the parts of a `CellStyle` a conditional format applies.
    private struct DifferentialFormat: Hashable {
        var font = Font()
        var numberFormatID: Int?
        var numberFormatCode: String?
        var fillColor: String?
        var border: CellStyle.Border = .none
    }

    private struct Format: Hashable {
        var numberFormatID = 0
        var fontID = 0
        var fillID = 0
        var borderID = 0
        var horizontalAlignment: CellStyle.HorizontalAlignment?
        var wrapText = false

        var hasAlignment: Bool { horizontalAlignment != nil || wrapText }
    }

    /// Excel's built-in, locale-independent formats; any other code is written from id 164 up.
    /// (Id 14 is not used for dates: Excel shows it in the reader's locale, `m/d/yyyy` in the US.)
    static let builtInNumberFormats: [String: Int] = [
        "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49,
    ]

    private var customNumberFormats: [String] = []
    private var numberFormatIDs = StylesPart.builtInNumberFormats
    private var fonts: [Font] = [Font()]
    private var fontIDs: [Font: Int] = [Font(): 0]
    /// Solid fill colours from fill 2 on.
    private var fillColors: [String] = []
    private var fillIDs: [String: Int] = [:]
    private var usesThinBorder = false
    private var formats: [Format] = [Format()]
    private var formatIDs: [Format: Int] = [Format(): 0]
    private var formatIDsByStyle: [CellStyle: Int] = [CellStyle(): 0]
    private var differentialFormats: [DifferentialFormat] = []
    private var differentialFormatIDs: [DifferentialFormat: Int] = [:]

    private var writer = XMLWriter()

    static let name = "xl/styles.xml"

    /// The number of cell formats, the default included.
    var formatCount: Int { formats.count }

    /// The cell-format index (`s` attribute) of `style`, adding it and its parts when new.
    ///
    /// - Throws: `InvalidStyle` for a malformed colour or an empty number format.
    mutating func formatIndex(for style: CellStyle) throws(InvalidStyle) -> Int {
        if let index = formatIDsByStyle[style] { return index }
        var format = Format()
        format.numberFormatID = try numberFormatID(for: style.numberFormat)
        let font = try Self.font(of: style)
        format.fontID = fontIDs[font] ?? {
            fonts.append(font)
            fontIDs[font] = fonts.count - 1
            return fonts.count - 1
        }()
        if let fill = try style.fillColor.map(Self.argb) {
            format.fillID = fillIDs[fill] ?? {
                fillColors.append(fill)
                fillIDs[fill] = fillColors.count + 1
                return fillColors.count + 1
            }()
        }
        if style.border == .thin {
            usesThinBorder = true
            format.borderID = 1
        }
        format.horizontalAlignment = style.horizontalAlignment
        format.wrapText = style.wrapText
        let index =
            formatIDs[format] ?? {
                formats.append(format)
                formatIDs[format] = formats.count - 1
                return formats.count - 1
            }()
        formatIDsByStyle[style] = index
        return index
    }

    /// The index of the differential format (`dxfId`) of `style`, adding it when new.
    ///
    /// - Throws: `InvalidStyle` for a malformed colour or an empty number format.
    mutating func differentialFormatIndex(for style: CellStyle) throws(InvalidStyle) -> Int {
        var format = DifferentialFormat()
        format.font = try Self.font(of: style)
        if let code = style.numberFormat {
            format.numberFormatID = try numberFormatID(for: code)
            format.numberFormatCode = code
        }
        format.fillColor = try style.fillColor.map(Self.argb)
        format.border = style.border
        if let index = differentialFormatIDs[format] { return index }
        differentialFormats.append(format)
        differentialFormatIDs[format] = differentialFormats.count - 1
        return differentialFormats.count - 1
    }

    private static func font(of style: CellStyle) throws(InvalidStyle) -> Font {
        Font(
            bold: style.bold, italic: style.italic, underline: style.underline,
            color: try style.fontColor.map(Self.argb))
    }

    private mutating func numberFormatID(for code: String?) throws(InvalidStyle) -> Int {
        guard let code else { return 0 }
        if let id = numberFormatIDs[code] { return id }
        guard !code.isEmpty, code.utf16.count <= 255 else {
            throw InvalidStyle(message: "number format must have 1 to 255 characters, not \(code.utf16.count)")
        }
        customNumberFormats.append(code)
        let id = 163 + customNumberFormats.count
        numberFormatIDs[code] = id
        return id
    }

    /// `RRGGBB` or `AARRGGBB`, with or without `#`, as upper-case `AARRGGBB`.
    static func argb(_ color: String) throws(InvalidStyle) -> String {
        let digits = color.hasPrefix("#") ? color.dropFirst() : Substring(color)
        guard digits.count == 6 || digits.count == 8, digits.allSatisfy(\.isHexDigit) else {
            throw InvalidStyle(message: "colour '\(color)' is not hex RRGGBB or AARRGGBB")
        }
        return (digits.count == 6 ? "FF" : "") + digits.uppercased()
    }

    // MARK: XML

    // ECMA-376 CT_Stylesheet order: numFmts, fonts, fills, borders, cellStyleXfs, cellXfs,
    // cellStyles, dxfs, tableStyles.
    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writer.startElement("styleSheet", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"])
        writeNumFmts()
        writeFonts()
        writeFills()
        writeBorders()
        writeCellStyleXfs()
        writeCellXfs()
        writeCellStyles()
        writeDxfs()
        writeTableStyles()
        writer.endElement("styleSheet")
        return writer.take()
    }

    private mutating func writeNumFmts() {
        guard !customNumberFormats.isEmpty else { return }
        writer.startElement("numFmts", ["count": String(customNumberFormats.count)])
        for (offset, code) in customNumberFormats.enumerated() {
            writeNumFmt(id: 164 + offset, code: code)
        }
        writer.endElement("numFmts")
    }

    private mutating func writeNumFmt(id: Int, code: String) {
        writer.emptyElement("numFmt", ["numFmtId": String(id), "formatCode": code])
    }

    private mutating func writeFonts() {
        writer.startElement("fonts", ["count": String(fonts.count)])
        for font in fonts {
            writeFont(font)
        }
        writer.endElement("fonts")
    }

    // Excel's child order: b, i, u, sz, color, name, family. Fonts name their face and colour
    // directly: no `<scheme>`, no theme colours (the theme part is there for completeness only).
    private mutating func writeFont(_ font: Font) {
        writer.startElement("font")
        writeFontEmphasis(font)
        writer.emptyElement("sz", ["val": "11"])
        if let color = font.color { writer.emptyElement("color", ["rgb": color]) }
        writer.emptyElement("name", ["val": "Calibri"])
        writer.emptyElement("family", ["val": "2"])
        writer.endElement("font")
    }

    private mutating func writeFontEmphasis(_ font: Font) {
        if font.bold { writer.emptyElement("b") }
        if font.italic { writer.emptyElement("i") }
        if font.underline { writer.emptyElement("u") }
    }

    private mutating func writeFills() {
        writer.startElement("fills", ["count": String(2 + fillColors.count)])
        writePatternFill("none")
        writePatternFill("gray125")
        for color in fillColors {
            writeSolidFill(color)
        }
        writer.endElement("fills")
    }

    private mutating func writePatternFill(_ pattern: String) {
        writer.startElement("fill")
        writer.emptyElement("patternFill", ["patternType": pattern])
        writer.endElement("fill")
    }

    private mutating func writeSolidFill(_ color: String) {
        writer.startElement("fill")
        writer.startElement("patternFill", ["patternType": "solid"])
        writer.emptyElement("fgColor", ["rgb": color])
        writer.emptyElement("bgColor", ["indexed": "64"])
        writer.endElement("patternFill")
        writer.endElement("fill")
    }

    private mutating func writeBorders() {
        writer.startElement("borders", ["count": usesThinBorder ? "2" : "1"])
        writeBorder(style: nil)
        if usesThinBorder { writeBorder(style: "thin") }
        writer.endElement("borders")
    }

    // CT_Border order: left, right, top, bottom, diagonal.
    private mutating func writeBorder(style: String?) {
        writer.startElement("border")
        for side: StaticString in ["left", "right", "top", "bottom"] {
            if let style {
                writer.startElement(side, ["style": style])
                writer.emptyElement("color", ["auto": "1"])
                writer.endElement(side)
            } else {
                writer.emptyElement(side)
            }
        }
        writer.emptyElement("diagonal")
        writer.endElement("border")
    }

    private mutating func writeCellStyleXfs() {
        writer.startElement("cellStyleXfs", ["count": "1"])
        writer.emptyElement("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
        writer.endElement("cellStyleXfs")
    }

    private mutating func writeCellXfs() {
        writer.startElement("cellXfs", ["count": String(formats.count)])
        for format in formats {
            writeXf(format)
        }
        writer.endElement("cellXfs")
    }

    private mutating func writeXf(_ format: Format) {
        // Written by hand: the `apply…` attributes appear only when they apply.
        writer.rawText("<xf numFmtId=\"\(format.numberFormatID)\" fontId=\"\(format.fontID)\"")
        writer.rawText(" fillId=\"\(format.fillID)\" borderId=\"\(format.borderID)\" xfId=\"0\"")
        if format.numberFormatID != 0 { writer.raw(" applyNumberFormat=\"1\"") }
        if format.fontID != 0 { writer.raw(" applyFont=\"1\"") }
        if format.fillID != 0 { writer.raw(" applyFill=\"1\"") }
        if format.borderID != 0 { writer.raw(" applyBorder=\"1\"") }
        guard format.hasAlignment else {
            writer.raw("/>")
            return
        }
        writer.raw(" applyAlignment=\"1\">")
        writeAlignment(horizontal: format.horizontalAlignment, wrapText: format.wrapText)
        writer.endElement("xf")
    }

    private mutating func writeAlignment(horizontal: CellStyle.HorizontalAlignment?, wrapText: Bool) {
        switch (horizontal, wrapText) {
        case (let horizontal?, true):
            writer.emptyElement("alignment", ["horizontal": horizontal.rawValue, "wrapText": "1"])
        case (let horizontal?, false):
            writer.emptyElement("alignment", ["horizontal": horizontal.rawValue])
        case (nil, _):
            writer.emptyElement("alignment", ["wrapText": "1"])
        }
    }

    private mutating func writeCellStyles() {
        writer.startElement("cellStyles", ["count": "1"])
        writer.emptyElement("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
        writer.endElement("cellStyles")
    }

    private mutating func writeDxfs() {
        guard !differentialFormats.isEmpty else {
            writer.emptyElement("dxfs", ["count": "0"])
            return
        }
        writer.startElement("dxfs", ["count": String(differentialFormats.count)])
        for format in differentialFormats {
            writeDxf(format)
        }
        writer.endElement("dxfs")
    }

    // CT_Dxf order: font, numFmt, fill, alignment, protection, border. The fill's colour is the
    // pattern's background, as Excel writes it for conditional formats.
    private mutating func writeDxf(_ format: DifferentialFormat) {
        writer.startElement("dxf")
        if format.font != Font() {
            writer.startElement("font")
            writeFontEmphasis(format.font)
            if let color = format.font.color { writer.emptyElement("color", ["rgb": color]) }
            writer.endElement("font")
        }
        if let id = format.numberFormatID, let code = format.numberFormatCode {
            writer.emptyElement("numFmt", ["numFmtId": String(id), "formatCode": code])
        }
        if let fillColor = format.fillColor {
            writer.startElement("fill")
            writer.startElement("patternFill")
            writer.emptyElement("bgColor", ["rgb": fillColor])
            writer.endElement("patternFill")
            writer.endElement("fill")
        }
        if format.border == .thin { writeBorder(style: "thin") }
        writer.endElement("dxf")
    }

    private mutating func writeTableStyles() {
        writer.emptyElement(
            "tableStyles",
            ["count": "0", "defaultTableStyle": "TableStyleMedium9", "defaultPivotStyle": "PivotStyleLight16"])
    }
}
