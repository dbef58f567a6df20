import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// Every row read and not loaded (issue 15): file, sheet, row, the finding that rejected it
    /// (linked to the Discrepancies sheet), why, and the row's cells as read, `header [column]: value`.
    func rejectedRows(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Rejected rows"
        let sheet = try self.sheet(writer, name, ["File", "Sheet", "Row", "Finding", "Why", "Cells as read"], widths: [30, 18, 6, 38, 40, 70])
        let rows = c.model.rejectedRows.sorted { a, b in
            if a.file != b.file { return NaturalOrder.less(a.file, b.file) }
            if a.sheet != b.sheet { return NaturalOrder.less(a.sheet, b.sheet) }
            return a.row < b.row
        }
        for (index, rejected) in rows.enumerated() {
            let r = index + 2
            let finding = rejected.finding.flatMap { id in
                c.findings.first { f in
                    f.id.first == id && f.sources.contains { $0.file == rejected.file && $0.sheet == rejected.sheet && $0.cell.flatMap(Self.firstRow) == rejected.row }
                } ?? c.findings.first { $0.id.first == id }
            }
            let cells = rejected.cells.map { cell in "\(cell.header.map { "\($0) " } ?? "")[\(cell.column)]: \(cell.text)" }.joined(separator: "\n")
            let lines = max(rejected.cells.count, Self.wrappedLines(rejected.reason, width: 39))
            try sheet.writeRow([text(rejected.file, style: Self.wrap), text(rejected.sheet, style: Self.wrap), integer(rejected.row),
                                text(finding?.idText ?? rejected.finding?.description ?? L("none (a note in manifest.json)"), style: finding == nil ? Self.wrap : Self.linkWrap),
                                text(rejected.reason, style: Self.wrap), text(cells, style: Self.wrap)],
                               height: CellFit.rowHeight(lines: lines))
            if let finding, let target = c.rowOfFinding[finding.id] {
                try sheet.addHyperlink(at: "D\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: L("Go to {0}", finding.idText))
            }
        }
    }

    /// How each sheet's rows were accounted for: `read = loaded + skipped + rejected`.
    func submissions(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Row accounting", ["File", "Kind", "Bureau", "Sheet", "Header row", "Read", "Loaded", "Skipped", "Rejected"],
                                   widths: [40, 6, 8, 22, 8, 7, 7, 8, 9])
        for s in c.model.submissions.sorted(by: { NaturalOrder.less($0.file, $1.file) }) {
            for a in s.sheets {
                try sheet.writeRow([text(s.file), text(s.kind.rawValue), text(s.bureau?.rawValue), text(a.sheet), text(a.headerRow),
                                    integer(a.read), integer(a.loaded), integer(a.skipped), integer(a.rejected)])
            }
        }
    }
}
