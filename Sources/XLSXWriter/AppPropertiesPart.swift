/// Maps `<Properties>` in `docProps/app.xml`: the application's extended properties.
struct AppPropertiesPart {
    var sheetNames: [String]
    var company: String?
    var application: String
    var applicationVersion: String?

    private var writer = XMLWriter()

    init(sheetNames: [String], company: String?, application: String = "Microsoft Excel", applicationVersion: String? = "12.0000") {
        self.sheetNames = sheetNames
        self.company = company
        self.application = application
        self.applicationVersion = applicationVersion
    }

    static let name = "docProps/app.xml"

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeProperties()
        return writer.take()
    }

    private mutating func writeProperties() {
        writer.startElement(
            "Properties",
            [
                "xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
                "xmlns:vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ])
        writer.textElement("Application", text: application)
        writer.textElement("DocSecurity", text: "0")
        writer.textElement("ScaleCrop", text: "false")
        writeHeadingPairs()
        writeTitlesOfParts()
        if let company { writer.textElement("Company", text: company) }
        writer.textElement("LinksUpToDate", text: "false")
        writer.textElement("SharedDoc", text: "false")
        writer.textElement("HyperlinksChanged", text: "false")
        if let applicationVersion { writer.textElement("AppVersion", text: applicationVersion) }
        writer.endElement("Properties")
    }

    private mutating func writeHeadingPairs() {
        writer.startElement("HeadingPairs")
        writer.startElement("vt:vector", ["size": "2", "baseType": "variant"])
        writer.startElement("vt:variant")
        writer.textElement("vt:lpstr", text: "Worksheets")
        writer.endElement("vt:variant")
        writer.startElement("vt:variant")
        writer.textElement("vt:i4", text: String(sheetNames.count))
        writer.endElement("vt:variant")
        writer.endElement("vt:vector")
        writer.endElement("HeadingPairs")
    }

    private mutating func writeTitlesOfParts() {
        writer.startElement("TitlesOfParts")
        writer.startElement("vt:vector", ["size": String(sheetNames.count), "baseType": "lpstr"])
        for name in sheetNames {
            // As in workbook.xml: the sheet's name literally (XMLWriter's note).
            writer.startElement("vt:lpstr")
            writer.appendEscaped(name, inAttribute: false, literal: true)
            writer.endElement("vt:lpstr")
        }
        writer.endElement("vt:vector")
        writer.endElement("TitlesOfParts")
    }
}
