internal import XMLIO

/// The relationships of one part (`_rels/*.rels`): id → type and resolved target.
struct Relationships {
    struct Relationship {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    var byID: [String: Relationship] = [:]

    /// The first relationship whose type ends with `/<suffix>` (transitional and Strict URIs differ
    /// only in their prefix).
    func first(ofType suffix: String) -> Relationship? {
        byID.values.sorted { $0.id < $1.id }.first { $0.type.hasSuffix("/" + suffix) }
    }

    /// Reads the relationships of `source`; an absent `.rels` part means none.
    static func read(for source: String, with reader: PartReader) throws -> Relationships {
        let relsName = PartName.relationships(of: source)
        guard reader.archive.entry(named: relsName) != nil else { return Relationships() }
        return try reader.parse(relsName, handler: Handler(source: source)).result
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["Relationship"], attributes: ["Id", "Type", "Target", "TargetMode"])
        let source: String
        var result = Relationships()
        init(source: String) { self.source = source }

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            guard element == 0, let id = attributes[0], let type = attributes[1], let target = attributes[2] else { return }
            let external = attributes[3] == "External"
            let resolved = external ? target : (PartName.resolve(target, from: source) ?? "")
            result.byID[id] = Relationship(id: id, type: type, target: resolved, external: external)
        }

        func endElement(_ element: Int, text: borrowing XMLText) throws {}
    }
}
