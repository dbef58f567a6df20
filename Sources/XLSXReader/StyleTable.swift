internal import XMLIO

/// What the reader needs from `xl/styles.xml`: each cell format's number format code.
struct StyleTable {
    /// Per `cellXfs` index: the number format id.
    var formatIDs: [Int] = []
    /// Custom codes by id (`<numFmts>`).
    var customCodes: [Int: String] = [:]

    func formatCode(style: Int) -> String {
        guard style >= 0, style < formatIDs.count else { return "General" }
        let id = formatIDs[style]
        return customCodes[id] ?? NumberFormat.builtInCodes[id] ?? "General"
    }

    /// Per style: how it displays numbers. Precomputed so the cell loop does one array lookup.
    func displays() -> [NumberFormat.Display] {
        formatIDs.map { NumberFormat.display(id: $0, code: customCodes[$0]) }
    }

    static func read(_ part: String, with reader: PartReader) throws -> StyleTable {
        try reader.parse(part, handler: Handler()).result
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["numFmt", "cellXfs", "xf", "numFmts"], attributes: ["numFmtId", "formatCode"])
        var result = StyleTable()
        private var inCellXfs = false
        /// `<numFmt>` also appears in `<dxf>` (conditional formats); only `<numFmts>` defines codes.
        private var inNumFmts = false

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            switch element {
            case 0:
                if inNumFmts, let id = attributes[0].flatMap({ Int($0) }), let code = attributes[1] { result.customCodes[id] = code }
            case 1: inCellXfs = true
            case 2: if inCellXfs { result.formatIDs.append(attributes[0].flatMap { Int($0) } ?? 0) }
            case 3: inNumFmts = true
            default: break
            }
        }

        mutating func endElement(_ element: Int, text: borrowing XMLText) throws {
            if element == 1 { inCellXfs = false }
            if element == 3 { inNumFmts = false }
        }
    }
}
