import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// Every loaded financial-plan line, by bureau (ITU's order, lines without one last) and output in
    /// natural order, then as the plan lists them.
    func budgetLines(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Financial plan"
        let headers = ["Bureau", "Sector (stated)", "Objective (stated)", "Output", "Title", "Cost category", "Funding"]
            + c.years.map { "\($0) (CHF)" } + ["Biennium (stated, CHF)", "Notes", "Source"]
        let sheet = try self.sheet(writer, name, headers, widths: [8, 9, 10, 9, 40, 12, 8] + c.years.map { _ in 14 } + [14, 30, 44])
        func rank(_ bureau: Bureau?) -> Int { bureau.flatMap { Bureau.allCases.firstIndex(of: $0) } ?? Bureau.allCases.count }
        let all = c.model.budgetLines
        let lines = Self.planOrder(ranks: all.map { rank($0.bureau) }, codes: all.map(\.output.text), files: all.map(\.outputCell.file),
                                   rows: all.map(\.row)).map { all[$0] }
        for (index, l) in lines.enumerated() {
            try sheet.writeRow([text(l.bureau?.rawValue), text(l.sector?.text), text(l.statedObjective?.text), text(l.output.text),
                                text(l.title, style: Self.wrap), text(l.category?.code), text(l.funding.code)]
                               + c.years.map { money(l.years[$0]?.chf) }
                               + [money(l.biennium?.chf), text(l.notes?.text, style: Self.wrap), source(l.outputCell)])
            c.record(l.outputCell, sheet: name, row: index + 2)
        }
    }

    /// The financial plan's summary by bureau (regular budget), what FIN-004 compares with.
    func sectorSummary(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        guard !c.model.sectorSummary.isEmpty else { return }
        let name = "FP summary"
        let headers = ["Bureau"] + c.years.map { "\($0) (CHF)" } + ["Biennium (stated, CHF)", "Source"]
        let sheet = try self.sheet(writer, name, headers, widths: [8] + c.years.map { _ in 14 } + [14, 44])
        for (index, s) in c.model.sectorSummary.sorted(by: { ($0.bureau, $0.row) < ($1.bureau, $1.row) }).enumerated() {
            let first = c.years.compactMap { s.years[$0]?.source }.first ?? s.biennium?.source
            try sheet.writeRow([text(s.bureau.rawValue)] + c.years.map { money(s.years[$0]?.chf) }
                               + [money(s.biennium?.chf), source(first)])
            if let first { c.record(first, sheet: name, row: index + 2) }
        }
    }
}
