import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The totals and subtotals typed in the workbooks (skipped as rows, checked by FIN-005): the
    /// label, what it totals, the value stated, the sum of the rows in its scope and the cell.
    func statedTotals(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        guard !c.model.statedTotals.isEmpty else { return }
        let name = "Stated totals"
        let sheet = try self.sheet(writer, name, ["Workbook", "Bureau", "Label", "Column", "Stated", "Sum of its rows", "Difference", "Source"],
                                   widths: [9, 8, 30, 10, 14, 14, 12, 44])
        let totals = c.model.statedTotals.sorted { a, b in
            if a.cell.file != b.cell.file { return NaturalOrder.less(a.cell.file, b.cell.file) }
            if a.cell.sheet != b.cell.sheet { return NaturalOrder.less(a.cell.sheet, b.cell.sheet) }
            return a.cell.position < b.cell.position
        }
        for (index, t) in totals.enumerated() {
            let r = index + 2
            let measure = switch t.measure {
            case .year(let year): "\(year)"
            case .biennium: L("biennium")
            case .fte: "FTE"
            }
            let style = t.measure == .fte ? Self.fte : Self.chf
            let sum = t.components.reduce(Exact(0)) { $0 + $1.value }
            try sheet.writeRow([text(t.workbook.description), text(t.bureau?.rawValue), text(t.label, style: Self.wrap), text(measure),
                                quantity(t.stated, style: style), quantity(sum, style: style),
                                Cell(.formula("E\(r)-F\(r)", cached: Self.exact(t.stated - sum)), style: t.measure == .fte ? Self.fte : Self.signed),
                                source(t.cell)])
            c.record(t.cell, sheet: name, row: r)
        }
    }
}
