/// Maps `<Types>` in `[Content_Types].xml`: the content type of every part in the package.
struct ContentTypesPart {
    /// Number of worksheets, written as `xl/worksheets/sheet1.xml`…
    var sheetCount: Int
    var hasSharedStrings: Bool
    /// The numbers of the table parts, `xl/tables/tableN.xml`.
    var tableNumbers: [Int]
    /// Number of comments parts, `xl/comments1.xml`…, each with its VML drawing.
    var commentsCount: Int

    private var writer = XMLWriter()

    init(sheetCount: Int, hasSharedStrings: Bool, tableNumbers: [Int] = [], commentsCount: Int = 0) {
        self.sheetCount = sheetCount
        self.hasSharedStrings = hasSharedStrings
        self.tableNumbers = tableNumbers
        self.commentsCount = commentsCount
    }

    static let name = "[Content_Types].xml"

    private static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeTypes()
        return writer.take()
    }

    private mutating func writeTypes() {
        writer.startElement("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        writeDefault(extension: "rels", contentType: "application/vnd.openxmlformats-package.relationships+xml")
        writeDefault(extension: "xml", contentType: "application/xml")
        if commentsCount > 0 {
            writeDefault(extension: "vml", contentType: "application/vnd.openxmlformats-officedocument.vmlDrawing")
        }
        writeOverride(
            partName: "/docProps/app.xml",
            contentType: "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        writeOverride(
            partName: "/docProps/core.xml", contentType: "application/vnd.openxmlformats-package.core-properties+xml")
        writeOverride(partName: "/xl/workbook.xml", contentType: "\(Self.spreadsheetML).sheet.main+xml")
        for number in stride(from: 1, through: sheetCount, by: 1) {
            writeOverride(
                partName: "/xl/worksheets/sheet\(number).xml", contentType: "\(Self.spreadsheetML).worksheet+xml")
        }
        writeOverride(partName: "/" + ThemePart.name, contentType: "application/vnd.openxmlformats-officedocument.theme+xml")
        writeOverride(partName: "/xl/styles.xml", contentType: "\(Self.spreadsheetML).styles+xml")
        if hasSharedStrings {
            writeOverride(partName: "/xl/sharedStrings.xml", contentType: "\(Self.spreadsheetML).sharedStrings+xml")
        }
        for number in tableNumbers {
            writeOverride(partName: "/" + TablePart.name(number), contentType: "\(Self.spreadsheetML).table+xml")
        }
        for number in stride(from: 1, through: commentsCount, by: 1) {
            writeOverride(partName: "/" + CommentsPart.name(number), contentType: "\(Self.spreadsheetML).comments+xml")
        }
        writer.endElement("Types")
    }

    private mutating func writeDefault(extension fileExtension: String, contentType: String) {
        writer.emptyElement("Default", ["Extension": fileExtension, "ContentType": contentType])
    }

    private mutating func writeOverride(partName: String, contentType: String) {
        writer.emptyElement("Override", ["PartName": partName, "ContentType": contentType])
    }
}
