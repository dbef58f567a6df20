/// Maps `<comments>` in `xl/commentsN.xml`: the notes of one sheet and their authors.
///
/// Excel shows a note only with its box in the sheet's VML drawing (`VMLDrawingPart`); the two
/// parts list the notes in the same order, by row and then column.
struct CommentsPart {
    /// The notes, by row and then column.
    var notes: [WorksheetPart.Note]

    private var writer = XMLWriter()

    init(notes: [WorksheetPart.Note]) {
        self.notes = notes.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    static func name(_ number: Int) -> String { "xl/comments\(number).xml" }

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writer.startElement("comments", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"])
        let authors = writeAuthors()
        writeCommentList(authors: authors)
        writer.endElement("comments")
        return writer.take()
    }

    /// Writes each author once, in order of first use; returns their indices.
    private mutating func writeAuthors() -> [String: Int] {
        var indices: [String: Int] = [:]
        writer.startElement("authors")
        for note in notes where indices[note.author] == nil {
            indices[note.author] = indices.count
            writer.textElement("author", text: note.author)
        }
        writer.endElement("authors")
        return indices
    }

    private mutating func writeCommentList(authors: [String: Int]) {
        writer.startElement("commentList")
        for note in notes {
            writeComment(note, authorID: authors[note.author] ?? 0)
        }
        writer.endElement("commentList")
    }

    /// One run in Excel's note font, Tahoma 8 in the note colour (indexed 81); the fixed markup
    /// as raw pieces, a sheet of the log has thousands of notes (issue 11).
    private mutating func writeComment(_ note: WorksheetPart.Note, authorID: Int) {
        writer.raw("<comment ref=\"")
        writer.appendCellReference(row: note.row, column: note.column)
        writer.raw("\" authorId=\"")
        writer.appendInteger(authorID)
        writer.raw("\"><text><r><rPr><sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr>")
        writer.writeT(note.text)
        writer.raw("</r></text></comment>")
    }
}
