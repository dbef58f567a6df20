import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// Every loaded operational-plan row, by bureau and output in natural order.
    func allocations(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Operational plans"
        var headers = ["Bureau", "Output", "Objective (stated)", "Title"]
        for y in c.years { headers += ["\(y) (CHF)", "\(y) staff (CHF)", "\(y) non-staff (CHF)"] }
        headers += ["Biennium (stated, CHF)", "FTE", "Priority", "Funding", "Notes", "Source"]
        let sheet = try self.sheet(writer, name, headers,
                                   widths: [8, 9, 10, 40] + c.years.flatMap { _ in [14, 12, 12] } + [14, 7, 9, 8, 30, 44])
        // Bureaus in `Bureau`'s own order (its code's).
        let bureaus = Bureau.allCases.sorted(), all = c.model.allocations
        let rows = Self.planOrder(ranks: all.map { bureaus.firstIndex(of: $0.bureau)! }, codes: all.map(\.output.text),
                                  files: all.map(\.outputCell.file), rows: all.map(\.row)).map { all[$0] }
        for (index, a) in rows.enumerated() {
            var row: [Cell] = [text(a.bureau.rawValue), text(a.output.text), text(a.statedObjective?.text), text(a.title, style: Self.wrap)]
            for y in c.years {
                let cost = a.years[y]
                row += [money(cost.map(\.chf)), money(cost?.staff?.chf), money(cost?.nonStaff?.chf)]
            }
            row += [money(a.biennium?.chf), quantity(a.fte?.value, style: Self.fte), text(a.priority?.rawValue), text(a.funding.code),
                    text(a.notes?.text, style: Self.wrap), source(a.outputCell)]
            try sheet.writeRow(row)
            c.record(a.outputCell, sheet: name, row: index + 2)
        }
    }
}
