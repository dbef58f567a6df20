import Foundation
import Results
import XLSXWriter

/// `consolidated.xlsx`: one sheet per model table plus the Discrepancies sheet, bold frozen
/// headers with filters, CHF amounts with thousands separators, severity fills.
public struct ConsolidatedWorkbook {
    public var title: String
    public var subject: String
    public var creator: String
    public var company: String
    /// The tolerances the rules ran with: the Summary colours the bureau totals by FIN-004's bands.
    public var tolerances = Tolerances()

    public init(title: String, subject: String = "Consolidated results-based budget and discrepancy log", creator: String = "rbm",
                company: String = "International Telecommunication Union") {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.company = company
    }

    static let header = CellStyle(bold: true, fontColor: "FFFFFFFF", fillColor: "FF1F4E79", wrapText: true, border: .thin)
    static let chf = CellStyle(numberFormat: "#,##0")
    static let fte = CellStyle(numberFormat: "0.0")
    static let percent = CellStyle(numberFormat: "0.00%")
    static let wrap = CellStyle(wrapText: true)
    static let severityFill: [Severity: CellStyle] = [
        .error: CellStyle(fillColor: "FFF8CBAD"), .warning: CellStyle(fillColor: "FFFFE699"), .info: CellStyle(fillColor: "FFDDEBF7"),
    ]

    /// Writes the workbook to `path`.
    /// - Throws: the writer's errors (an over-long text, an unwritable path).
    public func write(model: ResultsModel, findings: [Finding], bureauTotals: [BureauTotal] = [], years: [Int], to path: String) throws {
        let writer = try WorkbookWriter(path: path, options: WorkbookOptions(
            properties: DocumentProperties(title: title, subject: subject, creator: creator, company: company)))
        try summary(findings, bureauTotals, writer)
        try discrepancies(findings, writer)
        try allocations(model, years, writer)
        try budgetLines(model, years, writer)
        try outputs(model, writer)
        try objectives(model, writer)
        try kpis(model, writer)
        try risks(model, writer)
        try submissions(model, writer)
        try writer.close()
    }

    /// A table sheet: bold frozen header with a filter, printed landscape, fitted to the page width,
    /// the header repeated on every page.
    private func sheet(_ writer: WorkbookWriter, _ name: String, _ headers: [String], widths: [Double?]) throws -> SheetWriter {
        let sheet = try writer.addSheet(name, options: SheetOptions(columnWidths: widths, freezeRows: 1, autoFilter: true,
                                                                    landscape: true, fitToWidth: true, repeatRowsAtTop: 1))
        try sheet.writeRow(headers.map { Cell(.string($0), style: Self.header) })
        return sheet
    }

    /// A decimal as the writer stores it. A NaN (what `Decimal` makes of an overflow) is written
    /// as Excel's own `#NUM!` text: the writer refuses NaN, and that refusal once aborted the whole
    /// run with no output (issue 14). The normaliser's bounds (`PlausibleNumber`) keep NaN out of
    /// the model; this keeps any slip from costing every output.
    static func exact(_ value: Decimal) -> CellValue {
        value.isNaN ? .string("#NUM!") : .decimal(value.plainText)
    }

    private func money(_ amount: Decimal?) -> Cell {
        amount.map { Cell(Self.exact($0), style: Self.chf) } ?? .empty
    }

    /// A text cell; nil and the empty text leave the cell empty (no empty string is stored).
    private func text(_ s: String?) -> Cell {
        guard let s, !s.isEmpty else { return .empty }
        return Cell(.string(CellFit.text(s)))
    }

    static let signed = CellStyle(numberFormat: "+#,##0.##;-#,##0.##;0")
    static let number = CellStyle(numberFormat: "#,##0.##")

    /// A finding's expected, actual or delta value: a number where the value is one (so reviewers
    /// can sort, sum and format it), its words otherwise. A change keeps its share of the base in
    /// the CSV and the page; here the cell is the signed amount.
    private func value(_ v: FindingValue) -> Cell {
        switch v {
        case .none: .empty
        case .amount(let x): Cell(Self.exact(x), style: x == x.rounded(scale: 0) ? Self.chf : Self.number)
        case .signed(let x), .change(let x, _): Cell(Self.exact(x), style: Self.signed)
        case .ratio: text(v.text)
        case .code(let c): text(c)
        case .words(let w): text(w)
        }
    }

    /// The front page: findings by rule and severity, and each bureau's regular budget on both sides
    /// with live formulas for the differences.
    private func summary(_ findings: [Finding], _ totals: [BureauTotal], _ writer: WorkbookWriter) throws {
        let sheet = try writer.addSheet("Summary", options: SheetOptions(columnWidths: [10, 8, 22, 24, 16, 14], landscape: true, fitToWidth: true))
        try sheet.writeRow([Cell(.string(title), style: CellStyle(bold: true))])
        try sheet.writeRow([Cell(.string("\(findings.count) findings: \(count(findings, .error)) error, \(count(findings, .warning)) warning, \(count(findings, .info)) info; \(findings.filter { $0.causedBy.isEmpty }.count) root causes"))])
        try sheet.writeRow([])
        var row = 4
        if !totals.isEmpty {
            try sheet.writeRow(["Bureau", "Year", "Financial plan (RB)", "Operational plans (RB)", "Difference", "Difference %"].map { Cell(.string($0), style: Self.header) })
            let first = row + 1
            for total in totals {
                row += 1
                let delta = total.operationalPlan - total.financialPlan
                let percent = total.financialPlan == 0 ? Decimal(0) : delta / total.financialPlan
                try sheet.writeRow([text(total.bureau.rawValue), Cell(.number(Double(total.year))), money(total.financialPlan), money(total.operationalPlan),
                                    Cell(.formula("D\(row)-C\(row)", cached: Self.exact(delta)), style: Self.chf),
                                    Cell(.formula("IF(C\(row)=0,0,E\(row)/C\(row))", cached: Self.exact(percent.rounded(scale: 6))), style: Self.percent)])
            }
            try bands(sheet, "F\(first):F\(row)")
            try sheet.writeRow([])
            row += 1
        }
        try sheet.writeRow(["Rule", "Error", "Warning", "Info"].map { Cell(.string($0), style: Self.header) })
        row += 1
        for rule in RuleID.allCases {
            let of = findings.filter { $0.rule == rule }
            guard !of.isEmpty else { continue }
            try sheet.writeRow([text(rule.rawValue)] + [Severity.error, .warning, .info].map { severity in
                Cell(.number(Double(of.filter { $0.severity == severity }.count)))
            })
            row += 1
            if let firstRow = findings.firstIndex(where: { $0.rule == rule }) {
                try sheet.addHyperlink(at: "A\(row)", to: .cell(sheet: "Discrepancies", reference: "A\(firstRow + 2)"), tooltip: "First \(rule.rawValue) finding")
            }
        }
    }

    /// FIN-004's bands on a column of relative differences: beyond the error band (`bureau.errorRel`)
    /// red, beyond the warning band (`bureau.warnRel`) amber, within it (a match included) no fill.
    /// The red rules come first, so they win where both match.
    private func bands(_ sheet: SheetWriter, _ range: String) throws {
        let red = CellStyle(fontColor: "9C0006", fillColor: "FFC7CE"), amber = CellStyle(fontColor: "9C5700", fillColor: "FFEB9C")
        let error = tolerances.bureauErrorRel.plainText, warn = tolerances.bureauWarnRel.plainText
        try sheet.addConditionalFormat(range, .cellValue(.greaterThan, formula: error, style: red))
        try sheet.addConditionalFormat(range, .cellValue(.lessThan, formula: "-" + error, style: red))
        try sheet.addConditionalFormat(range, .cellValue(.greaterThan, formula: warn, style: amber))
        try sheet.addConditionalFormat(range, .cellValue(.lessThan, formula: "-" + warn, style: amber))
    }

    /// Lines a text wraps to in a column `width` characters wide (roughly, as spreadsheets do).
    static func lines(_ text: String, width: Int) -> Int {
        max(1, (text.count + width - 1) / width)
    }

    private func count(_ findings: [Finding], _ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    private func discrepancies(_ findings: [Finding], _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Discrepancies", DiscrepancyCSV.columns, widths: [26, 9, 8, 7, 8, 10, 60, 16, 16, 20, 45, 24])
        let rowOfID = Dictionary(findings.enumerated().map { ($1.id, $0 + 2) }, uniquingKeysWith: { a, _ in a })
        func cell(_ column: LogColumn, _ f: Finding) -> String { CellFit.text(column.text(f)) }
        for (index, f) in findings.enumerated() {
            // A finding explained by another links to its (first) root cause.
            if let cause = f.causedBy.first, let target = rowOfID[cause] {
                try sheet.addHyperlink(at: "L\(index + 2)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: "Go to \(cause.description)")
            }
            let fill = Self.severityFill[f.severity]
            // Spreadsheet programs do not grow rows for wrapped text on opening: give the height.
            let lines = max(Self.lines(LogColumn.message.text(f), width: 60), Self.lines(LogColumn.sources.text(f), width: 45),
                            Self.lines(LogColumn.causedBy.text(f), width: 24))
            let row = LogColumn.allCases.map { column -> Cell in
                switch column {
                case .severity: Cell(.string(f.severity.rawValue), style: fill)
                case .message, .sources, .causedBy: Cell(.string(cell(column, f)), style: Self.wrap)
                case .expected: value(f.expected)
                case .actual: value(f.actual)
                case .delta: value(f.delta)
                default: text(column.text(f))
                }
            }
            try sheet.writeRow(row, height: CellFit.rowHeight(lines: lines))
        }
    }

    private func allocations(_ model: ResultsModel, _ years: [Int], _ writer: WorkbookWriter) throws {
        var headers = ["Bureau", "Output", "Objective (stated)", "Title"]
        for y in years { headers += ["\(y) (CHF)", "\(y) staff", "\(y) non-staff"] }
        headers += ["FTE", "Priority", "Funding", "Source"]
        let sheet = try self.sheet(writer, "Operational plans", headers, widths: [7, 9, 10, 40] + years.flatMap { _ in [14, 12, 12] } + [7, 9, 8, 50])
        for a in model.allocations {
            var row: [Cell] = [text(a.bureau.rawValue), text(a.output.text), text(a.statedObjective?.text), text(a.title)]
            for y in years {
                let cost = a.years[y]
                row += [money(cost.map(\.chf)), money(cost?.staff?.chf), money(cost?.nonStaff?.chf)]
            }
            row += [a.fte.map { Cell(Self.exact($0.value), style: Self.fte) } ?? .empty, text(a.priority?.rawValue),
                    text(a.funding.code), text(a.outputCell.ref.description)]
            try sheet.writeRow(row)
        }
    }

    private func budgetLines(_ model: ResultsModel, _ years: [Int], _ writer: WorkbookWriter) throws {
        let headers = ["Bureau", "Output", "Title", "Cost category", "Funding"] + years.map { "\($0) (CHF)" } + ["Biennium (stated)", "Source"]
        let sheet = try self.sheet(writer, "Financial plan", headers, widths: [7, 9, 40, 12, 8] + years.map { _ in 14 } + [16, 50])
        for l in model.budgetLines {
            try sheet.writeRow([text(l.bureau?.rawValue), text(l.output.text), text(l.title), text(l.category?.code), text(l.funding.code)]
                               + years.map { money(l.years[$0]?.chf) } + [money(l.biennium?.chf), text(l.outputCell.ref.description)])
        }
    }

    private func outputs(_ model: ResultsModel, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Outputs", ["Output", "Objective", "Bureau", "Title", "Cost recovery"], widths: [9, 10, 7, 50, 12])
        for o in model.outputs {
            try sheet.writeRow([text(o.code.text), text(o.objective), text(o.bureau?.rawValue), text(o.title), Cell(.bool(o.isCostRecovery))])
        }
    }

    private func objectives(_ model: ResultsModel, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Objectives", ["Objective", "Bureau", "Type", "Title", "Goals"], widths: [10, 7, 12, 50, 10])
        for o in model.objectives {
            try sheet.writeRow([text(o.code), text(o.bureau?.rawValue), text(o.kind), text(o.title), text(o.goalTokens.joined(separator: ", "))])
        }
    }

    private func kpis(_ model: ResultsModel, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "KPIs", ["KPI", "Linked to", "Indicator", "Unit", "Baseline", "Baseline year", "Target", "Target year", "Latest actual", "Reported status"],
                                   widths: [16, 9, 50, 9, 10, 10, 10, 10, 10, 14])
        for k in model.kpis {
            let latest = k.actuals.keys.max().flatMap { k.actuals[$0] }
            try sheet.writeRow([text(k.id), text(k.linkedTo), text(k.name), text(k.unit), k.baseline.map { Cell(Self.exact($0.value)) } ?? .empty,
                                k.baselineYear.map { Cell(.number(Double($0))) } ?? .empty, k.target.map { Cell(Self.exact($0.value)) } ?? .empty,
                                k.targetYear.map { Cell(.number(Double($0))) } ?? .empty, latest.map { Cell(Self.exact($0.value)) } ?? .empty,
                                text(k.reportedStatus?.text)])
        }
    }

    private func risks(_ model: ResultsModel, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Risks", ["Risk", "Bureau", "Description", "Category", "Objective", "Output", "Likelihood", "Impact", "Score (L × I)", "Mitigation", "Status"],
                                   widths: [13, 7, 50, 12, 9, 9, 10, 8, 10, 40, 10])
        for r in model.risks {
            let score = r.likelihood.flatMap { l in r.impact.map { l.value * $0.value } }
            try sheet.writeRow([text(r.id), text(r.bureau?.rawValue), text(r.description), text(r.category), text(r.linkedObjective?.text),
                                text(r.linkedOutput?.text), r.likelihood.map { Cell(Self.exact($0.value)) } ?? .empty,
                                r.impact.map { Cell(Self.exact($0.value)) } ?? .empty, score.map { Cell(Self.exact($0)) } ?? .empty,
                                text(r.mitigation.text.isEmpty ? nil : r.mitigation.text), text(r.status)])
        }
    }

    private func submissions(_ model: ResultsModel, _ writer: WorkbookWriter) throws {
        let sheet = try self.sheet(writer, "Row accounting", ["File", "Kind", "Bureau", "Sheet", "Header row", "Read", "Loaded", "Skipped", "Rejected"],
                                   widths: [45, 6, 7, 22, 10, 7, 7, 8, 8])
        for s in model.submissions {
            for a in s.sheets {
                try sheet.writeRow([text(s.file), text(s.kind.rawValue), text(s.bureau?.rawValue), text(a.sheet), text(a.headerRow),
                                    Cell(.number(Double(a.read))), Cell(.number(Double(a.loaded))), Cell(.number(Double(a.skipped))),
                                    Cell(.number(Double(a.rejected)))])
            }
        }
    }
}
