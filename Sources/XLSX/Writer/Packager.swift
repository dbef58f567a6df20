/// Assembles every part of a workbook, in Excel's order, and hands each to a sink (the archive).
///
/// The order is fixed, so the same content gives the same archive: `[Content_Types].xml`,
/// `_rels/.rels`, `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, the worksheets,
/// `xl/styles.xml`, `xl/sharedStrings.xml` (when a cell uses it), `docProps/core.xml`,
/// `docProps/app.xml`. No theme part is written; Excel falls back to its built-in theme.
struct Packager {
    var properties: DocumentProperties

    /// Assembles the parts and passes each part's name and bytes (in chunks) to `emit`.
    ///
    /// Worksheet rows are handed over, not copied; the sheets are spent afterwards.
    func assemble(
        sheets: [SheetWriter], styles: inout StylesPart, sharedStrings: inout SharedStringsPart,
        emit: (_ name: String, _ chunks: [[UInt8]]) throws -> Void
    ) throws {
        let activeSheet = sheets.firstIndex { !$0.hidden } ?? 0
        let hasSharedStrings = !sharedStrings.isEmpty

        var contentTypes = ContentTypesPart(sheetCount: sheets.count, hasSharedStrings: hasSharedStrings)
        try emit(ContentTypesPart.name, [contentTypes.assembleXML()])

        var packageRelationships = RelationshipsPart()
        packageRelationships.add(.document, target: "xl/workbook.xml")
        packageRelationships.add(.coreProperties, target: CorePropertiesPart.name)
        packageRelationships.add(.extendedProperties, target: AppPropertiesPart.name)
        try emit("_rels/.rels", [packageRelationships.assembleXML()])

        var workbook = WorkbookPart(
            sheets: sheets.map {
                WorkbookPart.Sheet(name: $0.name, hidden: $0.hidden, autoFilterRange: $0.part.autoFilterRange)
            },
            activeSheet: activeSheet)
        try emit(WorkbookPart.name, [workbook.assembleXML()])

        // Worksheets first, so that sheet N is relationship rIdN, as WorkbookPart assumes.
        var workbookRelationships = RelationshipsPart()
        for number in sheets.indices.map({ $0 + 1 }) {
            workbookRelationships.add(.worksheet, target: "worksheets/sheet\(number).xml")
        }
        workbookRelationships.add(.styles, target: "styles.xml")
        if hasSharedStrings { workbookRelationships.add(.sharedStrings, target: "sharedStrings.xml") }
        try emit("xl/_rels/workbook.xml.rels", [workbookRelationships.assembleXML()])

        for index in sheets.indices {
            try emit(Self.worksheetName(index), sheets[index].part.assembleXML(isSelected: index == activeSheet))
        }
        try emit(StylesPart.name, [styles.assembleXML()])
        if hasSharedStrings { try emit(SharedStringsPart.name, [sharedStrings.assembleXML()]) }

        var core = CorePropertiesPart(properties: properties)
        try emit(CorePropertiesPart.name, [core.assembleXML()])
        var app = AppPropertiesPart(sheetNames: sheets.map(\.name), company: properties.company)
        try emit(AppPropertiesPart.name, [app.assembleXML()])
    }

    /// The part name of the sheet at 0-based `index`: `xl/worksheets/sheet1.xml`…
    static func worksheetName(_ index: Int) -> String {
        "xl/worksheets/sheet\(index + 1).xml"
    }
}
