import Foundation
import Results
import XLSXCore
import XLSXWriter

/// `consolidated.xlsx`: a one-page Summary, the Discrepancies sheet, one sheet per model table (every
/// field rbm read), the rows rejected and the row accounting. Every sheet prints on A4 with the
/// title, the run date and `page x of y`; bold wrapped headers, rows in natural order, CHF with
/// thousands separators, severity fills. One file per sheet: `ConsolidatedWorkbook+<Sheet>.swift`.
public struct ConsolidatedWorkbook {
    public var title: String
    public var subject: String
    public var creator: String
    public var company: String
    /// One line per scope a rule could not check, for the Summary's "Not checked" section.
    public var notChecked: [String] = []
    /// The completeness matrix (a `Submissions` sheet when it has rows).
    public var expected: [ExpectedSubmission] = []
    /// The tolerances the rules ran with: the Summary colours the bureau totals by FIN-004's bands.
    public var tolerances = Tolerances()
    /// The approved regular-budget envelope from the pipeline file (`plan.envelope`), used when the
    /// financial plan has no Parameters sheet (as FIN-012 does).
    public var envelope: Exact?
    /// When the run's inputs were last changed: the newest input's modification time. It dates the
    /// document and its footers; never the wall clock, so the same inputs give the same bytes.
    public var runDate: Date?
    /// The rbm version that wrote the workbook (`0.1.0`): the document's application and footers.
    public var version: String?
    /// The language of the headers, titles, headers/footers and Summary labels (sheet names stay
    /// English, so formulas and links keep them; ids, codes and severities stay as in the log).
    public var language: Language = .en
    /// The deflate level of the parts. Deflate's fastest level: the run writes the workbook anew
    /// each time and deflate was a tenth of a run, level 5 twice level 1's time for a file a fifth
    /// smaller (1.16 against 1.42 MB for all the workbooks of the 58-times demo; issue 11).
    public var compressionLevel = 1
    /// The results chain of the same model, findings, years and envelope when the run built it
    /// already (for the page); the Results chain sheet builds it otherwise.
    public var chain: ResultsChain?

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
    static let link = CellStyle(fontColor: "FF0563C1", underline: true)
    static let linkWrap = CellStyle(fontColor: "FF0563C1", wrapText: true, underline: true)
    static let signed = CellStyle(numberFormat: "+#,##0.##;-#,##0.##;0")
    static let number = CellStyle(numberFormat: "#,##0.##")
    static let severityFill: [Severity: CellStyle] = [
        .error: CellStyle(fillColor: "FFF8CBAD"), .warning: CellStyle(fillColor: "FFFFE699"), .info: CellStyle(fillColor: "FFDDEBF7"),
    ]

    /// What every sheet's writer needs: the inputs, and where each finding and source row landed.
    /// The model's sheets are written before the findings are known (``begin(model:years:to:)``),
    /// the findings attached for the rest (``attach(findings:bureauTotals:log:model:)``).
    final class Context {
        /// The model: as read for the tables' sheets, as reconciled (the rules' notes added) for
        /// the rest (``attach(findings:bureauTotals:log:model:)``).
        private(set) var model: ResultsModel
        let years: [Int]
        private(set) var findings: [Finding] = []
        private(set) var bureauTotals: [BureauTotal] = []
        /// The findings' log texts in the workbook's language, finding `i` at index `i`.
        private(set) var log: LogText
        /// The findings counted by rule, bureau and severity.
        private(set) var tally: FindingTally
        /// The Discrepancies row of each finding (its first occurrence).
        private(set) var rowOfFinding: [Finding.ID: Int] = [:]
        /// The consolidated sheet and row holding each source row (`file`, `sheet`, row number).
        var rowOfSource: [SourceRow: (sheet: String, row: Int)] = [:]

        struct SourceRow: Hashable {
            var file: String
            var sheet: String
            var row: Int
        }

        init(model: ResultsModel, years: [Int], language: Language) {
            self.model = model
            self.years = years
            log = LogText([Finding](), language: language)
            tally = FindingTally([])
        }

        func attach(findings: [Finding], bureauTotals: [BureauTotal], log: LogText, model: ResultsModel? = nil) {
            if let model { self.model = model }
            self.findings = findings
            self.bureauTotals = bureauTotals
            self.log = log
            tally = FindingTally(findings)
            rowOfFinding = Dictionary(findings.indices.map { (findings[$0].id, $0 + 2) }, uniquingKeysWith: { a, _ in a })
        }

        /// Records that `sheet`'s `row` shows the source row of `cell`.
        func record(_ cell: CellSource, sheet: String, row: Int) {
            let key = SourceRow(file: cell.file, sheet: cell.sheet, row: cell.position.row)
            if rowOfSource[key] == nil { rowOfSource[key] = (sheet, row) }
        }
    }

    /// Writes the workbook to `path`; `log` holds the findings' texts when another output rendered
    /// them already (in the workbook's language), else they are rendered here.
    /// - Throws: the writer's errors (an over-long text, an unwritable path).
    public func write(model: ResultsModel, findings: [Finding], bureauTotals: [BureauTotal] = [], years: [Int], log: LogText? = nil,
                      to path: String) throws {
        try finish(begin(model: model, years: years, to: path), findings: findings, bureauTotals: bureauTotals, log: log)
    }

    /// A workbook with the model's sheets written: every table and the row accounting, which need
    /// no finding (``ConsolidatedWorkbook/begin(model:years:to:)``), waiting for the rest
    /// (``ConsolidatedWorkbook/finish(_:findings:bureauTotals:log:to:)``). Used by one thread at a
    /// time: the one that begins it, then the one that finishes it.
    public final class Draft: @unchecked Sendable {
        let writer: WorkbookWriter
        let context: Context
        /// The tables' sheets and the row accounting's, in the order of their tabs.
        let tables: [String], accounting: [String]

        init(writer: WorkbookWriter, context: Context, tables: [String], accounting: [String]) {
            self.writer = writer
            self.context = context
            self.tables = tables
            self.accounting = accounting
        }
    }

    /// Writes the sheets of the model alone, before the rules have run (issue 11: a run writes them
    /// while it reconciles, on a core the rules leave idle). `path` names the workbook in errors
    /// and is where it is written unless ``finish(_:findings:bureauTotals:log:to:)`` says otherwise.
    /// `model` must be the one the findings are reconciled from (notes aside: no table shows them).
    public func begin(model: ResultsModel, years: [Int], to path: String) throws -> Draft {
        let date = runDate ?? DocumentProperties.defaultCreated
        let writer = try WorkbookWriter(path: path, options: WorkbookOptions(
            compressionLevel: compressionLevel,
            properties: DocumentProperties(title: title, subject: subject, creator: creator, company: company, created: date, modified: date,
                                           application: "rbm" + (version.map { " " + $0 } ?? ""), applicationVersion: nil)))
        let context = Context(model: model, years: years, language: language)
        try allocations(context, writer)
        try budgetLines(context, writer)
        try sectorSummary(context, writer)
        try goals(context, writer)
        try targets(context, writer)
        try objectives(context, writer)
        try outputs(context, writer)
        try crosswalk(context, writer)
        try kpis(context, writer)
        try risks(context, writer)
        try statedTotals(context, writer)
        let tables = writer.sheetNames
        try submissions(context, writer)
        return Draft(writer: writer, context: context, tables: tables, accounting: Array(writer.sheetNames.dropFirst(tables.count)))
    }

    /// Writes the sheets that show the findings (the Summary, Discrepancies, the results chain, the
    /// rows rejected, the completeness matrix), links the findings to the rows they cite, puts the
    /// tabs in their order and closes the workbook, at `destination` when given (else where it began).
    /// `model` is the model as reconciled when it differs from the one begun with (the rules' notes).
    public func finish(_ draft: Draft, model: ResultsModel? = nil, findings: [Finding], bureauTotals: [BureauTotal] = [], log: LogText? = nil,
                       to destination: String? = nil) throws {
        let log = log.flatMap { $0.language == language && $0.count == findings.count ? $0 : nil } ?? LogText(findings, language: language)
        let writer = draft.writer, context = draft.context
        context.attach(findings: findings, bureauTotals: bureauTotals, log: log, model: model)
        let written = writer.sheetNames.count
        try summary(context, writer)
        let logSheet = try discrepancies(context, writer)
        try resultsChain(context, writer)
        let front = Array(writer.sheetNames.dropFirst(written))
        try rejectedRows(context, writer)
        try submissionsMatrix(writer)
        let back = Array(writer.sheetNames.dropFirst(written + front.count))
        try linkSources(of: findings, in: logSheet, context)
        try writer.arrangeSheets(front + draft.tables + back + draft.accounting)
        if let destination { try writer.close(to: destination) } else { try writer.close() }
    }

    // MARK: Shared by the sheets

    /// The labels of the workbook's language.
    var L: Labels { Labels(language) }

    /// `2026-11-28 14:03 UTC`, the run date as printed.
    var runDateText: String {
        guard let runDate else { return L("no input dated") }
        return UTCText.minute(runDate.timeIntervalSince1970) + " UTC"
    }

    /// The page header and footer of every sheet: title and sheet name; rbm, run date and page x of y.
    var printOptions: (header: String, footer: String) {
        let rbm = "rbm" + (version.map { " " + $0 } ?? "")
        let header = "&L" + HeaderFooter.literal(String(title.prefix(100))) + "&R&A"
        let footer = "&L" + HeaderFooter.literal(L("{0} · inputs as of {1}", rbm, runDateText)) + "&R" + L("Page &P of &N")
        return (header, footer)
    }

    /// A table sheet: bold wrapped frozen header with a filter, A4 landscape fitted to the page
    /// width, the header repeated on every page, title, run date and page numbers on each page.
    /// A `nil` width is measured from the content (the writer caps it at 80 characters).
    func sheet(_ writer: WorkbookWriter, _ name: String, _ headers: [String], widths: [Double?]) throws -> SheetWriter {
        let print = printOptions, headers = headers.map(L.header)
        let sheet = try writer.addSheet(name, options: SheetOptions(
            columnWidths: widths, freezeRows: 1, autoFilter: true, landscape: true, fitToWidth: true, repeatRowsAtTop: 1,
            paperSize: .a4, pageHeader: print.header, pageFooter: print.footer, margins: .narrow))
        try sheet.writeRow(headers.map { Cell(.string($0), style: Self.header) }, height: Self.headerHeight(headers, widths: widths))
        return sheet
    }

    /// A header row tall enough for its longest wrapped header (bold text is about 10 % wider).
    static func headerHeight(_ headers: [String], widths: [Double?]) -> Double {
        let lines = headers.enumerated().map { index, header in
            let width = index < widths.count ? widths[index] ?? Double(header.count + 2) : Double(header.count + 2)
            return wrappedLines(header, width: max(1, Int(width / 1.1) - 1))
        }
        return CellFit.rowHeight(lines: lines.max() ?? 1)
    }

    /// Lines a text takes when wrapped at spaces in a column `width` characters wide.
    static func wrappedLines(_ text: String, width: Int) -> Int {
        simpleWrappedLines(text, width: width) ?? characterWrappedLines(text, width: width)
    }

    /// ``wrappedLines(_:width:)`` on characters, for any text.
    static func characterWrappedLines(_ text: String, width: Int) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = 0
            lines += 1
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if line == 0 { line = length } else if line + 1 + length <= width { line += 1 + length } else {
                    lines += 1
                    line = length
                }
                while line > width {   // a word longer than the column breaks inside it
                    lines += 1
                    line -= width
                }
            }
        }
        return max(1, lines)
    }

    /// ``wrappedLines(_:width:)`` counted on Unicode scalars, for a text where each scalar is one
    /// character: ASCII without a carriage return (which joins a following line feed), Latin and
    /// Greek letters (`Δ`), and the punctuation, currency, letter-like, arrow and mathematical symbols messages
    /// use (`−`, `×`, `≥`, U+202F); none of these joins its neighbours into one character, and
    /// any other scalar (a combining mark, a joiner) gives nil. Every finding's message goes
    /// through here (issue 11).
    static func simpleWrappedLines(_ text: String, width: Int) -> Int? {
        // An ASCII text on its own bytes, each one scalar (issue 11: every log text is measured).
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            bytes.contains { $0 >= 0x80 } ? .none : .some(wrappedLines(bytes.lazy.map { UInt32($0) }, width: width))
        }
        if case .some(.some(let lines)) = ascii { return lines }
        return wrappedLines(text.unicodeScalars.lazy.map(\.value), width: width)
    }

    /// ``simpleWrappedLines(_:width:)`` over the text's scalar values.
    private static func wrappedLines<Values: Sequence>(_ values: Values, width: Int) -> Int? where Values.Element == UInt32 {
        var lines = 1, line = 0, word = 0
        func endWord() {
            guard word > 0 else { return }
            if line == 0 { line = word } else if line + 1 + word <= width { line += 1 + word } else {
                lines += 1
                line = word
            }
            while line > width {
                lines += 1
                line -= width
            }
            word = 0
        }
        for value in values {
            switch value {
            case 10:
                endWord()
                lines += 1
                line = 0
            case 32: endWord()
            case 13: return nil
            case 0..<0x80, 0xA0...0x2FF, 0x370...0x3FF, 0x2010...0x2027, 0x202F...0x205E, 0x2070...0x20CF, 0x2100...0x214F, 0x2190...0x23FF: word += 1
            default: return nil
            }
        }
        endWord()
        return lines
    }

    /// Lines a text wraps to in a column `width` characters wide (roughly, as spreadsheets do).
    static func lines(_ text: String, width: Int) -> Int {
        max(1, (text.count + width - 1) / width)
    }

    /// A decimal as the writer stores it. A NaN (what `Exact` makes of an overflow) is written
    /// as Excel's own `#NUM!` text: the writer refuses NaN, and that refusal once aborted the whole
    /// run with no output (issue 14). The normaliser's bounds (`PlausibleNumber`) keep NaN out of
    /// the model; this keeps any slip from costing every output.
    static func exact(_ value: Exact) -> CellValue {
        value.isNaN ? .string("#NUM!") : .decimal(value.plainText)
    }

    func money(_ amount: Exact?) -> Cell {
        amount.map { Cell(Self.exact($0), style: Self.chf) } ?? .empty
    }

    func quantity(_ value: Exact?, style: CellStyle? = nil) -> Cell {
        value.map { Cell(Self.exact($0), style: style) } ?? .empty
    }

    func integer(_ value: Int?) -> Cell {
        value.map { Cell(.number(Double($0))) } ?? .empty
    }

    /// A text cell; nil and the empty text leave the cell empty (no empty string is stored).
    func text(_ s: String?, style: CellStyle? = nil) -> Cell {
        guard let s, !s.isEmpty else { return .empty }
        return Cell(.string(CellFit.text(s)), style: style)
    }

    /// A source cell as `file!sheet!cell` text: the inputs are filed away after the run (and may be
    /// renamed there), so no link to them would stay valid.
    func source(_ cell: CellSource?) -> Cell {
        text(cell?.ref.description)
    }

    /// The order of a plan's rows, as indices: by bureau (`ranks`), output code in natural order,
    /// file, then row. Each code's natural-order key is built once and compared once a comparison
    /// (`NaturalOrder.Key.order`, not `==` then `<`; issue 11).
    static func planOrder(ranks: [Int], codes: [String], files: [String], rows: [Int]) -> [Int] {
        let keys = codes.map(NaturalOrder.Key.init)
        return ranks.indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            let order = NaturalOrder.Key.order(keys, i, j)
            if order != 0 { return order < 0 }
            if files[i] != files[j] { return files[i] < files[j] }
            return rows[i] < rows[j]
        }
    }

    static func count(_ findings: [Finding], _ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
