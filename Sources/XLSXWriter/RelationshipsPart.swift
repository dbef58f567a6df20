/// Maps `<Relationships>` in a `.rels` part: `_rels/.rels`, `xl/_rels/workbook.xml.rels` and a
/// sheet's `xl/worksheets/_rels/sheetN.xml.rels`.
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
        static let theme = Kind(rawValue: "\(officeDocument)/theme")
        static let sharedStrings = Kind(rawValue: "\(officeDocument)/sharedStrings")
        static let hyperlink = Kind(rawValue: "\(officeDocument)/hyperlink")
        static let vmlDrawing = Kind(rawValue: "\(officeDocument)/vmlDrawing")
        static let comments = Kind(rawValue: "\(officeDocument)/comments")
        static let table = Kind(rawValue: "\(officeDocument)/table")
    }

    private var relationships: [(kind: Kind, target: String, isExternal: Bool)] = []
    private var writer = XMLWriter()

    var isEmpty: Bool { relationships.isEmpty }

    /// Adds a relationship and returns its id; an external target (a web address) is outside the
    /// package.
    @discardableResult
    mutating func add(_ kind: Kind, target: String, isExternal: Bool = false) -> String {
        relationships.append((kind, target, isExternal))
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
            writeRelationship(
                id: "rId\(offset + 1)", kind: relationship.kind, target: relationship.target,
                isExternal: relationship.isExternal)
        }
        writer.endElement("Relationships")
    }

    private mutating func writeRelationship(id: String, kind: Kind, target: String, isExternal: Bool) {
        if isExternal {
            writer.emptyElement(
                "Relationship", ["Id": id, "Type": kind.rawValue, "Target": target, "TargetMode": "External"])
        } else {
            writer.emptyElement("Relationship", ["Id": id, "Type": kind.rawValue, "Target": target])
        }
    }
}
