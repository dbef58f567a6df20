import Foundation
import Results
import XLSXWriter

/// The results framework's tables, each on its sheet in natural order of its codes (each code's
/// natural-order key built once, issue 11).
extension ConsolidatedWorkbook {
    func goals(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Goals"
        let sheet = try self.sheet(writer, name, ["Goal", "Short name", "Title", "Source"], widths: [8, 20, 60, 44])
        for (index, g) in NaturalOrder.sorted(c.model.goals, by: \.code).enumerated() {
            try sheet.writeRow([text(g.code), text(g.shortName, style: Self.wrap), text(g.title, style: Self.wrap), source(g.source)])
            c.record(g.source, sheet: name, row: index + 2)
        }
    }

    func targets(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Targets"
        let sheet = try self.sheet(writer, name, ["Target", "Goal", "Description", "Unit", "Baseline", "Baseline year", "Target value", "Target year", "Source"],
                                   widths: [8, 7, 50, 10, 10, 9, 10, 9, 44])
        for (index, t) in NaturalOrder.sorted(c.model.targets, by: \.code).enumerated() {
            try sheet.writeRow([text(t.code), text(t.goal), text(t.description, style: Self.wrap), text(t.unit), quantity(t.baseline, style: Self.number),
                                integer(t.baselineYear), quantity(t.target, style: Self.number), integer(t.targetYear), source(t.source)])
            c.record(t.source, sheet: name, row: index + 2)
        }
    }

    func objectives(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Objectives"
        let sheet = try self.sheet(writer, name, ["Objective", "Bureau", "Type", "Title", "Goals", "Source"], widths: [10, 8, 12, 50, 10, 44])
        for (index, o) in NaturalOrder.sorted(c.model.objectives, by: \.code).enumerated() {
            try sheet.writeRow([text(o.code), text(o.bureau?.rawValue), text(o.kind), text(o.title, style: Self.wrap),
                                text(o.goalTokens.joined(separator: ", ")), source(o.source)])
            c.record(o.source, sheet: name, row: index + 2)
        }
    }

    func outputs(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "Outputs"
        let sheet = try self.sheet(writer, name, ["Output", "Objective", "Bureau", "Title", "Cost recovery", "Source"], widths: [9, 10, 8, 50, 10, 44])
        // Each code's natural-order key built once, not twice per comparison (issue 11).
        let all = c.model.outputs, codes = all.map { NaturalOrder.Key($0.code.text) }
        let sorted = all.indices.sorted { i, j in
            let order = NaturalOrder.Key.order(codes, i, j)
            return order != 0 ? order < 0 : all[i].source.position < all[j].source.position
        }.map { all[$0] }
        for (index, o) in sorted.enumerated() {
            try sheet.writeRow([text(o.code.text), text(o.objective), text(o.bureau?.rawValue), text(o.title, style: Self.wrap),
                                Cell(.bool(o.isCostRecovery)), source(o.source)])
            c.record(o.source, sheet: name, row: index + 2)
        }
    }

    func crosswalk(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        guard !c.model.crosswalk.isEmpty else { return }
        let name = "Crosswalk"
        let sheet = try self.sheet(writer, name, ["Previous code", "New code", "Note", "Source"], widths: [10, 10, 50, 44])
        for (index, e) in NaturalOrder.sorted(c.model.crosswalk, by: \.oldCode).enumerated() {
            try sheet.writeRow([text(e.oldCode), text(e.newCode), text(e.note, style: Self.wrap), source(e.source)])
            c.record(e.source, sheet: name, row: index + 2)
        }
    }

    /// KPIs with every actual read, one column per year reported.
    func kpis(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let name = "KPIs"
        let years = Set(c.model.kpis.flatMap(\.actuals.keys)).sorted()
        let headers = ["KPI", "Linked to", "Indicator", "Unit", "Direction", "Baseline", "Baseline year", "Target", "Target year"]
            + years.map { "Actual \($0)" } + ["Reported status", "Source"]
        let sheet = try self.sheet(writer, name, headers, widths: [14, 9, 44, 9, 9, 10, 9, 10, 9] + years.map { _ in 10 } + [12, 44])
        for (index, k) in NaturalOrder.sorted(c.model.kpis, by: \.id).enumerated() {
            try sheet.writeRow([text(k.id), text(k.linkedTo), text(k.name, style: Self.wrap), text(k.unit), text(k.direction?.rawValue),
                                quantity(k.baseline?.value, style: Self.number), integer(k.baselineYear), quantity(k.target?.value, style: Self.number),
                                integer(k.targetYear)]
                               + years.map { quantity(k.actuals[$0]?.value, style: Self.number) }
                               + [text(k.reportedStatus?.text), source(k.source)])
            c.record(k.source, sheet: name, row: index + 2)
        }
    }
}
