import Foundation
import Results
import XLSXCore
import XLSXWriter

/// A bureau's own workbook handed back with the cells behind its findings marked
/// (`feedback/<bureau>-<kind>.xlsx`, or `feedback/<kind>.xlsx` for the framework, the financial
/// plan and the risk register).
///
/// The copy keeps every part of the original (``PackageAmender``); each cell a finding cites is
/// filled by the finding's severity (error red, warning amber, info blue) and carries a note with
/// the rule, the finding's id and its message in plain words; a range (the lines a total sums) is
/// filled whole and its note is on its first cell only, saying which cells it stands for. A first
/// sheet, `Findings`, lists the workbook's findings, one line per cell or range cited, each a link
/// to the marked cell. The notes and
/// the Findings sheet's headers and words are in the run's language; the sheet's name, ids, rule
/// codes and the severity codes in its Severity column stay as the log writes them.
public struct FeedbackWorkbook {
    /// The workbook's file name as findings cite it (`SourceRef.file`).
    public var file: String
    public var tolerances: Tolerances
    /// The language of the notes and of the Findings sheet's headers, messages and rule titles.
    public var language: Language
    /// The deflate level of the copy's entries: deflate's fastest, as the consolidated workbook's
    /// (``ConsolidatedWorkbook/compressionLevel``).
    public var compressionLevel = 1
    var catalogue: any MessageCatalogue { language.catalogue }

    public init(file: String, tolerances: Tolerances = Tolerances(), language: Language = .en) {
        self.file = file
        self.tolerances = tolerances
        self.language = language
    }

    /// The output's name: `feedback/BDT-operational-plan.xlsx`, `feedback/financial-plan.xlsx`.
    public static func outputName(kind: WorkbookKind, bureau: Bureau?) -> String {
        let words = switch kind {
        case .resultsFramework: "results-framework"
        case .financialPlan: "financial-plan"
        case .operationalPlan: "operational-plan"
        case .riskRegister: "risk-register"
        }
        return "feedback/" + (bureau.map { "\($0.rawValue)-" } ?? "") + words + ".xlsx"
    }

    /// The fill of a marked cell, by severity.
    public static func fill(_ severity: Severity) -> String {
        switch severity {
        case .error: "FFC7CE"
        case .warning: "FFEB9C"
        case .info: "DDEBF7"
        }
    }

    static let sheetName = "Findings"
    /// The Findings sheet's column headers (English; ``Labels`` gives the run's language).
    static let headers = ["Id", "Severity", "Rule", "Title", "Message", "Cell"]
    /// The Findings sheet's one line when no finding cites the workbook.
    static let noFindings = "No findings cite this workbook."
    /// A note's first line: the severity, the rule's code and its title (`Error FIN-001: Output…`).
    static let noteHeading = "{0} {1}: {2}"
    /// A range's note, on its first cell, ends with this line (`G5:H1454`).
    static let rangeNote = "(This note stands for the cells {0}.)"

    /// The findings citing this workbook, most severe first, then in log order.
    public func findings(in all: [Finding]) -> [Finding] {
        citing(all).map { all[$0] }
    }

    /// The indices in `all` of the findings citing this workbook, in the order of ``findings(in:)``.
    func citing(_ all: [Finding]) -> [Int] {
        all.indices.filter { all[$0].sources.contains { $0.file == file } }
            .sorted { all[$0].severity != all[$1].severity ? all[$0].severity > all[$1].severity : Finding.logOrder(all[$0], all[$1]) }
    }

    /// The note on a marked cell: the rule, the id and the message.
    public func note(for finding: Finding) -> String {
        note(finding, rule: language.rule(finding.rule, tolerances: tolerances), message: catalogue.text(finding.message), id: finding.idText)
    }

    private func note(_ finding: Finding, rule: RuleDescriptions.Entry, message: String, id: String) -> String {
        let labels = Labels(language)
        return labels(Self.noteHeading, labels(finding.severity.word), finding.rule.rawValue, rule.title) + "\n" + message + "\n(\(id))"
    }

    /// The amendment for this workbook: the marks and the Findings sheet.
    public func amendment(_ all: [Finding]) -> PackageAmendment {
        amendment(all, log: LogText(all, language: language))
    }

    /// ``amendment(_:)`` with the findings' texts already rendered in this workbook's language
    /// (finding `i` of `all` at index `i` of `log`).
    func amendment(_ all: [Finding], log: LogText) -> PackageAmendment {
        let rules = RuleTexts(language, tolerances: tolerances)
        var marks: [PackageAmendment.Mark] = []
        let labels = Labels(language)
        let header = Self.headers.map { AddedSheet.Cell(labels($0), bold: true, fill: "D9D9D9") }
        var rows: [[AddedSheet.Cell]] = [header]
        let cited = citing(all)
        for index in cited {
            let finding = all[index]
            let rule = rules[finding.rule]
            let fill = Self.fill(finding.severity)
            let message = log.text(index, .message), id = log.text(index, .id)
            let note = note(finding, rule: rule, message: message, id: id)
            for source in finding.sources where source.file == file {
                var where_ = AddedSheet.Cell(source.sheet.map { [$0, source.cell].compactMap { $0 }.joined(separator: "!") } ?? file)
                if let sheet = source.sheet, let cell = source.cell, let range = Self.cells(cell) {
                    // One note per source: a range's 2,900 cells (FIN-012's year columns at scale)
                    // would otherwise each repeat it. Every cell is filled; the first says which
                    // cells its note stands for.
                    let single = range.first == range.last
                    let rangeNote = single ? note : note + "\n" + labels(Self.rangeNote, cell)
                    for row in range.first.row...range.last.row {
                        for column in range.first.column...range.last.column {
                            let first = row == range.first.row && column == range.first.column
                            marks.append(PackageAmendment.Mark(sheet: sheet, row: row, column: column, fill: fill, note: first ? rangeNote : nil))
                        }
                    }
                    where_.link = (sheet, range.first.row, range.first.column)
                }
                rows.append([
                    AddedSheet.Cell(id), AddedSheet.Cell(finding.severity.rawValue, fill: fill),
                    AddedSheet.Cell(finding.rule.rawValue), AddedSheet.Cell(rule.title), AddedSheet.Cell(message), where_,
                ])
            }
        }
        if cited.isEmpty {
            rows.append([AddedSheet.Cell(labels(Self.noFindings))])
        }
        let sheet = AddedSheet(name: Self.sheetName, columnWidths: [34, 10, 10, 32, 80, 24], rows: rows)
        return PackageAmendment(marks: marks, noteAuthor: "rbm", firstSheet: sheet)
    }

    /// Writes the marked copy of `source` (the workbook as received) at `destination`; `log` holds
    /// the findings' texts when another output rendered them already (in this workbook's language).
    ///
    /// - Throws: `WorkbookWriterError` (`.invalidSource`, `.archiveFailed`).
    @discardableResult
    public func write(findings all: [Finding], log: LogText? = nil, source: String, to destination: String) throws -> PackageAmender.Outcome {
        let log = log.flatMap { $0.language == language && $0.count == all.count ? $0 : nil } ?? LogText(all, language: language)
        return try PackageAmender(source: source, compressionLevel: compressionLevel).write(amendment(all, log: log), to: destination)
    }

    /// The most cells one range source marks: a larger range (a whole column's worth) is listed
    /// but left unmarked.
    static let maxRangeCells = 10_000

    /// `B7` or `E5:E9` as its first and last cell (rows and columns from 1); nil for anything else.
    static func cells(_ text: String) -> (first: (row: Int, column: Int), last: (row: Int, column: Int))? {
        // The A1 grammar of XLSXCore's `CellReference`, on the text's bytes; a source never writes
        // `$`, which it would skip, so a text with one is not a source's cell.
        guard !text.utf8.contains(UInt8(ascii: "$")) else { return nil }
        let colon = text.utf8.firstIndex(of: UInt8(ascii: ":"))
        guard let first = CellReference(utf8: text[..<(colon ?? text.endIndex)].utf8.span) else { return nil }
        let last: CellReference?
        if let colon { last = CellReference(utf8: text[text.utf8.index(after: colon)...].utf8.span) } else { last = first }
        guard let last, first.row <= last.row, first.column <= last.column,
              (last.row - first.row + 1) * (last.column - first.column + 1) <= maxRangeCells else { return nil }
        return ((first.row, first.column), (last.row, last.column))
    }
}
