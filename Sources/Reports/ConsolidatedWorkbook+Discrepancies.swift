import Foundation
import Results
import XLSXWriter

extension ConsolidatedWorkbook {
    /// The log's columns with their widths: the columns holding ids as wide as their longest id
    /// (within limits), so no id is clipped or broken; fixed widths, wrapped, elsewhere, kept
    /// narrow enough that the sheet prints one A4 page wide at a legible size. The columns measured
    /// read the same in every language.
    static func logWidths(_ log: LogText) -> [Double] {
        // A column's width unit is a digit's width; ids are mostly narrower letters and
        // punctuation, so 0.9 of a unit per character holds them even in DejaVu Sans.
        func fit(_ texts: [String], min low: Double, max high: Double) -> Double {
            Swift.min(high, Swift.max(low, (Double(texts.map(\.count).max() ?? 0) * 0.9).rounded(.up) + 2))
        }
        let all = 0..<log.count
        return LogColumn.allCases.map { column in
            switch column {
            case .id: fit(all.map { log.text($0, .id) }, min: 10, max: 48)
            case .rule: 9
            case .severity: 8
            case .bureau: 7
            case .output: fit(all.map { log.text($0, .output) }, min: 7, max: 14)
            case .period: fit(all.map { log.text($0, .period) }, min: 7, max: 12)
            case .message: 36
            case .expected, .actual, .delta: 11
            case .sources: 28
            case .causedBy: fit(all.flatMap { log.items($0, .causedBy) }, min: 10, max: 48)
            case .status: 11   // `acknowledged`, `persisting` (issue 12)
            }
        }
    }

    /// The discrepancy log, one row per finding (`LogColumn`): amounts as numbers, severity fills,
    /// each rule code with a note giving its title and what it checks, a single `caused_by` a link
    /// to its root cause, each id a link to the consolidated row its first source shows. Printed landscape, one page wide, the header on every page, text wrapped.
    /// Returns the sheet, whose sources are linked once the table sheets are written.
    func discrepancies(_ c: ConsolidatedWorkbook.Context, _ writer: WorkbookWriter) throws -> SheetWriter {
        let log = c.log
        let widths = Self.logWidths(log)
        let sheet = try self.sheet(writer, "Discrepancies", LogColumn.allCases.map(\.name), widths: widths)
        // Characters per line: a width unit is a digit's width, and text runs narrower (in Calibri
        // and in LibreOffice's DejaVu Sans alike), which leaves room for breaks short of the edge.
        let lineWidths = widths.map { Int($0) - 1 }
        let rules = RuleTexts(language, tolerances: tolerances)
        // Each rule's note, worded once.
        var notes: [RuleID: String] = [:]
        for index in c.findings.indices {
            let r = index + 2
            let causedBy = c.findings[index].causedBy, rule = c.findings[index].rule, severity = c.findings[index].severity
            // A finding explained by one other links to its root cause. LibreOffice shows a linked
            // cell on one line, unwrapped, so a list of several causes stays plain wrapped text.
            if causedBy.count == 1, let cause = causedBy.first, let target = c.rowOfFinding[cause] {
                try sheet.addHyperlink(at: "L\(r)", to: .cell(sheet: "Discrepancies", reference: "A\(target)"), tooltip: L("Go to {0}", log.items(index, .causedBy)[0]))
            }
            let note: String
            if let known = notes[rule] { note = known } else {
                let entry = rules[rule]
                note = "\(rule.rawValue): \(entry.title)\n\(entry.description)"
                notes[rule] = note
            }
            try sheet.addNote(at: "B\(r)", note, author: "rbm")
            let fill = Self.severityFill[severity]
            // Spreadsheet programs do not grow rows for wrapped text on opening: give the height.
            var lines = 1
            for (offset, column) in LogColumn.allCases.enumerated() {
                switch column {
                case .rule, .severity, .bureau, .status: continue
                default: lines = max(lines, Self.wrappedLines(log.text(index, column), width: lineWidths[offset]))
                }
            }
            let row = LogColumn.allCases.map { column -> Cell in
                switch column {
                case .severity: Cell(.string(severity.rawValue), style: fill)
                case .expected: value(c.findings[index].expected, worded: log.text(index, column))
                case .actual: value(c.findings[index].actual, worded: log.text(index, column))
                case .delta: value(c.findings[index].delta, worded: log.text(index, column))
                case .causedBy where causedBy.count == 1: Cell(.string(CellFit.text(log.text(index, column))), style: Self.linkWrap)
                default: text(log.text(index, column), style: Self.wrap)
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
                                       tooltip: SpreadsheetLimits.clipped(L("Go to {0} row {1}, which shows {2}", target.sheet, target.row, ref.description),
                                                                          to: SpreadsheetLimits.linkText))
                break
            }
        }
    }

    /// The row number of `E5` or of a range's first cell (`E5:E9`).
    static func firstRow(of reference: String) -> Int? {
        // An ASCII reference on its bytes (issue 11: as characters, about 5,000 instructions a
        // finding); the same steps: up to `:`, past letters and `$`, the digits.
        let ascii = reference.utf8.withContiguousStorageIfAvailable { b -> Int?? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return .none }
            let end = b.firstIndex(of: UInt8(ascii: ":")) ?? b.count
            var i = 0
            while i < end, b[i] | 0x20 >= UInt8(ascii: "a") && b[i] | 0x20 <= UInt8(ascii: "z") || b[i] == UInt8(ascii: "$") { i += 1 }
            let start = i
            while i < end, b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") { i += 1 }
            return .some(Int(String(decoding: b[start..<i], as: UTF8.self)))
        }
        if case .some(.some(let row)) = ascii { return row }
        return Int(reference.prefix { $0 != ":" }.drop { $0.isLetter || $0 == "$" }.prefix { $0.isNumber })
    }

    /// A finding's expected, actual or delta value: a number where the value is one (so reviewers
    /// can sort, sum and format it), its words otherwise. A change keeps its share of the base in
    /// the CSV and the page; here the cell is the signed amount. `worded` is the value's text in
    /// the run's language as the log has it (``LogText``), worded once for every output.
    func value(_ v: FindingValue, worded: @autoclosure () -> String) -> Cell {
        switch v {
        case .none: return .empty
        case .amount(let x):
            // A whole amount has no point in its plain text: no rounding needed to tell (issue 11).
            let exact = Self.exact(x)
            guard case .decimal(let plain) = exact else { return Cell(exact, style: Self.number) }
            return Cell(exact, style: plain.utf8.contains(UInt8(ascii: ".")) ? Self.number : Self.chf)
        case .signed(let x), .change(let x, _): return Cell(Self.exact(x), style: Self.signed)
        case .ratio(let r): return text(language == .en ? v.text : "\(L("ratio")) \(L.numbers.fixed(r, places: 1))")
        case .code(let c): return text(c)
        case .term, .words: return text(worded(), style: Self.wrap)
        }
    }
}
