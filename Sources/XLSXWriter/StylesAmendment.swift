/// Appends fonts, fills and cell formats to an existing `xl/styles.xml`, keeping every existing
/// index: new entries go at the end of `<fonts>`, `<fills>` and `<cellXfs>` and the counts follow.
///
/// A marked cell keeps its number format, font, border and alignment: its format is copied with
/// only `fillId` (and `applyFill`) changed. Formats are handed out as the worksheets stream
/// through (`restyle`), so the part itself is written last.
final class StylesAmendment {
    private let bytes: [UInt8]
    private let fontCount: Int
    private let fillCount: Int
    /// Each existing `<xf>` of `<cellXfs>`: its start tag and its whole element.
    private let cellFormats: [(tag: MarkupScanner.Token, element: Range<Int>)]

    private var fills: [String] = []
    private var addedFormats: [[UInt8]] = []
    private var clones: [Key: Int] = [:]
    private var plain: [PlainKey: Int] = [:]
    private var usesLinkFont = false, usesBoldFont = false

    private struct Key: Hashable { var format: Int, fill: Int }
    private struct PlainKey: Hashable { var bold: Bool, link: Bool, fill: Int? }

    static let linkColor = "FF0563C1"

    init(bytes: [UInt8]) throws(MarkupScanner.Failure) {
        self.bytes = bytes
        var counts: [String: Int] = [:]
        var formats: [(tag: MarkupScanner.Token, element: Range<Int>)] = []
        var open: MarkupScanner.Token?
        var section: String?
        try Self.walk(bytes) { (token, depth) throws(MarkupScanner.Failure) -> [UInt8]? in
            switch (token.kind, depth) {
            case (.startTag, 1), (.emptyTag, 1):
                section = ["fonts", "fills", "cellXfs"].first { MarkupScanner.hasLocalName($0, token, in: bytes) }
                if token.kind == .emptyTag, let name = section {
                    throw MarkupScanner.Failure(message: "styles.xml has an empty <\(name)>")
                }
                if let section { counts[section] = 0 }
            case (.startTag, 2), (.emptyTag, 2):
                guard let name = section else { break }
                counts[name, default: 0] += 1
                if name == "cellXfs" {
                    if token.kind == .emptyTag { formats.append((token, token.range)) } else { open = token }
                }
            case (.endTag, 2):
                if section == "cellXfs", let start = open {
                    formats.append((start, start.range.lowerBound..<token.range.upperBound))
                    open = nil
                }
            case (.endTag, 1):
                section = nil
            default:
                break
            }
            return nil
        }
        guard let fonts = counts["fonts"], let fills = counts["fills"], counts["cellXfs"] != nil else {
            throw MarkupScanner.Failure(message: "styles.xml lacks <fonts>, <fills> or <cellXfs>")
        }
        fontCount = fonts
        fillCount = fills
        cellFormats = formats
    }

    private var formatCount: Int { cellFormats.count }

    private func fillIndex(_ color: String) -> Int {
        let argb = color.count == 6 ? "FF" + color.uppercased() : color.uppercased()
        if let index = fills.firstIndex(of: argb) { return index }
        fills.append(argb)
        return fills.count - 1
    }

    /// The index of a format like `format` (0 when it has none or is out of range) filled with `color`.
    func restyle(_ format: Int, fill color: String) -> Int {
        let fill = fillIndex(color)
        let key = Key(format: cellFormats.indices.contains(format) ? format : 0, fill: fill)
        if let index = clones[key] { return index }
        var element: [UInt8]
        if cellFormats.indices.contains(key.format) {
            let (tag, range) = cellFormats[key.format]
            let withFill = MarkupScanner.setting("fillId", to: String(fillCount + fill), in: tag, of: bytes)
            let retagged = MarkupScanner.setting(
                "applyFill", to: "1", in: MarkupScanner.Token(kind: tag.kind, range: 0..<withFill.count), of: withFill)
            element = retagged + Array(bytes[tag.range.upperBound..<range.upperBound])
        } else {
            element = Array("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"\(fillCount + fill)\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>".utf8)
        }
        addedFormats.append(element)
        let index = formatCount + addedFormats.count - 1
        clones[key] = index
        return index
    }

    /// The index of a new format for an added sheet's cell: the workbook's first font, bold or as
    /// a link, an optional fill, top-aligned and wrapped.
    func plainFormat(bold: Bool, link: Bool, fill color: String?) -> Int {
        let key = PlainKey(bold: bold, link: link, fill: color.map { fillIndex($0) })
        if let index = plain[key] { return index }
        let font = link ? fontCount + 1 : bold ? fontCount : 0
        usesLinkFont = usesLinkFont || link
        usesBoldFont = usesBoldFont || bold
        let fillID = key.fill.map { fillCount + $0 } ?? 0
        addedFormats.append(Array((
            "<xf numFmtId=\"0\" fontId=\"\(font)\" fillId=\"\(fillID)\" borderId=\"0\" xfId=\"0\""
            + " applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>").utf8))
        let index = formatCount + addedFormats.count - 1
        plain[key] = index
        return index
    }

    /// The amended part.
    func assembleXML() throws(MarkupScanner.Failure) -> [UInt8] {
        let fonts = [
            "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
            "<font><u/><sz val=\"11\"/><color rgb=\"\(Self.linkColor)\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
        ]
        let addedFonts = usesLinkFont || usesBoldFont ? fonts : []
        let fillElements = fills.map {
            "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\($0)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        }
        let bytes = self.bytes
        let formats = addedFormats
        var section: String?
        return try Self.walk(bytes) { token, depth in
            guard depth == 1 else { return nil }
            if token.kind == .startTag {
                section = ["fonts", "fills", "cellXfs"].first { MarkupScanner.hasLocalName($0, token, in: bytes) }
                let count: Int? = switch section ?? "" {
                case "fonts": fontCount + addedFonts.count
                case "fills": fillCount + fillElements.count
                case "cellXfs": formatCount + formats.count
                default: nil
                }
                guard let count, MarkupScanner.attributeRange("count", of: token, in: bytes) != nil else { return nil }
                return MarkupScanner.setting("count", to: String(count), in: token, of: bytes)
            }
            guard token.kind == .endTag, let name = section else { return nil }
            section = nil
            let prefix = MarkupScanner.prefix(of: token, in: bytes)
            let added: [UInt8] = switch name {
            case "fonts": Self.prefixed(addedFonts.joined(), prefix)
            case "fills": Self.prefixed(fillElements.joined(), prefix)
            default: prefix.isEmpty ? formats.flatMap { $0 } : Self.prefixed(String(decoding: formats.flatMap { $0 }, as: UTF8.self), prefix)
            }
            return added + Array(bytes[token.range])
        }
    }

    /// Markup written unprefixed, with `prefix` put on each element name (`<x:font>`).
    static func prefixed(_ markup: String, _ prefix: [UInt8]) -> [UInt8] {
        let bytes = Array(markup.utf8)
        guard !prefix.isEmpty else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for (index, byte) in bytes.enumerated() {
            output.append(byte)
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte == UInt8(ascii: "<"), next != UInt8(ascii: "/") { output += prefix }
            if byte == UInt8(ascii: "/"), index > 0, bytes[index - 1] == UInt8(ascii: "<") { output += prefix }
        }
        return output
    }

    /// Runs `edit` on each tag of a whole part with the element's depth (0 for the root); a
    /// non-nil answer replaces the tag. Returns the part with the replacements.
    @discardableResult
    static func walk(
        _ bytes: [UInt8], _ edit: (MarkupScanner.Token, Int) throws(MarkupScanner.Failure) -> [UInt8]?
    ) throws(MarkupScanner.Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 1024)
        var position = 0, depth = 0
        while let token = try MarkupScanner.next(in: bytes, from: position, isFinal: true) {
            position = token.range.upperBound
            var elementDepth = depth
            switch token.kind {
            case .startTag:
                depth += 1
                guard depth <= WorksheetMarker.maxDepth else { throw MarkupScanner.Failure(message: "nesting too deep") }
            case .endTag:
                depth -= 1
                elementDepth = depth
            case .emptyTag, .text, .other:
                break
            }
            if token.kind != .text, token.kind != .other, let replacement = try edit(token, elementDepth) {
                output.append(contentsOf: replacement)
            } else {
                output.append(contentsOf: bytes[token.range])
            }
        }
        return output
    }
}
