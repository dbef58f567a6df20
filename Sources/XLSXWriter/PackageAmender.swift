internal import XLSXCore
internal import ZipIO

/// Writes a copy of an existing workbook with cells filled and annotated and a sheet put first.
///
/// Every entry of the source is copied through unchanged (same name, same inflated bytes, same
/// order) except the parts the amendment must change: the marked worksheets (the target cells'
/// `s`, cells created where the sheet has none, `<legacyDrawing>`), `xl/styles.xml` (fills and
/// formats appended), the workbook part, its relationships, `[Content_Types].xml`,
/// `docProps/app.xml` and the marked sheets' relationships. New parts (notes, their VML drawings,
/// the added sheet) follow the copied ones. The changed parts are edited as bytes by
/// ``MarkupScanner``, never parsed into a tree: a worksheet streams through in chunks, and
/// whatever the amendment does not touch (formulas, merges, tables, defined names, extensions) is
/// never rewritten.
///
/// The source is read with ``ZipArchive``'s limits (entry count, names, sizes, ratio, CRC); a
/// DOCTYPE, markup over 1 MiB or nesting over 256 levels stops the amendment.
///
/// ```swift
/// let amendment = PackageAmendment(marks: [.init(sheet: "Budget", row: 5, column: 3, fill: "FFC7CE", note: "Too high")])
/// try PackageAmender(source: "in.xlsx").write(amendment, to: "out.xlsx")
/// ```
public struct PackageAmender {
    /// What an amendment did.
    public struct Outcome: Sendable, Equatable {
        /// Cells filled (a cell marked twice counts once).
        public var markedCells: Int
        /// Notes added.
        public var notes: Int
        /// Marks not placed whole: their sheet is missing or not a worksheet (nothing applied), or
        /// their cell already has a note of its own (filled; the note kept, ours not added).
        public var unplaced: [PackageAmendment.Mark]
        /// The added sheet's name as written (with ` (2)`… when the name was taken).
        public var addedSheetName: String?
    }

    public let source: String
    /// The deflate level of every entry of the copy, 1 (fastest) to 9 (smallest); 0 stores them.
    public var compressionLevel: Int
    /// The caps the source is read under (`reliability.md` 3.3).
    let limits: ZipLimits

    public init(source: String, compressionLevel: Int = 6) {
        self.init(source: source, limits: ZipLimits(), compressionLevel: compressionLevel)
    }

    init(source: String, limits: ZipLimits, compressionLevel: Int = 6) {
        self.source = source
        self.limits = limits
        self.compressionLevel = compressionLevel
    }

    /// Writes the amended copy at `destination`; the file appears only when it is complete.
    ///
    /// - Throws: `WorkbookWriterError` with code `.invalidSource` (the source cannot be read, or a
    ///   part to change is malformed or missing) or `.archiveFailed` (the copy cannot be written,
    ///   or the compression level is outside 0...9).
    @discardableResult
    public func write(_ amendment: PackageAmendment, to destination: String) throws -> Outcome {
        let archive: ZipArchive
        do { archive = try ZipArchive(path: source, limits: limits) } catch let error as ZipIOError {
            throw WorkbookWriterError(code: .invalidSource, path: source, part: error.entry, message: error.message, underlying: error)
        }
        var package = AmendedPackage(archive: archive, source: source)
        let outcome = try package.plan(amendment)
        do {
            let writer = try ZipArchiveWriter(path: destination, compressionLevel: compressionLevel)
            for entry in archive.entries {
                if let replacement = package.replaced[entry.name] {
                    try writer.addEntry(name: entry.name, segments: replacement)
                } else {
                    try writer.addEntry(name: entry.name, segments: try package.copy(entry))
                }
            }
            for (name, bytes) in package.added {
                try writer.addEntry(name: name, data: bytes)
            }
            try writer.close()
        } catch let error as ZipIOError {
            let code: WorkbookWriterError.Code = error.path == source ? .invalidSource : .archiveFailed
            throw WorkbookWriterError(code: code, path: code == .invalidSource ? source : destination, part: error.entry,
                                      message: error.message, underlying: error)
        }
        return outcome
    }
}

/// The parts of one amendment as they are worked out: what replaces which entry, what is added.
struct AmendedPackage {
    let archive: ZipArchive
    let source: String
    var replaced: [String: [ZipArchiveWriter.Segment]] = [:]
    var added: [(name: String, bytes: [UInt8])] = []

    /// In-memory copies up to this size; larger entries go through a spool file.
    static let memoryLimit = 8 << 20
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    init(archive: ZipArchive, source: String) {
        self.archive = archive
        self.source = source
    }

    func failure(_ part: String?, _ message: String) -> WorkbookWriterError {
        WorkbookWriterError(code: .invalidSource, path: source, part: part, message: message)
    }

    /// A scanner failure (or any other error met while editing `part`) as the amender's error.
    func failure(_ part: String?, _ error: any Error) -> WorkbookWriterError {
        if let error = error as? WorkbookWriterError { return error }
        return failure(part, (error as? MarkupScanner.Failure)?.message ?? "\(error)")
    }

    /// A part read whole (the small ones); nil when the package has no such part.
    func read(_ name: String) throws -> [UInt8]? {
        guard let entry = archive.entry(named: name) else { return nil }
        do { return try archive.readAll(entry, cap: 64 << 20) } catch let error as ZipIOError {
            throw WorkbookWriterError(code: .invalidSource, path: source, part: name, message: error.message, underlying: error)
        }
    }

    /// An entry's bytes as they are, in memory or spooled.
    func copy(_ entry: ZipArchive.Entry) throws -> [ZipArchiveWriter.Segment] {
        let reader = try archive.reader(for: entry)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var bytes: [UInt8] = []
        var spool: ZipSpoolFile?
        while true {
            let count = try reader.read(into: &chunk)
            if count == 0 { break }
            if let spool {
                try spool.append(Array(chunk[0..<count]))
            } else {
                bytes.append(contentsOf: chunk[0..<count])
                if bytes.count > Self.memoryLimit {
                    let file = try ZipSpoolFile()
                    try file.append(bytes)
                    bytes = []
                    spool = file
                }
            }
        }
        return spool.map { [.spool($0)] } ?? [.bytes(bytes)]
    }

    // MARK: Planning

    struct Sheet {
        var name: String
        var relationshipID: String
        var part: String
        /// A worksheet (cells can be marked), not a chart sheet or dialog sheet.
        var isWorksheet: Bool
    }

    mutating func plan(_ amendment: PackageAmendment) throws -> PackageAmender.Outcome {
        let workbookPart = try self.workbookPart()
        let workbookRelsName = Self.relationshipsPart(of: workbookPart)
        guard let workbookBytes = try read(workbookPart) else { throw failure(workbookPart, "the workbook part is missing") }
        guard let workbookRels = try read(workbookRelsName) else { throw failure(workbookRelsName, "the workbook's relationships are missing") }
        let relationships = try parse(relationshipsOf: workbookRels, name: workbookRelsName, base: Self.folder(of: workbookPart))
        let sheets = try parse(sheetsOf: workbookBytes, name: workbookPart, relationships: relationships)
        guard let stylesName = relationships.first(where: { $0.type.hasSuffix("/styles") })?.part,
              let stylesBytes = try read(stylesName) else {
            throw failure(workbookPart, "the workbook has no styles part")
        }
        let styles: StylesAmendment
        do { styles = try StylesAmendment(bytes: stylesBytes) } catch { throw failure(stylesName, error) }

        var outcome = PackageAmender.Outcome(markedCells: 0, notes: 0, unplaced: [], addedSheetName: nil)
        var contentOverrides: [(part: String, type: String)] = []
        var needsVML = false
        var vmlBlock = 1 + archive.entries.filter { $0.name.lowercased().hasSuffix(".vml") }.count
        var taken = Set(archive.entries.map { ZipArchive.fold($0.name) })
        func freeName(_ make: (Int) -> String) -> String {
            var number = 1
            while taken.contains(ZipArchive.fold(make(number))) { number += 1 }
            let name = make(number)
            taken.insert(ZipArchive.fold(name))
            return name
        }

        // Marks by sheet, one per cell (the first fill wins; notes are joined).
        var bySheet: [Int: [CellReference: (fill: String, notes: [String])]] = [:]
        for mark in amendment.marks {
            guard let index = sheets.firstIndex(where: { $0.name == mark.sheet })
                    ?? sheets.firstIndex(where: { $0.name.lowercased() == mark.sheet.lowercased() }),
                  sheets[index].isWorksheet,
                  (1...CellReference.maxRow).contains(mark.row), (1...CellReference.maxColumn).contains(mark.column) else {
                outcome.unplaced.append(mark)
                continue
            }
            let cell = CellReference(row: mark.row, column: mark.column)
            var entry = bySheet[index, default: [:]][cell] ?? (mark.fill, [])
            if let note = mark.note, !entry.notes.contains(note) { entry.notes.append(note) }
            bySheet[index, default: [:]][cell] = entry
        }

        let folder = Self.folder(of: workbookPart)
        for index in bySheet.keys.sorted() {
            let sheet = sheets[index], cells = bySheet[index] ?? [:]
            let relsName = Self.relationshipsPart(of: sheet.part)
            let existingRels = try read(relsName)
            let sheetRelationships = try existingRels.map {
                try parse(relationshipsOf: $0, name: relsName, base: Self.folder(of: sheet.part))
            } ?? []
            let hasNotes = sheetRelationships.contains { $0.type.hasSuffix("/comments") || $0.type.hasSuffix("/vmlDrawing") }
            let wanted = cells.filter { !$0.value.notes.isEmpty }.sorted { $0.key < $1.key }.map {
                WorksheetPart.Note(row: $0.key.row - 1, column: $0.key.column - 1, text: $0.value.notes.joined(separator: "\n\n"),
                                   author: amendment.noteAuthor)
            }
            let notes = hasNotes ? [] : wanted
            if hasNotes, !wanted.isEmpty {
                // The sheet's own notes stay; ours join them where a cell has none.
                let added = try addNotes(wanted, besides: sheetRelationships, block: vmlBlock) ?? []
                vmlBlock += VMLDrawingPart.blockCount(notes: added.count)
                outcome.notes += added.count
                let placed = Set(added.map { CellReference(row: $0.row + 1, column: $0.column + 1) })
                outcome.unplaced += amendment.marks.filter {
                    $0.note != nil && $0.sheet == sheet.name && !placed.contains(CellReference(row: $0.row, column: $0.column))
                }
            }
            var drawingID: String?
            if !notes.isEmpty {
                let commentsName = freeName { "\(folder)comments\($0).xml" }
                let vmlName = freeName { "\(folder)drawings/vmlDrawing\($0).vml" }
                var rels = try RelationshipsEdit(existingRels, name: relsName, amender: self)
                let sheetFolder = Self.folder(of: sheet.part)
                drawingID = rels.add(type: "\(Self.relationshipsNamespace)/vmlDrawing", target: Self.relative(vmlName, from: sheetFolder))
                rels.add(type: "\(Self.relationshipsNamespace)/comments", target: Self.relative(commentsName, from: sheetFolder))
                let relsBytes = try rels.assembleXML()
                if existingRels == nil { added.append((relsName, relsBytes)) } else { replaced[relsName] = [.bytes(relsBytes)] }
                var comments = CommentsPart(notes: notes)
                added.append((commentsName, comments.assembleXML()))
                var drawing = VMLDrawingPart(notes: notes, firstBlock: vmlBlock, columnWidths: [])
                added.append((vmlName, drawing.assembleXML()))
                vmlBlock += VMLDrawingPart.blockCount(notes: notes.count)
                contentOverrides.append(("/" + commentsName, "\(Self.spreadsheetML).comments+xml"))
                needsVML = true
                outcome.notes += notes.count
            }
            var targets: [Int: [Int: WorksheetMarker.Restyle]] = [:]
            for (cell, mark) in cells {
                let fill = mark.fill
                targets[cell.row, default: [:]][cell.column] = { styles.restyle($0, fill: fill) }
            }
            replaced[sheet.part] = try marked(sheet.part, targets: targets, drawingID: drawingID)
            outcome.markedCells += cells.count
        }

        var workbookEdit = WorkbookEdit(bytes: workbookBytes, sheets: sheets)
        var workbookRelsEdit = try RelationshipsEdit(workbookRels, name: workbookRelsName, amender: self)
        if let first = amendment.firstSheet {
            let partName = freeName { "\(folder)worksheets/sheet\($0).xml" }
            let name = WorkbookEdit.freeSheetName(first.name, among: sheets.map(\.name))
            let id = workbookRelsEdit.add(type: "\(Self.relationshipsNamespace)/worksheet", target: Self.relative(partName, from: folder))
            workbookEdit.addFirstSheet(name: name, relationshipID: id)
            var part = AddedSheetPart(sheet: first, styles: styles)
            added.append((partName, part.assembleXML()))
            contentOverrides.append(("/" + partName, "\(Self.spreadsheetML).worksheet+xml"))
            outcome.addedSheetName = name
            replaced[workbookRelsName] = [.bytes(try workbookRelsEdit.assembleXML())]
            do { replaced[workbookPart] = [.bytes(try workbookEdit.assembleXML())] } catch { throw failure(workbookPart, error) }
            if let app = try read("docProps/app.xml"), let edited = AppPropertiesEdit.addingFirstTitle(name, to: app) {
                replaced["docProps/app.xml"] = [.bytes(edited)]
            }
        }
        do { replaced[stylesName] = [.bytes(try styles.assembleXML())] } catch { throw failure(stylesName, error) }
        if !contentOverrides.isEmpty || needsVML {
            let name = "[Content_Types].xml"
            guard let types = try read(name) else { throw failure(name, "the package has no content types") }
            do {
                replaced[name] = [.bytes(try ContentTypesEdit.adding(overrides: contentOverrides, vml: needsVML, to: types))]
            } catch { throw failure(name, error) }
        }
        return outcome
    }

    /// Streams a worksheet through ``WorksheetMarker`` into a spool file.
    private func marked(_ part: String, targets: [Int: [Int: WorksheetMarker.Restyle]], drawingID: String?) throws -> [ZipArchiveWriter.Segment] {
        guard let entry = archive.entry(named: part) else { throw failure(part, "the sheet's part is missing") }
        var marker = WorksheetMarker(targets: targets, legacyDrawingID: drawingID)
        let spool = try ZipSpoolFile()
        do {
            let reader = try archive.reader(for: entry)
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = try reader.read(into: &chunk)
                if count == 0 { break }
                try marker.feed(chunk[0..<count])
                try spool.append(marker.take())
            }
            try marker.finish()
            try spool.append(marker.take())
        } catch let error as MarkupScanner.Failure {
            throw failure(part, error.message)
        } catch let error as ZipIOError where error.path == source {
            throw WorkbookWriterError(code: .invalidSource, path: source, part: part, message: error.message, underlying: error)
        }
        return [.spool(spool)]
    }

    // MARK: Package structure

    /// The workbook part named by the package relationships (`xl/workbook.xml` as a rule).
    private func workbookPart() throws -> String {
        guard let rels = try read("_rels/.rels") else { return "xl/workbook.xml" }
        let found = try parse(relationshipsOf: rels, name: "_rels/.rels", base: "")
        return found.first { $0.type.hasSuffix("/officeDocument") }?.part ?? "xl/workbook.xml"
    }

    struct Relationship {
        var id: String
        var type: String
        /// The target as a part name, or nil for an external target.
        var part: String?
    }

    func parse(relationshipsOf bytes: [UInt8], name: String, base: String) throws -> [Relationship] {
        var found: [Relationship] = []
        do {
            try StylesAmendment.walk(bytes) { token, depth in
                if depth == 1, token.kind != .endTag, MarkupScanner.hasLocalName("Relationship", token, in: bytes),
                   let id = MarkupScanner.attribute("Id", of: token, in: bytes),
                   let type = MarkupScanner.attribute("Type", of: token, in: bytes),
                   let target = MarkupScanner.attribute("Target", of: token, in: bytes) {
                    let external = MarkupScanner.attribute("TargetMode", of: token, in: bytes) == "External"
                    found.append(Relationship(id: id, type: type, part: external ? nil : Self.resolve(target, in: base)))
                }
                return nil
            }
        } catch { throw failure(name, error) }
        return found
    }

    private func parse(sheetsOf bytes: [UInt8], name: String, relationships: [Relationship]) throws -> [Sheet] {
        var sheets: [Sheet] = []
        do {
            try StylesAmendment.walk(bytes) { token, depth in
                if depth == 2, token.kind != .endTag, MarkupScanner.hasLocalName("sheet", token, in: bytes),
                   let sheetName = MarkupScanner.attribute("name", of: token, in: bytes),
                   let id = MarkupScanner.attribute("id", of: token, in: bytes, anyPrefix: true),
                   let relationship = relationships.first(where: { $0.id == id }), let part = relationship.part {
                    sheets.append(Sheet(name: sheetName, relationshipID: id, part: part,
                                        isWorksheet: relationship.type.hasSuffix("/worksheet")))
                }
                return nil
            }
        } catch { throw failure(name, error) }
        return sheets
    }

    /// `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`.
    static func relationshipsPart(of part: String) -> String {
        let folder = folder(of: part)
        return folder + "_rels/" + String(part.dropFirst(folder.count)) + ".rels"
    }

    /// The folder of a part name with its trailing slash (`xl/`), or empty.
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A relationship target as a part name: absolute (`/xl/x.xml`) or relative to `base`.
    static func resolve(_ target: String, in base: String) -> String {
        var segments: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for segment in target.split(separator: "/") {
            if segment == ".." { _ = segments.popLast() } else if segment != "." { segments.append(segment) }
        }
        return segments.joined(separator: "/")
    }

    /// `part` as a target relative to `folder` (`../comments1.xml` from `xl/worksheets/`).
    static func relative(_ part: String, from folder: String) -> String {
        var from = folder.split(separator: "/")[...], to = part.split(separator: "/")[...]
        while let a = from.first, let b = to.first, to.count > 1, a == b {
            from = from.dropFirst()
            to = to.dropFirst()
        }
        return (Array(repeating: "..", count: from.count) + to.map(String.init)).joined(separator: "/")
    }
}
