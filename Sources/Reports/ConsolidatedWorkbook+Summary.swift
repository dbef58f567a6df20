import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The front page, one A4 page: ITU totals per year, the envelope, each bureau's regular budget
    /// on both sides (live differences, FIN-004's bands, the finding and its root cause), findings
    /// by bureau × severity and by rule as live `COUNTIFS` over the Discrepancies sheet.
    func summary(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws {
        let print = printOptions
        // Column A holds labels ("All bureaus"), longer in French and Spanish.
        let sheet = try writer.addSheet("Summary", options: SheetOptions(
            columnWidths: [language == .en ? 11 : 18, 9, 16, 16, 15, 12, 30, 30], fitToPage: true, paperSize: .a4, pageHeader: print.header, pageFooter: print.footer,
            margins: .narrow))
        var row = 0
        func put(_ cells: [Cell], height: Double? = nil) throws {
            try sheet.writeRow(cells, height: height)
            row += 1
        }
        func heading(_ headers: [String]) throws {
            try put(headers.map { Cell(.string(L($0)), style: Self.header) }, height: 30)
        }
        func section(_ title: String) throws {
            try put([Cell(.string(L(title)), style: Self.section)])
        }
        try put([Cell(.string(title), style: CellStyle(bold: true))])
        try put([text(L("{0} · inputs as of {1} (the newest input's modification time) · {2} workbooks read", "rbm\(version.map { " " + $0 } ?? "")", runDateText, c.model.submissions.count))])

        // Bureau totals go further down; the ITU totals above them sum their rows.
        let totals = c.bureauTotals
        let years = c.years.isEmpty ? Array(Set(totals.map(\.year))).sorted() : c.years
        let ituRows = years.count + 1
        let envelopeRows = 4
        let bureauFirst = row + 1 + 2 + ituRows + 1 + 1 + envelopeRows + 1 + 2   // rows before the first bureau line (1-based)
        let bureauLast = bureauFirst + totals.count - 1
        let bureauYears = "$B$\(bureauFirst):$B$\(max(bureauFirst, bureauLast))"

        try put([])
        try section("ITU regular budget: financial plan against operational plans")
        try heading(["ITU", "Year", "Financial plan (RB)", "Operational plans (RB)", "Difference", "Difference %"])
        let ituFirst = row + 1
        for year in years {
            let of = totals.filter { $0.year == year }
            let fp = of.reduce(Exact(0)) { $0 + $1.financialPlan }, op = of.reduce(Exact(0)) { $0 + $1.operationalPlan }
            let r = row + 1
            try put([text(L("All bureaus")), integer(year),
                     Cell(.formula("SUMIF(\(bureauYears),B\(r),$C$\(bureauFirst):$C$\(max(bureauFirst, bureauLast)))", cached: Self.exact(fp)), style: Self.chf),
                     Cell(.formula("SUMIF(\(bureauYears),B\(r),$D$\(bureauFirst):$D$\(max(bureauFirst, bureauLast)))", cached: Self.exact(op)), style: Self.chf)]
                    + differences(r, fp: fp, op: op))
        }
        let fpAll = totals.reduce(Exact(0)) { $0 + $1.financialPlan }, opAll = totals.reduce(Exact(0)) { $0 + $1.operationalPlan }
        let bienniumRow = row + 1
        try put([Cell(.string(L("All bureaus")), style: Self.bold), Cell(.string(L("Biennium")), style: Self.bold),
                 Cell(.formula("SUM(C\(ituFirst):C\(bienniumRow - 1))", cached: Self.exact(fpAll)), style: Self.chfBold),
                 Cell(.formula("SUM(D\(ituFirst):D\(bienniumRow - 1))", cached: Self.exact(opAll)), style: Self.chfBold)]
                + differences(bienniumRow, fp: fpAll, op: opAll))
        try bands(sheet, "F\(ituFirst):F\(bienniumRow)")

        try put([])
        try envelopeLines(c, put: put, heading: heading, sheet: sheet, row: { row })

        try put([])
        try section(L("Regular budget by bureau (FIN-004: difference % red beyond ±{0}, amber beyond ±{1})", share(tolerances.bureauErrorRel), share(tolerances.bureauWarnRel)))
        try heading(["Bureau", "Year", "Financial plan (RB)", "Operational plans (RB)", "Difference", "Difference %", "Finding", "Root cause"])
        assert(row + 1 == bureauFirst, "the ITU totals' formulas point at the bureau rows")
        for total in totals {
            let r = row + 1
            let finding = c.findings.first { $0.rule == .fin004 && $0.bureau == total.bureau && $0.period == .year(total.year) }
            let cause = finding.flatMap { f in f.causedBy.first { $0.rule == .fin007 } ?? f.causedBy.first }
            try put([text(total.bureau.rawValue), integer(total.year), money(total.financialPlan), money(total.operationalPlan)]
                    + differences(r, fp: total.financialPlan, op: total.operationalPlan)
                    + [text(finding?.idText, style: Self.link), text(cause.map { L("caused by {0}", $0.description) }, style: Self.linkWrap)])
            if let finding, let target = c.rowOfFinding[finding.id] {
                try sheet.addHyperlink(at: "G\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: L("Go to {0}", finding.idText))
            }
            if let cause, let target = c.rowOfFinding[cause] {
                try sheet.addHyperlink(at: "H\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: L("Go to {0}, the root cause", cause.description))
            }
        }
        if !totals.isEmpty { try bands(sheet, "F\(bureauFirst):F\(bureauLast)") }

        try put([])
        try findingsByBureau(c, put: put, heading: heading, section: section, row: { row })
        try put([])
        try findingsByRule(c, sheet, put: put, heading: heading, section: section, row: { row })
        // What no rule could check (issue 15): said on the front page, not only in the manifest.
        if !notChecked.isEmpty {
            try put([])
            try section("Not checked (\(notChecked.count))")
            for line in notChecked.prefix(Self.notCheckedLines) {
                try put([text(line, style: Self.wrap)])
                try sheet.mergeCells("A\(row):H\(row)")
            }
            if notChecked.count > Self.notCheckedLines {
                try put([text("… and \(notChecked.count - Self.notCheckedLines) more: manifest.json, coverage", style: CellStyle(italic: true))])
            }
        }
    }

    /// The most "Not checked" lines the one-page Summary lists.
    static let notCheckedLines = 10

    static let bold = CellStyle(bold: true)
    static let chfBold = CellStyle(bold: true, numberFormat: "#,##0")
    static let section = CellStyle(bold: true, fontColor: "FF1F4E79")

    private func share(_ fraction: Exact) -> String { L.numbers.share(fraction) }

    /// Difference and difference % as live formulas over columns C (financial plan) and D.
    private func differences(_ r: Int, fp: Exact, op: Exact) -> [Cell] {
        let delta = op - fp
        let percent = fp == 0 ? Exact(0) : delta / fp
        return [Cell(.formula("D\(r)-C\(r)", cached: Self.exact(delta)), style: Self.signed),
                Cell(.formula("IF(C\(r)=0,0,E\(r)/C\(r))", cached: Self.exact(percent.rounded(scale: 6))), style: Self.percent)]
    }

    /// The approved envelope against the financial plan's regular-budget lines (FIN-012's comparison).
    private func envelopeLines(_ c: ConsolidatedWorkbook.Context, put: ([Cell], Double?) throws -> Void, heading: ([String]) throws -> Void,
                               sheet: SheetWriter, row: () -> Int) throws {
        try put([Cell(.string(L("Approved envelope (regular budget, biennium)")), style: Self.section)], nil)
        try heading(["Envelope", "", "Approved", "FP RB lines", "Difference", "Difference %", "Finding", "Source"])
        let envelope = c.model.envelope?.amount ?? self.envelope
        let origin = c.model.envelope.map { $0.source.ref.description } ?? (self.envelope == nil ? L("none given") : L("pipeline file (plan.envelope)"))
        let lines = c.model.budgetLines.filter { $0.funding.isRegular }.flatMap { line in c.years.compactMap { line.years[$0]?.chf } }
        let total = lines.reduce(Exact(0), +)
        let r = row() + 1
        let finding = c.findings.first { $0.rule == .fin012 }
        guard let envelope else {
            try put([text(L("Biennium")), .empty, .empty, money(total), .empty, .empty, text(finding?.idText),
                     text(L("none given (plan.envelope or the FP's Parameters sheet)"), style: Self.wrap)], 30)
            try put([text(L("FIN-012 was not checked: no approved envelope."), style: CellStyle(italic: true))], nil)
            return
        }
        try put([text(L("Biennium")), .empty, money(envelope), money(total)] + differences(r, fp: envelope, op: total)
                + [text(finding?.idText, style: Self.link), text(origin, style: Self.wrap)], 30)
        if let finding, let target = c.rowOfFinding[finding.id] {
            try sheet.addHyperlink(at: "G\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: L("Go to {0}", finding.idText))
        }
        try put([text(L("FIN-012: an error when the lines exceed the envelope, information when they are more than {0} below it.", share(tolerances.envelopeInfoRel)), style: CellStyle(italic: true))], nil)
    }

    /// Findings per bureau and severity, counted live over the Discrepancies sheet.
    private func findingsByBureau(_ c: ConsolidatedWorkbook.Context, put: ([Cell], Double?) throws -> Void, heading: ([String]) throws -> Void,
                                  section: (String) throws -> Void, row: () -> Int) throws {
        try section("Findings by bureau and severity (counted from the Discrepancies sheet)")
        try heading(["Bureau", ""] + Severity.reviewOrder.map(\.word) + ["Total"])
        let last = c.findings.count + 1
        func range(_ column: String) -> String { "Discrepancies!$\(column)$2:$\(column)$\(max(2, last))" }
        let severities = Severity.reviewOrder
        let bureaus = Bureau.allCases
        let first = row() + 1
        let tally = c.tally
        for bureau in bureaus {
            let r = row() + 1
            let counts = severities.map { s in tally.count(bureau: bureau, s) }
            try put([text(bureau.rawValue), .empty] + zip(severities, counts).map { s, n in
                Cell(.formula("COUNTIFS(\(range("D")),$A\(r),\(range("C")),\"\(s.rawValue)\")", cached: .number(Double(n))))
            } + [Cell(.formula("SUM(C\(r):E\(r))", cached: .number(Double(counts.reduce(0, +)))))], nil)
        }
        // Findings without a bureau: every finding of the severity less the bureaus' (COUNTIFS with
        // "" for an empty cell is read differently by spreadsheet programs).
        let r = row() + 1
        let columns = ["C", "D", "E"]
        let none = severities.map { s in tally.count(bureau: nil, s) }
        try put([text(L("No bureau")), .empty] + zip(zip(severities, columns), none).map { pair, n in
            Cell(.formula("COUNTIFS(\(range("C")),\"\(pair.0.rawValue)\")-SUM(\(pair.1)\(first):\(pair.1)\(r - 1))", cached: .number(Double(n))))
        } + [Cell(.formula("SUM(C\(r):E\(r))", cached: .number(Double(none.reduce(0, +)))))], nil)
        let t = row() + 1
        let totals = severities.map { s in Self.count(c.findings, s) }
        try put([Cell(.string(L("Total")), style: Self.bold), .empty] + zip(columns + ["F"], totals + [c.findings.count]).map { column, n in
            Cell(.formula("SUM(\(column)\(first):\(column)\(t - 1))", cached: .number(Double(n))), style: Self.bold)
        }, nil)
        let roots = c.findings.count(where: { $0.causedBy.isEmpty })
        try put([text(L("{0} of the findings are root causes; the others name theirs in caused_by.", roots), style: CellStyle(italic: true))], nil)
    }

    /// Findings per rule with the rule's title, counted live; each code links to its first finding.
    private func findingsByRule(_ c: ConsolidatedWorkbook.Context, _ sheet: SheetWriter, put: ([Cell], Double?) throws -> Void,
                                heading: ([String]) throws -> Void, section: (String) throws -> Void, row: () -> Int) throws {
        try section("Findings by rule")
        try heading(["Rule", ""] + Severity.reviewOrder.map(\.word) + ["Total", "What the rule checks"])
        let last = c.findings.count + 1
        func range(_ column: String) -> String { "Discrepancies!$\(column)$2:$\(column)$\(max(2, last))" }
        let severities = Severity.reviewOrder
        let tally = c.tally
        for rule in RuleID.allCases {
            let total = tally.count(rule: rule)
            guard total > 0 else { continue }
            let r = row() + 1
            try put([text(rule.rawValue, style: Self.link), .empty] + severities.map { s in
                Cell(.formula("COUNTIFS(\(range("B")),$A\(r),\(range("C")),\"\(s.rawValue)\")", cached: .number(Double(tally.count(rule: rule, s)))))
            } + [Cell(.formula("SUM(C\(r):E\(r))", cached: .number(Double(total)))),
                 text(language.rule(rule, tolerances: tolerances).title)], nil)
            try sheet.mergeCells("G\(r):H\(r)")
            if let first = tally.first(of: rule) {
                try sheet.addHyperlink(at: "A\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(first + 2)"), tooltip: L("First {0} finding", rule.rawValue))
            }
        }
    }

    /// FIN-004's bands on a column of relative differences: beyond the error band (`bureau.errorRel`)
    /// red, beyond the warning band (`bureau.warnRel`) amber, within it (a match included) no fill.
    /// The red rules come first, so they win where both match.
    func bands(_ sheet: SheetWriter, _ range: String) throws {
        let red = CellStyle(fontColor: "9C0006", fillColor: "FFC7CE"), amber = CellStyle(fontColor: "9C5700", fillColor: "FFEB9C")
        let error = tolerances.bureauErrorRel.plainText, warn = tolerances.bureauWarnRel.plainText
        try sheet.addConditionalFormat(range, .cellValue(.greaterThan, formula: error, style: red))
        try sheet.addConditionalFormat(range, .cellValue(.lessThan, formula: "-" + error, style: red))
        try sheet.addConditionalFormat(range, .cellValue(.greaterThan, formula: warn, style: amber))
        try sheet.addConditionalFormat(range, .cellValue(.lessThan, formula: "-" + warn, style: amber))
    }
}
