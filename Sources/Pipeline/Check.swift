import Foundation
import Normalise
import Reports
import Results

/// `rbm check`: a dry run for a new layout. Reads sample workbooks exactly as `rbm run` reads them
/// (the same recognition, loader and pipeline file) and says, per file, what it was taken for and
/// why, which sheet filled which table, what became of every header cell, the unit of each amount
/// column, how its rows were accounted for, and which fields the rules will miss. Writes nothing,
/// moves nothing, takes no lock.
public enum Check {
    /// What one file gave.
    public struct FileReport: Codable, Sendable {
        public var file: String
        public var kind: WorkbookKind?
        public var bureau: Bureau?
        /// Why it was taken for its kind: the file-name pattern or the title words that matched.
        public var recognisedBy: String?
        /// Where its bureau came from (operational plans).
        public var bureauFrom: String?
        /// `category: reason` when `rbm run` would quarantine it.
        public var refused: String?
        /// Each sheet that loaded: its table, header row, columns, rows and the fields the rules will miss.
        public var sheets: [SheetAccount] = []
        /// Tables of its source that did not load (DAT-003), with the message.
        public var notLoaded: [String] = []
        /// The first rows rejected or not loaded, with the reason (DAT-002, the note, or DAT-001 for a
        /// conflicting duplicate).
        public var rejected: [String] = []
        /// How many rows were rejected or not loaded in all.
        public var rejectedCount = 0
        /// Warnings: headers that resemble a field, year columns outside the biennium.
        public var warnings: [String] = []

        /// Every table loaded, with every field the rules need.
        public var isComplete: Bool { refused == nil && notLoaded.isEmpty && sheets.allSatisfy { $0.missing.isEmpty } }
    }

    /// The whole check.
    public struct Report: Codable, Sendable {
        public var pipeline: String
        public var files: [FileReport]
        public var complete: Bool
    }

    /// How many rejected rows a file's report quotes.
    static let quotedRejections = 5

    /// Checks `files`, or every workbook-looking file of `inbox` (not hidden, not an editor's lock
    /// or partial upload) when none is given.
    public static func run(pipelinePath: String, inbox: String?, files: [String]) throws -> Report {
        let pipeline = try PipelineFile.load(path: pipelinePath)
        let pipelineName = URL(fileURLWithPath: pipelinePath).lastPathComponent
        var paths = files
        if paths.isEmpty {
            let root = URL(fileURLWithPath: pipelinePath).deletingLastPathComponent().deletingLastPathComponent()
            let folder = inbox.map { URL(fileURLWithPath: $0) }
                ?? (pipeline.inbox.hasPrefix("/") ? URL(fileURLWithPath: pipeline.inbox) : URL(fileURLWithPath: pipeline.inbox, relativeTo: root))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.standardizedFileURL.path)
            paths = names.filter { !$0.hasPrefix(".") && !Inbox.isLock($0) && !Inbox.isPartial($0) }.sorted()
                .map { folder.standardizedFileURL.appendingPathComponent($0).path }
        }
        let loader = pipeline.workbookLoader
        let reports = paths.map { check(path: $0, loader: loader, pipelineName: pipelineName) }
        return Report(pipeline: pipelineName, files: reports, complete: !reports.isEmpty && reports.allSatisfy(\.isComplete))
    }

    static func check(path: String, loader: WorkbookLoader, pipelineName: String) -> FileReport {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var report = FileReport(file: name)
        if let source = loader.source(forFile: name) {
            let pattern = source.files.first { Glob.matches($0, name) } ?? ""
            report.recognisedBy = "the file name matches '\(pattern)' of source '\(source.name)'"
            if source.kind == .operationalPlan {
                let rule = source.bureau ?? BureauRule()
                report.bureauFrom = loader.bureau(fromFileName: name, source: source) == nil ? "the title rows"
                    : (rule.fixed != nil ? "fixed in the pipeline file" : "the file name (bureau.fileName)")
            }
        } else if let source = try? loader.source(forTitleOf: path) {
            report.recognisedBy = "its title rows name one of \((source.titles ?? []).map { "'\($0)'" }.joined(separator: ", ")) of source '\(source.name)'"
            if source.kind == .operationalPlan { report.bureauFrom = "the title rows" }
        }
        switch FileLoad.perform(path: path, loader: loader, pipelineName: pipelineName) {
        case .refused(let category, let reason):
            report.refused = "\(category): \(reason)"
        case .loaded(let model):
            let submission = model.submissions.first
            report.kind = submission?.kind
            report.bureau = submission?.bureau
            report.sheets = submission?.sheets ?? []
            report.notLoaded = model.loadFindings.filter { $0.rule == .dat003 }.map(\.message.english)
            let rejections = model.loadFindings.filter { $0.rule == .dat002 }.map(\.message.english)
                + model.notes.filter { $0.kind == .rowNotLoaded }.map { note in [note.source?.description, note.text].compactMap { $0 }.joined(separator: ": ") }
                + model.duplicates.filter { !$0.identical }.map { d in
                    "\(d.duplicateCell.ref): row \(d.duplicateCell.position.row) not loaded: it has the key \(d.key) of row \(d.keptCell.position.row) "
                        + "with other values (DAT-001, a conflicting duplicate)"
                }
            report.rejectedCount = rejections.count
            report.rejected = Array(rejections.prefix(quotedRejections))
            report.warnings = model.notes.filter { $0.severity == .warning }.map { note in [note.source?.description, note.text].compactMap { $0 }.joined(separator: ": ") }
        }
        return report
    }

    /// The report as text, file by file.
    public static func render(_ report: Report) -> String {
        var lines: [String] = []
        for file in report.files {
            let what = [file.kind?.rawValue, file.bureau.map { "bureau \($0.rawValue)" }].compactMap { $0 }.joined(separator: ", ")
            lines.append("\(FileNames.display(file.file)): \(file.refused == nil ? what : "refused")")
            if let why = file.recognisedBy { lines.append("  recognised: \(why)") } else { lines.append("  recognised: no source of \(report.pipeline) matches its name or title rows") }
            if let from = file.bureauFrom { lines.append("  bureau from: \(from)") }
            if let refused = file.refused { lines.append("  refused (rbm run would quarantine it): \(FileNames.display(refused))") }
            for sheet in file.sheets {
                lines.append("  sheet '\(sheet.sheet)' → \(sheet.table ?? "?"), header row \(sheet.headerRow)")
                for column in sheet.columns { lines.append("    " + describe(column)) }
                lines.append("    rows: \(sheet.read) read = \(sheet.loaded) loaded + \(sheet.skipped) skipped + \(sheet.rejected) rejected")
                if !sheet.missing.isEmpty {
                    lines.append("    rules will miss: " + sheet.missing.map { "\($0.field) (\($0.rules.map(\.rawValue).joined(separator: ", ")))" }.joined(separator: ", "))
                }
            }
            for message in file.notLoaded { lines.append("  not loaded: \(message)") }
            if file.rejectedCount > 0 {
                lines.append("  rows rejected or not loaded: \(file.rejectedCount)\(file.rejectedCount > file.rejected.count ? ", the first \(file.rejected.count):" : ":")")
                for reason in file.rejected { lines.append("    \(reason)") }
            }
            for warning in file.warnings { lines.append("  warning: \(warning)") }
        }
        let incomplete = report.files.filter { !$0.isComplete }.count
        lines.append(report.files.isEmpty ? "no file to check"
            : report.complete ? "ok: every table loaded with every field the rules need (\(report.files.count) \(report.files.count == 1 ? "file" : "files"))"
            : "incomplete: \(incomplete) of \(report.files.count) files lack a table or a field the rules need")
        return lines.joined(separator: "\n")
    }

    /// `E  'Coût prévu 2022' → amount 2022, kCHF (from the title rows) [alias 'cout prevu']`.
    static func describe(_ c: ColumnAccount) -> String {
        let head = "\(c.column.padding(toLength: 3, withPad: " ", startingAt: 0))'\(c.header)' → "
        switch c.role {
        case .ignored:
            var text = head + "ignored: \(c.reason ?? "")"
            if let field = c.probably, let line = c.suggestedLine { text += "; probably \(field): add `\(line)` to the table's fields" }
            return text
        case .field, .year, .biennium:
            var text = head + (c.field ?? "?")
            if c.role == .year, let year = c.year { text += " \(year)" }
            if let category = c.category { text += " \(category)" }
            if c.role == .biennium { text += " (stated biennium)" }
            if let unit = c.unit { text += ", \(unit) (from the \(c.unitOrigin ?? "?"))" }
            if let alias = c.alias { text += alias.hasPrefix("column:") ? " [pinned \(alias)]" : " [alias '\(alias)']" }
            if let reason = c.reason { text += "; \(reason)" }
            return text
        }
    }
}
