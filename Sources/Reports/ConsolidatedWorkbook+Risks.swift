import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The risk register, every field read, by risk id in natural order.
    func risks(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Risks"
        let headers = ["Risk", "Bureau", "Description", "Category", "Objective", "Output", "Likelihood", "Impact", "Score (L × I)",
                       "Score (stated)", "Owner", "Mitigation", "Status", "Last review", "Source"]
        let sheet = try self.sheet(writer, name, headers, widths: [11, 8, 44, 12, 9, 9, 10, 8, 9, 9, 16, 40, 10, 11, 44])
        for (index, r) in NaturalOrder.sorted(c.model.risks, by: \.id).enumerated() {
            let score = r.likelihood.flatMap { l in r.impact.map { l.value * $0.value } }
            try sheet.writeRow([text(r.id), text(r.bureau?.rawValue), text(r.description, style: Self.wrap), text(r.category),
                                text(r.linkedObjective?.text), text(r.linkedOutput?.text), quantity(r.likelihood?.value), quantity(r.impact?.value),
                                quantity(score), quantity(r.statedScore?.value), text(r.owner, style: Self.wrap),
                                text(r.mitigation.text, style: Self.wrap), text(r.status), text(r.lastReview), source(r.source)])
            c.record(r.source, sheet: name, row: index + 2)
        }
    }
}
