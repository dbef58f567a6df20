/// Maps `<a:theme>` in `xl/theme/theme1.xml`: the Office 2007 colour and font scheme (Calibri body,
/// Cambria headings) with the plainest format scheme DrawingML allows.
///
/// The styles part names its fonts and colours directly and never refers to the theme, so this part
/// changes nothing on screen. It is written because the Open XML SDK (and validators built on it)
/// treat a workbook without a theme as incomplete, and every mainstream writer includes one.
struct ThemePart {
    private var writer = XMLWriter()

    static let name = "xl/theme/theme1.xml"

    /// `dk1`, `lt1`, `dk2`, `lt2`, the six accents, `hlink`, `folHlink` (ECMA-376 Part 1, 20.1.6.2).
    private static let colours: [(StaticString, String)] = [
        ("a:dk2", "1F497D"), ("a:lt2", "EEECE1"), ("a:accent1", "4F81BD"), ("a:accent2", "C0504D"), ("a:accent3", "9BBB59"),
        ("a:accent4", "8064A2"), ("a:accent5", "4BACC6"), ("a:accent6", "F79646"), ("a:hlink", "0000FF"), ("a:folHlink", "800080"),
    ]

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writer.startElement("a:theme", ["xmlns:a": "http://schemas.openxmlformats.org/drawingml/2006/main", "name": "Office Theme"])
        writer.startElement("a:themeElements")
        writeColourScheme()
        writeFontScheme()
        writeFormatScheme()
        writer.endElement("a:themeElements")
        writer.emptyElement("a:objectDefaults")
        writer.emptyElement("a:extraClrSchemeLst")
        writer.endElement("a:theme")
        return writer.take()
    }

    private mutating func writeColourScheme() {
        writer.startElement("a:clrScheme", ["name": "Office"])
        writer.startElement("a:dk1")
        writer.emptyElement("a:sysClr", ["val": "windowText", "lastClr": "000000"])
        writer.endElement("a:dk1")
        writer.startElement("a:lt1")
        writer.emptyElement("a:sysClr", ["val": "window", "lastClr": "FFFFFF"])
        writer.endElement("a:lt1")
        for (element, rgb) in Self.colours {
            writer.startElement(element)
            writer.emptyElement("a:srgbClr", ["val": rgb])
            writer.endElement(element)
        }
        writer.endElement("a:clrScheme")
    }

    private mutating func writeFontScheme() {
        writer.startElement("a:fontScheme", ["name": "Office"])
        for (element, face) in [("a:majorFont", "Cambria"), ("a:minorFont", "Calibri")] as [(StaticString, String)] {
            writer.startElement(element)
            writer.emptyElement("a:latin", ["typeface": face])
            writer.emptyElement("a:ea", ["typeface": ""])
            writer.emptyElement("a:cs", ["typeface": ""])
            writer.endElement(element)
        }
        writer.endElement("a:fontScheme")
    }

    /// Three of each style, as the schema requires, all in the placeholder colour.
    private mutating func writeFormatScheme() {
        writer.startElement("a:fmtScheme", ["name": "Office"])
        writer.startElement("a:fillStyleLst")
        for _ in 0..<3 { writePlaceholderFill() }
        writer.endElement("a:fillStyleLst")
        writer.startElement("a:lnStyleLst")
        for width in ["9525", "25400", "38100"] {
            writer.startElement("a:ln", ["w": width, "cap": "flat", "cmpd": "sng", "algn": "ctr"])
            writePlaceholderFill()
            writer.emptyElement("a:prstDash", ["val": "solid"])
            writer.endElement("a:ln")
        }
        writer.endElement("a:lnStyleLst")
        writer.startElement("a:effectStyleLst")
        for _ in 0..<3 {
            writer.startElement("a:effectStyle")
            writer.emptyElement("a:effectLst")
            writer.endElement("a:effectStyle")
        }
        writer.endElement("a:effectStyleLst")
        writer.startElement("a:bgFillStyleLst")
        for _ in 0..<3 { writePlaceholderFill() }
        writer.endElement("a:bgFillStyleLst")
        writer.endElement("a:fmtScheme")
    }

    private mutating func writePlaceholderFill() {
        writer.startElement("a:solidFill")
        writer.emptyElement("a:schemeClr", ["val": "phClr"])
        writer.endElement("a:solidFill")
    }
}
