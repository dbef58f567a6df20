internal import XLSXCore

extension AmendedPackage {
    /// Adds notes to a sheet that has notes of its own: the new `<comment>`s go at the end of its
    /// comments part (with the new author at the end of `<authors>`), their boxes at the end of its
    /// VML drawing in a block of shape ids of their own (added to `o:idmap`). A cell that already
    /// has a note keeps it and gets none.
    ///
    /// - Returns: the notes added, or nil when the parts are not laid out as Excel, LibreOffice and
    ///   openpyxl write them (then no note is added to the sheet; its cells are still filled).
    mutating func addNotes(_ notes: [WorksheetPart.Note], besides relationships: [Relationship], block: Int) throws -> [WorksheetPart.Note]? {
        guard let commentsName = relationships.first(where: { $0.type.hasSuffix("/comments") })?.part,
              let vmlName = relationships.first(where: { $0.type.hasSuffix("/vmlDrawing") })?.part,
              let comments = try read(commentsName), let vml = try read(vmlName) else { return nil }
        var taken = Set<String>()
        var authors = 0
        var prefixed = false
        do {
            try StylesAmendment.walk(comments) { token, depth in
                if depth == 0, token.kind != .endTag { prefixed = !MarkupScanner.prefix(of: token, in: comments).isEmpty }
                if token.kind != .endTag, MarkupScanner.hasLocalName("comment", token, in: comments),
                   let ref = MarkupScanner.attribute("ref", of: token, in: comments) {
                    taken.insert(ref.uppercased())
                }
                if token.kind == .startTag, MarkupScanner.hasLocalName("author", token, in: comments) { authors += 1 }
                return nil
            }
        } catch { return nil }
        let vmlText = String(decoding: vml, as: UTF8.self)
        guard !prefixed, MarkupScanner.find("</authors>", in: comments, from: 0) != nil,
              MarkupScanner.find("</commentList>", in: comments, from: 0) != nil,
              let vmlEnd = MarkupScanner.find("</xml>", in: vml, from: 0) else { return nil }
        let added = notes.filter { !taken.contains(CellReference(row: $0.row + 1, column: $0.column + 1).description) }
        guard !added.isEmpty, let author = added.first?.author else { return [] }

        // The comments: as CommentsPart writes them, by the new author.
        var part = CommentsPart(notes: added)
        let generated = part.assembleXML()
        guard let listStart = MarkupScanner.find("<commentList>", in: generated, from: 0),
              let listEnd = MarkupScanner.find("</commentList>", in: generated, from: 0) else { return nil }
        let entries = String(decoding: generated[(listStart + 13)..<listEnd], as: UTF8.self)
            .split(separator: " authorId=\"0\"", omittingEmptySubsequences: false).joined(separator: " authorId=\"\(authors)\"")
        var authorXML = XMLWriter()
        authorXML.textElement("author", text: author)
        let authorsEnd = MarkupScanner.find("</authors>", in: comments, from: 0) ?? 0
        let commentListEnd = MarkupScanner.find("</commentList>", in: comments, from: 0) ?? 0
        replaced[commentsName] = [.bytes(
            Array(comments[..<authorsEnd]) + authorXML.bytes + Array(comments[authorsEnd..<commentListEnd]) + Array(entries.utf8)
                + Array(comments[commentListEnd...]))]

        // The boxes: as VMLDrawingPart draws them in the block given, after the drawing's own, each
        // declaring its prefixes (openpyxl's drawings bind `ns0`, `ns1`… element by element).
        var drawing = VMLDrawingPart(notes: added, firstBlock: block, columnWidths: [])
        let shapes = drawing.assembleXML()
        let hasShapeType = vmlText.contains("_x0000_t202")
        guard let from = MarkupScanner.find(hasShapeType ? "<v:shape " : "<v:shapetype", in: shapes, from: 0),
              let to = MarkupScanner.find("</xml>", in: shapes, from: from) else { return nil }
        let declarations = " xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
            + " xmlns:x=\"urn:schemas-microsoft-com:office:excel\" "
        let boxes = String(decoding: shapes[from..<to], as: UTF8.self)
            .split(separator: "<v:shape ", omittingEmptySubsequences: false).joined(separator: "<v:shape" + declarations)
            .split(separator: "<v:shapetype ", omittingEmptySubsequences: false).joined(separator: "<v:shapetype" + declarations)
        var head = Array(vml[..<vmlEnd])
        let blocks = (0..<VMLDrawingPart.blockCount(notes: added.count)).map { String(block + $0) }.joined(separator: ",")
        if let idmap = MarkupScanner.find(":idmap", in: head, from: 0), let data = MarkupScanner.find("data=\"", in: head, from: idmap),
           let close = MarkupScanner.find(UInt8(ascii: "\""), in: head, from: data + 6) {
            head.insert(contentsOf: Array(",\(blocks)".utf8), at: close)
        }
        replaced[vmlName] = [.bytes(head + Array(boxes.utf8) + Array(vml[vmlEnd...]))]
        return added
    }
}
