/// Maps `<sst>` in `xl/sharedStrings.xml` (writer side): each distinct cell text once, in order of
/// first use; cells refer to a text by its index.
struct SharedStringsPart {
    private var strings = TextIndex()
    /// Cells that refer to the table, counting repeats (the `count` attribute).
    private(set) var referenceCount = 0

    private var writer = XMLWriter()

    static let name = "xl/sharedStrings.xml"

    var isEmpty: Bool { strings.count == 0 }

    /// The index of `string`, adding it when new; counts one more reference.
    mutating func index(for string: String) -> Int {
        referenceCount += 1
        return strings.number(of: string)
    }

    /// A text and its index, remembered by a caller that often asks for the same text again (a
    /// column whose rows repeat a bureau, a category, a code).
    struct Recent {
        var text: String
        var index: Int
    }

    /// ``index(for:)``, answered from `recent` without hashing when `string` is its text (a
    /// consolidated sheet's columns repeat their texts row after row: issue 11); `recent` becomes
    /// `string`'s.
    mutating func index(for string: String, recent: inout Recent?) -> Int {
        if let recent, recent.text == string {
            referenceCount += 1
            return recent.index
        }
        let index = index(for: string)
        recent = Recent(text: string, index: index)
        return index
    }

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeSst()
        return writer.take()
    }

    private mutating func writeSst() {
        writer.startElement(
            "sst",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "count": String(referenceCount), "uniqueCount": String(strings.count),
            ])
        for string in strings.texts {
            writeSi(string)
        }
        writer.endElement("sst")
    }

    private mutating func writeSi(_ string: String) {
        writer.raw("<si>")
        writer.writeT(string)
        writer.raw("</si>")
    }
}

extension XMLWriter {
    /// Writes `<t>text</t>`, with `xml:space="preserve"` when leading or trailing white space
    /// would otherwise be dropped.
    mutating func writeT(_ text: String) {
        let utf8 = text.utf8
        let padded = utf8.first.map(Self.isXMLSpace) == true || utf8.last.map(Self.isXMLSpace) == true
        raw(padded ? "<t xml:space=\"preserve\">" : "<t>")
        appendEscaped(text, inAttribute: false)
        raw("</t>")
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
