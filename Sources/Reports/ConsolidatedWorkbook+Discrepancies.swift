import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The log's columns with their widths: the columns holding ids as wide as their longest id
    /// (within limits), so no id is clipped or broken; fixed widths, wrapped, elsewhere, kept
    /// narrow enough that the sheet prints one A4 page wide at a legible size.
    static func logWidths(_ findings: [Finding]) -> [Double] {
        // A column's width unit is a digit's width; ids are mostly narrower letters and
        // punctuation, so 0.9 of a unit per character holds them even in DejaVu Sans.
        func fit(_ texts: [String], min low: Double, max high: Double) -> Double {
            Swift.min(high, Swift.max(low, (Double(texts.map(\.count).max() ?? 0) * 0.9).rounded(.up) + 2))
        }
        return LogColumn.allCases.map { column in
            switch column {
            case .id: fit(findings.map { $0.id.description }, min: 10, max: 48)
            case .rule: 9
            case .severity: 8
            case .bureau: 7
            case .output: fit(findings.map { $0.output?.text ?? "" }, min: 7, max: 14)
            case .period: fit(findings.map { $0.period.description }, min: 7, max: 12)
            case .message: 36
            case .expected, .actual, .delta: 11
            case .sources: 28
            case .causedBy: fit(findings.flatMap { $0.causedBy.map(\.description) }, min: 10, max: 48)
            case .status: 11   // `acknowledged`, `persisting` (issue 12)
            }
        }
    }

    /// The discrepancy log, one row per finding (`LogColumn`): amounts as numbers, severity fills,
    /// each rule code with a note giving its title and what it checks, a single `caused_by` a link
    /// to its root cause, each id a link to the consolidated row its first source shows. Printed landscape, one page wide, the header on every page, text wrapped.
    /// Returns the sheet, whose sources are linked once the table sheets are written.
    func discrepancies(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws -> SheetWriter {
        let widths = Self.logWidths(c.findings)
        let sheet = try self.sheet(writer, "Discrepancies", LogColumn.allCases.map(\.name), widths: widths)
        // Characters per line: a width unit is a digit's width, and text runs narrower (in Calibri
        // and in LibreOffice's DejaVu Sans alike), which leaves room for breaks short of the edge.
        func width(_ column: LogColumn) -> Int { Int(widths[LogColumn.allCases.firstIndex(of: column)!]) - 1 }
        for (index, f) in c.findings.enumerated() {
            let r = index + 2
            // A finding explained by one other links to its root cause. LibreOffice shows a linked
            // cell on one line, unwrapped, so a list of several causes stays plain wrapped text.
            if f.causedBy.count == 1, let cause = f.causedBy.first, let target = c.rowOfFinding[cause] {
                try sheet.addHyperlink(at: "L\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: "Go to \(cause.description)")
            }
            let entry = RuleDescriptions.english(f.rule, tolerances: tolerances)
            try sheet.addNote(at: "B\(r)", "\(f.rule.rawValue): \(entry.title)\n\(entry.description)", author: "rbm")
            let fill = Self.severityFill[f.severity]
            // Spreadsheet programs do not grow rows for wrapped text on opening: give the height.
            let lines = LogColumn.allCases.map { column -> Int in
                switch column {
                case .rule, .severity, .bureau, .status: 1
                default: Self.wrappedLines(column.text(f), width: width(column))
                }
            }.max() ?? 1
            let row = LogColumn.allCases.map { column -> Cell in
                switch column {
                case .severity: Cell(.string(f.severity.rawValue), style: fill)
                case .expected: value(f.expected)
                case .actual: value(f.actual)
                case .delta: value(f.delta)
                case .causedBy where f.causedBy.count == 1: Cell(.string(CellFit.text(column.text(f))), style: Self.linkWrap)
                default: text(column.text(f), style: Self.wrap)
                }
            }
            try sheet.writeRow(row, height: CellFit.rowHeight(lines: lines))
        }
        return sheet
    }

    /// Links each finding's id to the consolidated sheet's row that shows its first source held
    /// there (a plan line, a KPI, a risk). The link sits on the id, not on the sources cell:
    /// LibreOffice prints a linked cell on one line, which would cut a list of sources, while an
    /// id fits its column. Sources in no consolidated sheet (a summary cell, a whole sheet) stay text.
    func linkSources(of findings: [Finding], in sheet: SheetWriter, _ c: ConsolidatedWorkbook.Context) throws {
        for (index, f) in findings.enumerated() {
            for ref in f.sources {
                guard let sheetName = ref.sheet, let cell = ref.cell, let row = Self.firstRow(of: cell),
                      let target = c.rowOfSource[.init(file: ref.file, sheet: sheetName, row: row)] else { continue }
                try sheet.addHyperlink(at: "A\(index + 2)", to: .cell(sheet: target.sheet, reference: "A\(target.row)"),
                                       tooltip: String("Go to \(target.sheet) row \(target.row), which shows \(ref.description)".prefix(255)))
                break
            }
        }
    }

    /// The row number of `E5` or of a range's first cell (`E5:E9`).
    static func firstRow(of reference: String) -> Int? {
        Int(reference.prefix { $0 != ":" }.drop { $0.isLetter || $0 == "$" }.prefix { $0.isNumber })
    }

    /// A finding's expected, actual or delta value: a number where the value is one (so reviewers
    /// can sort, sum and format it), its words otherwise. A change keeps its share of the base in
    /// the CSV and the page; here the cell is the signed amount.
    func value(_ v: FindingValue) -> Cell {
        switch v {
        case .none: .empty
        case .amount(let x): Cell(Self.exact(x), style: x == x.rounded(scale: 0) ? Self.chf : Self.number)
        case .signed(let x), .change(let x, _): Cell(Self.exact(x), style: Self.signed)
        case .ratio: text(v.text)
        case .code(let c): text(c)
        case .words(let w): text(w, style: Self.wrap)
        }
    }
}
