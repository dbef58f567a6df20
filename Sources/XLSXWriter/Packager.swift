/// Assembles every part of a workbook, in a fixed order, and hands each to a sink (the archive).
///
/// The order is fixed, so the same content gives the same archive: `[Content_Types].xml`,
/// `_rels/.rels`, `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, the worksheets, their
/// relationships (`xl/worksheets/_rels/sheetN.xml.rels`), each sheet's notes
/// (`xl/commentsN.xml` and `xl/drawings/vmlDrawingN.vml`), the tables (`xl/tables/tableN.xml`),
/// `xl/theme/theme1.xml`, `xl/styles.xml`, `xl/sharedStrings.xml` (when a cell uses it),
/// `docProps/core.xml`, `docProps/app.xml`.
struct Packager {
    var properties: DocumentProperties
    var definedNames: [WorkbookPart.DefinedName] = []

    /// Assembles the parts and passes each part's name and bytes to `emit`.
    ///
    /// Worksheet rows are handed over, not copied; the sheets are spent afterwards.
    func assemble(
        sheets: [SheetWriter], styles: inout StylesPart, sharedStrings: inout SharedStringsPart,
        emit: (_ name: String, _ part: PartBytes) throws -> Void
    ) throws {
        let activeSheet = sheets.firstIndex { !$0.hidden } ?? 0
        let hasSharedStrings = !sharedStrings.isEmpty
        // Sheets with notes number their comments and drawings 1, 2… in tab order.
        var notesNumbers: [Int: Int] = [:]
        for index in sheets.indices where !sheets[index].part.notes.isEmpty {
            notesNumbers[index] = notesNumbers.count + 1
        }
        let tables = sheets.flatMap(\.part.tables).sorted { $0.number < $1.number }

        var contentTypes = ContentTypesPart(
            sheetCount: sheets.count, hasSharedStrings: hasSharedStrings, tableNumbers: tables.map(\.number),
            commentsCount: notesNumbers.count)
        try emit(ContentTypesPart.name, PartBytes(contentTypes.assembleXML()))

        var packageRelationships = RelationshipsPart()
        packageRelationships.add(.document, target: "xl/workbook.xml")
        packageRelationships.add(.coreProperties, target: CorePropertiesPart.name)
        packageRelationships.add(.extendedProperties, target: AppPropertiesPart.name)
        try emit("_rels/.rels", PartBytes(packageRelationships.assembleXML()))

        var workbook = WorkbookPart(
            sheets: sheets.map {
                WorkbookPart.Sheet(
                    name: $0.name, hidden: $0.hidden, autoFilterRange: $0.part.autoFilterRange,
                    repeatRowsAtTop: $0.part.options.repeatRowsAtTop)
            },
            activeSheet: activeSheet, definedNames: definedNames)
        try emit(WorkbookPart.name, PartBytes(workbook.assembleXML()))

        // Worksheets first, so that sheet N is relationship rIdN, as WorkbookPart assumes.
        var workbookRelationships = RelationshipsPart()
        for number in sheets.indices.map({ $0 + 1 }) {
            workbookRelationships.add(.worksheet, target: "worksheets/sheet\(number).xml")
        }
        workbookRelationships.add(.theme, target: "theme/theme1.xml")
        workbookRelationships.add(.styles, target: "styles.xml")
        if hasSharedStrings { workbookRelationships.add(.sharedStrings, target: "sharedStrings.xml") }
        try emit("xl/_rels/workbook.xml.rels", PartBytes(workbookRelationships.assembleXML()))

        for index in sheets.indices {
            try emit(
                Self.worksheetName(index),
                sheets[index].part.assembleXML(isSelected: index == activeSheet, notesNumber: notesNumbers[index] ?? 1))
        }
        for index in sheets.indices {
            guard var relationships = sheets[index].part.relationships(notesNumber: notesNumbers[index] ?? 1) else {
                continue
            }
            try emit("xl/worksheets/_rels/sheet\(index + 1).xml.rels", PartBytes(relationships.assembleXML()))
        }
        try emitNotes(of: sheets, numbers: notesNumbers, emit: emit)
        for table in tables {
            var part = TablePart(table: table)
            try emit(TablePart.name(table.number), PartBytes(part.assembleXML()))
        }
        var theme = ThemePart()
        try emit(ThemePart.name, PartBytes(theme.assembleXML()))
        try emit(StylesPart.name, PartBytes(styles.assembleXML()))
        if hasSharedStrings { try emit(SharedStringsPart.name, PartBytes(sharedStrings.assembleXML())) }

        var core = CorePropertiesPart(properties: properties)
        try emit(CorePropertiesPart.name, PartBytes(core.assembleXML()))
        var app = AppPropertiesPart(
            sheetNames: sheets.map(\.name), company: properties.company, application: properties.application,
            applicationVersion: properties.applicationVersion)
        try emit(AppPropertiesPart.name, PartBytes(app.assembleXML()))
    }

    /// The comments part and VML drawing of each sheet with notes; each drawing takes the next
    /// free blocks of 1,024 shape ids.
    private func emitNotes(
        of sheets: [SheetWriter], numbers: [Int: Int], emit: (_ name: String, _ part: PartBytes) throws -> Void
    ) throws {
        var block = 1
        for (index, number) in numbers.sorted(by: { $0.value < $1.value }) {
            let part = sheets[index].part
            var comments = CommentsPart(notes: part.notes)
            try emit(CommentsPart.name(number), PartBytes(comments.assembleXML()))
            var drawing = VMLDrawingPart(notes: part.notes, firstBlock: block, columnWidths: part.columnWidths)
            try emit(VMLDrawingPart.name(number), PartBytes(drawing.assembleXML()))
            block += VMLDrawingPart.blockCount(notes: part.notes.count)
        }
    }

    /// The part name of the sheet at 0-based `index`: `xl/worksheets/sheet1.xml`…
    static func worksheetName(_ index: Int) -> String {
        "xl/worksheets/sheet\(index + 1).xml"
    }
}
