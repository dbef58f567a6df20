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
        all(ofType: suffix).first
    }

    /// Every relationship whose type ends with `/<suffix>`, by id (`rId2` before `rId10`).
    func all(ofType suffix: String) -> [Relationship] {
        byID.values.filter { $0.type.hasSuffix("/" + suffix) }.sorted { Self.idOrder($0.id, $1.id) }
    }

    /// Ids compared by their text, a trailing number by its value.
    private static func idOrder(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (Substring, Int?) {
            let digits = s.reversed().prefix { $0.isASCII && $0.isNumber }.count
            return (s.dropLast(digits), digits > 0 && digits < 18 ? Int(s.suffix(digits)) : nil)
        }
        let (pa, na) = split(a), (pb, nb) = split(b)
        if pa != pb || na == nil || nb == nil || na == nb { return a < b }
        return na! < nb!
    }

    /// Reads the relationships of `source`; an absent `.rels` part means none.
    /// - Throws: ``XLSXError`` `.invalidContent` when two relationships share an id.
    static func read(for source: String, with reader: PartReader) throws -> Relationships {
        let relsName = PartName.relationships(of: source)
        guard reader.archive.entry(named: relsName) != nil else { return Relationships() }
        return try reader.parse(relsName, handler: Handler(source: source, file: reader.file, part: relsName)).result
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(elements: ["Relationship"], attributes: ["Id", "Type", "Target", "TargetMode"])
        let source: String
        let file: String
        let part: String
        var result = Relationships()
        init(source: String, file: String, part: String) {
            self.source = source
            self.file = file
            self.part = part
        }

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            guard element == 0, let id = attributes[0], let type = attributes[1], let target = attributes[2] else { return }
            // ECMA-376 Part 2 makes ids unique within a relationships part: with two, one reader
            // takes the first target and another the second, the same ambiguity as two entries
            // with one name. Refused, not guessed.
            guard result.byID[id] == nil else {
                throw XLSXError(.invalidContent, file: file, part: part,
                                "two relationships have the id '\(id)' (an ambiguous package: which target is meant?)")
            }
            let external = attributes[3] == "External"
            let resolved = external ? target : (PartName.resolve(target, from: source) ?? "")
            result.byID[id] = Relationship(id: id, type: type, target: resolved, external: external)
        }

        func endElement(_ element: Int, text: borrowing XMLText) throws {}
    }
}
