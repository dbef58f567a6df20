/// Maps `<Relationships>` in a `.rels` part: `_rels/.rels` and `xl/_rels/workbook.xml.rels`.
///
/// Relationship ids are `rId1`, `rId2`… in the order the relationships were added.
struct RelationshipsPart {
    /// A relationship type URI.
    struct Kind: RawRepresentable, Hashable {
        let rawValue: String

        private static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        static let document = Kind(rawValue: "\(officeDocument)/officeDocument")
        static let extendedProperties = Kind(rawValue: "\(officeDocument)/extended-properties")
        static let coreProperties = Kind(
            rawValue: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties")
        static let worksheet = Kind(rawValue: "\(officeDocument)/worksheet")
        static let styles = Kind(rawValue: "\(officeDocument)/styles")
        static let sharedStrings = Kind(rawValue: "\(officeDocument)/sharedStrings")
    }

    private var relationships: [(kind: Kind, target: String)] = []
    private var writer = XMLWriter()

    /// Adds a relationship and returns its id.
    @discardableResult
    mutating func add(_ kind: Kind, target: String) -> String {
        relationships.append((kind, target))
        return "rId\(relationships.count)"
    }

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeRelationships()
        return writer.take()
    }

    private mutating func writeRelationships() {
        writer.startElement(
            "Relationships", ["xmlns": "http://schemas.openxmlformats.org/package/2006/relationships"])
        for (offset, relationship) in relationships.enumerated() {
            writeRelationship(id: "rId\(offset + 1)", kind: relationship.kind, target: relationship.target)
        }
        writer.endElement("Relationships")
    }

    private mutating func writeRelationship(id: String, kind: Kind, target: String) {
        writer.emptyElement("Relationship", ["Id": id, "Type": kind.rawValue, "Target": target])
    }
}
