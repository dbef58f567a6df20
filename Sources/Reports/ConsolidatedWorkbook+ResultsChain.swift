import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The results chain (Resolution 151): goal → objective → output with the financial plan's
    /// budget, the operational plans' allocation and their difference (regular budget, and the
    /// extrabudgetary money beside it), KPIs with their status, linked risks and the findings on
    /// each line. Objective and goal totals are live sums of the lines below them; the last rows
    /// compare the total with the approved envelope.
    func resultsChain(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let chain = self.chain ?? ResultsChain(model: c.model, findings: c.findings, years: c.years, envelope: envelope)
        let headers = ["Goal", "Objective", "Output", "Title", "Bureau", "Financial plan (RB)", "Operational plans (RB)", "Difference (RB)",
                       "Financial plan (XB)", "Operational plans (XB)", "KPIs (status)", "Risks", "Findings"]
        let sheet = try self.sheet(writer, "Results chain", headers, widths: [8, 9, 9, 40, 7, 14, 14, 13, 13, 13, 30, 16, 30])
        var row = 1
        var goalRows: [Int] = []
        for goal in chain.goals {
            row += 1
            let goalRow = row
            goalRows.append(goalRow)
            var objectiveRows: [Int] = []
            // The goal's row sums its objectives' rows, so it is written once their rows are known.
            var pending: [(row: Int, cells: [Cell])] = []
            for objective in goal.objectives {
                row += 1
                let objectiveRow = row
                objectiveRows.append(objectiveRow)
                let first = row + 1, last = row + objective.lines.count
                let sum = { (column: String, value: Exact) -> Cell in
                    objective.lines.isEmpty ? Cell(Self.exact(0), style: Self.chfBold)
                        : Cell(.formula("SUM(\(column)\(first):\(column)\(last))", cached: Self.exact(value)), style: Self.chfBold)
                }
                let extraGoals = objective.otherGoals.isEmpty ? ""
                    : " (also serves " + objective.otherGoals.map { "G" + ResultsChain.goalNumber($0) }.joined(separator: ", ") + ")"
                pending.append((objectiveRow, [.empty, text(objective.code, style: Self.bold), .empty,
                                              text(objective.title + extraGoals, style: Self.boldWrap), .empty,
                                              sum("F", objective.budgetRB), sum("G", objective.plannedRB),
                                              Cell(.formula("G\(objectiveRow)-F\(objectiveRow)", cached: Self.exact(objective.plannedRB - objective.budgetRB)), style: Self.signedBold),
                                              .empty, .empty, .empty, text(objective.risks.joined(separator: ", "), style: Self.wrap), .empty]))
                for line in objective.lines {
                    row += 1
                    let kpis = line.kpis.map { "\($0.id): \($0.status)" }.joined(separator: "\n")
                    let findings = line.findings.isEmpty ? "" : "\(line.findings.count) (\(line.worst?.rawValue ?? "")): "
                        + line.findings.map(\.idText).joined(separator: ", ")
                    pending.append((row, [.empty, .empty, text(line.output.text), text(line.title, style: Self.wrap), text(line.bureau?.rawValue),
                                          money(line.budgetRB), money(line.plannedRB),
                                          Cell(.formula("G\(row)-F\(row)", cached: Self.exact(line.differenceRB)), style: Self.signed),
                                          money(line.budgetXB), money(line.plannedXB), text(kpis, style: Self.wrap),
                                          text(line.risks.joined(separator: ", "), style: Self.wrap),
                                          line.worst.map { text(findings, style: Self.chainFill[$0]) } ?? .empty]))
                }
            }
            let goalSum = { (column: String, value: Exact) -> Cell in
                objectiveRows.isEmpty ? Cell(Self.exact(0), style: Self.chfBold)
                    : Cell(.formula(objectiveRows.map { "\(column)\($0)" }.joined(separator: "+"), cached: Self.exact(value)), style: Self.chfBold)
            }
            try sheet.writeRow([text(goal.goal ?? "—", style: Self.bold), .empty, .empty, text(goal.title, style: Self.boldWrap), .empty,
                                goalSum("F", goal.budgetRB), goalSum("G", goal.plannedRB),
                                Cell(.formula("G\(goalRow)-F\(goalRow)", cached: Self.exact(goal.plannedRB - goal.budgetRB)), style: Self.signedBold)])
            for entry in pending { try sheet.writeRow(entry.cells) }
        }
        // The whole plan against the envelope.
        row += 2
        try sheet.writeRow([])
        let total = { (column: String, value: Exact) -> Cell in
            goalRows.isEmpty ? Cell(Self.exact(0), style: Self.chfBold)
                : Cell(.formula(goalRows.map { "\(column)\($0)" }.joined(separator: "+"), cached: Self.exact(value)), style: Self.chfBold)
        }
        try sheet.writeRow([text("All", style: Self.bold), .empty, .empty, text("Regular budget, all outputs", style: Self.bold), .empty,
                            total("F", chain.budgetRB), total("G", chain.plannedRB),
                            Cell(.formula("G\(row)-F\(row)", cached: Self.exact(chain.plannedRB - chain.budgetRB)), style: Self.signedBold)])
        if let envelope = chain.envelope {
            row += 1
            try sheet.writeRow([.empty, .empty, .empty, text("Approved envelope (regular budget)", style: Self.bold), .empty, money(envelope), .empty,
                                Cell(.formula("F\(row - 1)-F\(row)", cached: Self.exact(chain.budgetRB - envelope)), style: Self.signedBold)])
        }
    }

    static let boldWrap = CellStyle(bold: true, wrapText: true)
    static let signedBold = CellStyle(bold: true, numberFormat: "+#,##0.##;-#,##0.##;0")
    static let chainFill: [Severity: CellStyle] = [
        .error: CellStyle(fillColor: "FFF8CBAD", wrapText: true), .warning: CellStyle(fillColor: "FFFFE699", wrapText: true),
        .info: CellStyle(fillColor: "FFDDEBF7", wrapText: true),
    ]
}
