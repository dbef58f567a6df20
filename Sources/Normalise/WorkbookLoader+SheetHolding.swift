import Results
import XLSXReader

extension WorkbookLoader {
    /// The worksheet whose first rows hold `table`'s header, for a DAT-003 whose `sheet:` names no
    /// sheet and no sheet's name is near it: a renamed or translated sheet (`Produits` for
    /// `Outputs`) is then named by what it holds. Reads at most the header search's rows of each
    /// sheet, and only when a table's sheet is missing; nil when no sheet, or more than one, has it
    /// (a guess that could point at the wrong sheet is no help).
    func sheetHolding(_ table: TableProfile, among worksheets: [SheetInfo], of workbook: Workbook) -> String? {
        let mapper = HeaderMapper(table: table.table, fields: table.fields ?? [:], categories: settings.costCategories, biennium: settings.biennium)
        var holding: [String] = []
        for sheet in worksheets {
            guard let cursor = try? workbook.cursor(for: sheet) else { continue }
            var rows: [SheetRow] = []
            while rows.count <= HeaderMapper.searchedRows, let row = try? cursor.nextRow() { rows.append(row) }
            if mapper.search(rows: rows, headerRow: table.headerRow).position != nil { holding.append(sheet.name) }
        }
        return holding.count == 1 ? holding[0] : nil
    }
}
