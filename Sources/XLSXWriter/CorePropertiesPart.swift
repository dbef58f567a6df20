#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import XLSXCore

/// Maps `<cp:coreProperties>` in `docProps/core.xml`: title, subject, author and dates.
struct CorePropertiesPart {
    var properties: DocumentProperties

    private var writer = XMLWriter()

    init(properties: DocumentProperties) {
        self.properties = properties
    }

    static let name = "docProps/core.xml"

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeCoreProperties()
        return writer.take()
    }

    private mutating func writeCoreProperties() {
        writer.startElement(
            "cp:coreProperties",
            [
                "xmlns:cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                "xmlns:dc": "http://purl.org/dc/elements/1.1/",
                "xmlns:dcterms": "http://purl.org/dc/terms/",
                "xmlns:dcmitype": "http://purl.org/dc/dcmitype/",
                "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            ])
        if let title = properties.title { writer.textElement("dc:title", text: title) }
        if let subject = properties.subject { writer.textElement("dc:subject", text: subject) }
        if let creator = properties.creator {
            writer.textElement("dc:creator", text: creator)
            writer.textElement("cp:lastModifiedBy", text: creator)
        }
        writer.textElement("dcterms:created", ["xsi:type": "dcterms:W3CDTF"], text: Self.w3cdtf(properties.created))
        writer.textElement(
            "dcterms:modified", ["xsi:type": "dcterms:W3CDTF"], text: Self.w3cdtf(properties.modified ?? properties.created))
        writer.endElement("cp:coreProperties")
    }

    /// `date` in UTC to the second, as `2000-01-01T00:00:00Z`.
    static func w3cdtf(_ date: Date) -> String { UTCText.dateTime(date.timeIntervalSince1970) }
}
