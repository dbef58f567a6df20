/// The small parts an amendment edits in place: a part's relationships, the workbook part,
/// `[Content_Types].xml` and `docProps/app.xml`. Each is read whole (they are small) and edited
/// as bytes; everything not named here is kept as written.

/// Adds relationships to a `.rels` part (or makes a new one), with ids unused in it.
struct RelationshipsEdit {
    private var bytes: [UInt8]?
    private var ids: Set<String>
    private var additions: [(id: String, type: String, target: String)] = []

    init(_ bytes: [UInt8]?, name: String, amender: AmendedPackage) throws {
        self.bytes = bytes
        ids = Set(try bytes.map { try amender.parse(relationshipsOf: $0, name: name, base: "").map(\.id) } ?? [])
    }

    @discardableResult
    mutating func add(type: String, target: String) -> String {
        var number = ids.count + 1
        while ids.contains("rId\(number)") { number += 1 }
        let id = "rId\(number)"
        ids.insert(id)
        additions.append((id, type, target))
        return id
    }

    func assembleXML() throws -> [UInt8] {
        var writer = XMLWriter()
        for addition in additions {
            writer.emptyElement("Relationship", ["Id": addition.id, "Type": addition.type, "Target": addition.target])
        }
        guard let bytes else {
            var part = XMLWriter()
            part.writeDeclaration()
            part.rawText("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
            part.bytes += writer.bytes
            part.rawText("</Relationships>")
            return part.bytes
        }
        let added = writer.bytes
        return try StylesAmendment.walk(bytes) { token, depth in
            guard depth == 0 else { return nil }
            if token.kind == .endTag { return added + Array(bytes[token.range]) }
            if token.kind == .emptyTag {
                // `<Relationships …/>`: open it, add, close it.
                let name = Array(bytes[MarkupScanner.name(of: token, in: bytes)])
                return Array(bytes[token.range].dropLast(2)) + Array(">".utf8) + added + Array("</".utf8) + name + [UInt8(ascii: ">")]
            }
            return nil
        }
    }
}

/// Puts a sheet first in `xl/workbook.xml`: a `<sheet>` at the head of `<sheets>`, each
/// `definedName`'s `localSheetId` and the view's `activeTab` moved one on, so every name and the
/// tab that was open still point at the same sheet.
struct WorkbookEdit {
    let bytes: [UInt8]
    let sheets: [AmendedPackage.Sheet]
    private var first: (name: String, relationshipID: String)?

    init(bytes: [UInt8], sheets: [AmendedPackage.Sheet]) {
        self.bytes = bytes
        self.sheets = sheets
    }

    mutating func addFirstSheet(name: String, relationshipID: String) {
        first = (name, relationshipID)
    }

    /// `name`, or `name (2)`, `name (3)`… whichever no sheet has (ignoring case).
    static func freeSheetName(_ name: String, among names: [String]) -> String {
        let taken = Set(names.map { $0.lowercased() })
        var candidate = name, number = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        return candidate
    }

    func assembleXML() throws(MarkupScanner.Failure) -> [UInt8] {
        guard let first else { return bytes }
        let bytes = self.bytes
        var highestID = 0
        try StylesAmendment.walk(bytes) { token, depth in
            if depth == 2, token.kind != .endTag, MarkupScanner.hasLocalName("sheet", token, in: bytes),
               let id = MarkupScanner.attribute("sheetId", of: token, in: bytes).flatMap({ Int($0) }) {
                highestID = max(highestID, id)
            }
            return nil
        }
        var sawSheets = false
        let edited = try StylesAmendment.walk(bytes) { token, depth in
            guard token.kind != .endTag else { return nil }
            if depth == 1, MarkupScanner.hasLocalName("sheets", token, in: bytes), token.kind == .startTag {
                sawSheets = true
                let prefix = String(decoding: MarkupScanner.prefix(of: token, in: bytes), as: UTF8.self)
                var writer = XMLWriter()
                writer.rawText("<\(prefix)sheet xmlns:r=\"\(AmendedPackage.relationshipsNamespace)\"")
                for (key, value) in [("name", first.name), ("sheetId", String(highestID + 1)), ("r:id", first.relationshipID)] {
                    writer.rawText(" \(key)=\"")
                    writer.appendEscaped(value, inAttribute: true, literal: key == "name")
                    writer.rawText("\"")
                }
                writer.rawText("/>")
                return Array(bytes[token.range]) + writer.bytes
            }
            if depth == 2, MarkupScanner.hasLocalName("definedName", token, in: bytes),
               let local = MarkupScanner.attribute("localSheetId", of: token, in: bytes).flatMap({ Int($0) }) {
                return MarkupScanner.setting("localSheetId", to: String(local + 1), in: token, of: bytes)
            }
            if depth == 2, MarkupScanner.hasLocalName("workbookView", token, in: bytes) {
                let active = MarkupScanner.attribute("activeTab", of: token, in: bytes).flatMap { Int($0) } ?? 0
                return MarkupScanner.setting("activeTab", to: String(active + 1), in: token, of: bytes)
            }
            return nil
        }
        guard sawSheets else { throw MarkupScanner.Failure(message: "the workbook part has no <sheets>") }
        return edited
    }
}

/// Adds `Override`s (and the `vml` default) to `[Content_Types].xml`.
enum ContentTypesEdit {
    static func adding(overrides: [(part: String, type: String)], vml: Bool, to bytes: [UInt8]) throws(MarkupScanner.Failure) -> [UInt8] {
        var hasVML = false
        try StylesAmendment.walk(bytes) { token, depth in
            if depth == 1, token.kind != .endTag, MarkupScanner.hasLocalName("Default", token, in: bytes),
               MarkupScanner.attribute("Extension", of: token, in: bytes)?.lowercased() == "vml" {
                hasVML = true
            }
            return nil
        }
        var writer = XMLWriter()
        if vml && !hasVML {
            writer.emptyElement("Default", ["Extension": "vml", "ContentType": "application/vnd.openxmlformats-officedocument.vmlDrawing"])
        }
        for (part, type) in overrides {
            writer.emptyElement("Override", ["PartName": part, "ContentType": type])
        }
        let added = writer.bytes
        return try StylesAmendment.walk(bytes) { token, depth in
            guard depth == 0, token.kind == .endTag else { return nil }
            return StylesAmendment.prefixed(String(decoding: added, as: UTF8.self), MarkupScanner.prefix(of: token, in: bytes))
                + Array(bytes[token.range])
        }
    }
}

/// Adds a sheet's title first in `docProps/app.xml`'s `TitlesOfParts`, and counts it in the
/// first heading pair (the worksheets, as Excel and LibreOffice write them).
enum AppPropertiesEdit {
    /// The edited part, or nil when it is not laid out as expected (it is informative only, so it
    /// is then kept as it was).
    static func addingFirstTitle(_ title: String, to bytes: [UInt8]) -> [UInt8]? {
        var section: String?
        var addedTitle = false
        let edited = try? StylesAmendment.walk(bytes) { token, depth in
            if depth == 1 {
                if token.kind == .startTag {
                    section = ["HeadingPairs", "TitlesOfParts"].first { MarkupScanner.hasLocalName($0, token, in: bytes) }
                } else if token.kind == .endTag {
                    section = nil
                }
                return nil
            }
            guard token.kind == .startTag, let name = section else { return nil }
            if depth == 2, MarkupScanner.hasLocalName("vector", token, in: bytes),
               let size = MarkupScanner.attribute("size", of: token, in: bytes).flatMap({ Int($0) }) {
                guard name == "TitlesOfParts" else { return nil }
                addedTitle = true
                let prefix = String(decoding: MarkupScanner.prefix(of: token, in: bytes), as: UTF8.self)
                var writer = XMLWriter()
                writer.rawText("<\(prefix)lpstr>")
                writer.appendEscaped(title, inAttribute: false)
                writer.rawText("</\(prefix)lpstr>")
                return MarkupScanner.setting("size", to: String(size + 1), in: token, of: bytes) + writer.bytes
            }
            return nil
        }
        guard let edited, addedTitle else { return nil }
        // The first `<vt:i4>n</vt:i4>` of HeadingPairs holds the worksheet count: raise it by one.
        guard let heading = MarkupScanner.find("HeadingPairs", in: edited, from: 0),
              let i4 = MarkupScanner.find("i4>", in: edited, from: heading),
              let close = MarkupScanner.find(UInt8(ascii: "<"), in: edited, from: i4 + 3),
              let count = Int(String(decoding: edited[(i4 + 3)..<close], as: UTF8.self)) else {
            return nil
        }
        return Array(edited[..<(i4 + 3)]) + Array(String(count + 1).utf8) + Array(edited[close...])
    }
}
