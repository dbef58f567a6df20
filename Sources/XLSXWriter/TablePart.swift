/// Maps `<table>` in `xl/tables/tableN.xml`: one Excel table (a ListObject), its columns, its
/// filter and its style.
struct TablePart {
    var table: WorksheetPart.TableEntry

    private var writer = XMLWriter()

    init(table: WorksheetPart.TableEntry) {
        self.table = table
    }

    static func name(_ number: Int) -> String { "xl/tables/table\(number).xml" }

    // CT_Table order: autoFilter, sortState, tableColumns, tableStyleInfo.
    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writer.startElement(
            "table",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "id": String(table.number),
                "name": table.name, "displayName": table.name, "ref": table.range.reference, "totalsRowShown": "0",
            ])
        writer.emptyElement("autoFilter", ["ref": table.range.reference])
        writeTableColumns()
        writeTableStyleInfo()
        writer.endElement("table")
        return writer.take()
    }

    private mutating func writeTableColumns() {
        writer.startElement("tableColumns", ["count": String(table.table.columns.count)])
        for (offset, name) in table.table.columns.enumerated() {
            writer.emptyElement("tableColumn", ["id": String(offset + 1), "name": name])
        }
        writer.endElement("tableColumns")
    }

    private mutating func writeTableStyleInfo() {
        writer.emptyElement(
            "tableStyleInfo",
            [
                "name": table.table.style, "showFirstColumn": "0", "showLastColumn": "0",
                "showRowStripes": table.table.bandedRows ? "1" : "0", "showColumnStripes": "0",
            ])
    }
}
