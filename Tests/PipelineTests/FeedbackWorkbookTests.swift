import Foundation
import Testing
import TestSupport
@testable import Pipeline
@testable import Reports
import Results
import XLSXReader
import XLSXWriter

/// issue 13, "Feedback workbook per bureau": each reconciled workbook comes back as
/// `feedback/<bureau>-<kind>.xlsx` with every original cell, formula and merge unchanged, the cells
/// behind its findings filled by severity and commented, and a first sheet listing them.
@Suite(.serialized) struct FeedbackWorkbookTests {
    static let scenario = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")

    static func run(pipeline: String = DemoScenarioTests.pipeline) throws -> (BatchRun.Report, URL) {
        let work = Fixtures.temporaryDirectory("rbm-feedback")
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: scenario, toPath: inbox.path)
        let report = try BatchRun(options: .init(pipelinePath: pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                                 keepInputs: true)).run()
        return (report, work)
    }

    /// The cells a workbook's findings mark, each with the fill of its most severe finding, and a
    /// note where a finding cites the cell alone or as the first of a range.
    static func expectedMarks(_ findings: [Finding], file: String) -> [String: AmendedWorkbookCheck.Mark] {
        var marks: [String: (Severity, AmendedWorkbookCheck.Mark)] = [:]
        var noted: Set<String> = []
        for finding in findings {
            for source in finding.sources where source.file == file {
                guard let sheet = source.sheet, let cell = source.cell, let range = FeedbackWorkbook.cells(cell) else { continue }
                noted.insert(sheet + "!" + CellPosition(row: range.first.row, column: range.first.column).a1)
                for row in range.first.row...range.last.row {
                    for column in range.first.column...range.last.column {
                        let a1 = CellPosition(row: row, column: column).a1
                        if let existing = marks[sheet + "!" + a1], existing.0 >= finding.severity { continue }
                        marks[sheet + "!" + a1] = (finding.severity, .init(sheet: sheet, cell: a1, fill: FeedbackWorkbook.fill(finding.severity)))
                    }
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: marks.map { key, value in
            var mark = value.1
            mark.note = noted.contains(key)
            return (key, mark)
        })
    }

    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"))
    func everyReconciledWorkbookComesBackWholeWithItsFindingsCellsMarked() throws {
        let python = try #require(Fixtures.python)
        let (report, work) = try Self.run()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("feedback").path).sorted()
        #expect(names == ["BDT-operational-plan.xlsx", "BR-operational-plan.xlsx", "GS-operational-plan.xlsx", "TSB-operational-plan.xlsx",
                          "financial-plan.xlsx", "results-framework.xlsx", "risk-register.xlsx"])
        #expect(report.manifest.outputs.filter { $0.hasPrefix("feedback/") } == names.map { "feedback/" + $0 })
        #expect(report.failedOutputs.isEmpty)

        var rangeMarked = false
        for input in report.manifest.inputs where input.fate == .archived {
            let kind = try #require(input.kind)
            let feedback = out.appendingPathComponent(FeedbackWorkbook.outputName(kind: kind, bureau: input.bureau)).path
            let original = Self.scenario + "/" + input.file
            let marks = Self.expectedMarks(report.findings, file: input.file)
            let verdict = try AmendedWorkbookCheck.check(python: python, original: original, amended: feedback, marks: Array(marks.values))
            #expect(verdict.problems.isEmpty, "\(input.file): \(verdict.problems.prefix(10))")
            #expect(verdict.first == "Findings")
            let lines = report.findings.flatMap { $0.sources.filter { $0.file == input.file } }.count
            #expect(verdict.rows == 1 + max(lines, 1), "\(input.file)")
            #expect(verdict.links.count == report.findings.flatMap { $0.sources.filter { $0.file == input.file && $0.cell != nil } }.count)
            #expect(verdict.changed.allSatisfy { ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                                                  "docProps/app.xml"].contains($0) || $0.hasPrefix("xl/worksheets/") }, "\(verdict.changed)")
            try Self.expectSameCells(original, feedback)
            if marks.keys.contains("Operational plan!E7") { rangeMarked = true }   // FIN-004/BR's E5:E9, a middle cell
        }
        #expect(rangeMarked)
    }

    /// The Open XML SDK's rules (and Excel's repair rules) find nothing in a copy they did not find
    /// in its original: three demo workbooks come from openpyxl with a font Excel would repair.
    @Test(.enabled(if: OpenXMLAudit.executable != nil, "no .venv/bin/openxml-audit (make test installs it)"))
    func theCopiesOpenInExcelAsCleanlyAsTheirOriginals() throws {
        let (report, work) = try Self.run()
        defer { try? FileManager.default.removeItem(at: work) }
        for input in report.manifest.inputs where input.fate == .archived {
            let feedback = work.appendingPathComponent("out/" + FeedbackWorkbook.outputName(kind: try #require(input.kind), bureau: input.bureau))
            let copy = try #require(try OpenXMLAudit.audit(feedback.path))
            let original = try #require(try OpenXMLAudit.audit(Self.scenario + "/" + input.file))
            #expect(Set(copy.errors).isSubset(of: Set(original.errors)), "\(input.file): \(copy)")
            #expect(original.prediction != "opens-clean" || copy.prediction == "opens-clean", "\(input.file): \(copy)")
        }
    }

    /// Every cell of every sheet of the original reads the same in the copy through the project's
    /// reader (value, formula, number format), and the merges are the same.
    static func expectSameCells(_ original: String, _ amended: String) throws {
        let before = try Workbook(path: original), after = try Workbook(path: amended)
        #expect(after.sheets.dropFirst().map(\.name) == before.sheets.map(\.name))
        for sheet in before.sheets {
            let old = try before.grid(for: sheet), new = try after.grid(for: try #require(after.sheet(named: sheet.name)))
            func cells(_ grid: SheetGrid, _ book: Workbook) -> [String: String] {
                var found: [String: String] = [:]
                for row in grid.rows {
                    for cell in row.cells {
                        found[cell.reference.description] = "\(cell.value)|\(cell.formula ?? "")|\(book.numberFormat(style: cell.styleIndex))"
                    }
                }
                return found
            }
            let oldCells = cells(old, before), newCells = cells(new, after)
            #expect(oldCells.filter { newCells[$0.key] != $0.value }.isEmpty, "\(sheet.name)")
            #expect(newCells.filter { oldCells[$0.key] == nil && !$0.value.hasPrefix("string(\"\")") }.isEmpty, "\(sheet.name)")
            #expect(Set(new.mergedRanges) == Set(old.mergedRanges))
        }
    }

    @Test func aFeedbackWorkbookThatCannotBeWrittenCostsThatWorkbookOnly() throws {
        let work = Fixtures.temporaryDirectory("rbm-feedback-fault")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out")
        try Fixtures.copyPreservingTimes(atPath: Self.scenario, toPath: inbox.path)
        var options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path, keepInputs: true)
        _ = try BatchRun(options: options).run()   // a whole set first: the failed one's stale copy must go
        let broken = WorkbookWriterError(code: .invalidSource, path: "OP_BR_2022-2025_v2.xlsx", part: "xl/styles.xml",
                                         message: "styles.xml lacks <fonts>, <fills> or <cellXfs>")
        options.faults.failRendering = ("feedback/BR-operational-plan.xlsx", broken)
        let report = try BatchRun(options: options).run()
        #expect(report.failedOutputs == ["feedback/BR-operational-plan.xlsx": broken.description])
        #expect(report.exitStatus(failingOn: []) == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("feedback").path).sorted()
        #expect(names.count == 6 && !names.contains("BR-operational-plan.xlsx"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("consolidated.xlsx").path))
        #expect(!report.manifest.outputs.contains("feedback/BR-operational-plan.xlsx"))
    }

    /// A workbook accepted in an earlier run and still current is reconciled again from
    /// `archive/`, and handed back again from there.
    @Test func currentWorkbooksAreHandedBackFromTheArchive() throws {
        let work = Fixtures.temporaryDirectory("rbm-feedback-current")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox"), out = work.appendingPathComponent("out")
        try Fixtures.copyPreservingTimes(atPath: Self.scenario, toPath: inbox.path)
        let options = BatchRun.Options(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path, output: out.path)
        let first = try BatchRun(options: options).run()
        let before = try Data(contentsOf: out.appendingPathComponent("feedback/BR-operational-plan.xlsx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)   // all filed away
        let again = try BatchRun(options: options).run()
        #expect(again.manifest.inputs.count == 7 && again.manifest.inputs.allSatisfy { $0.fate == .current })
        #expect(again.failedOutputs.isEmpty)
        #expect(again.manifest.outputs.filter { $0.hasPrefix("feedback/") } == first.manifest.outputs.filter { $0.hasPrefix("feedback/") })
        #expect(try Data(contentsOf: out.appendingPathComponent("feedback/BR-operational-plan.xlsx")) == before)
    }

    @Test func aPipelineCanTurnFeedbackOff() throws {
        let work = Fixtures.temporaryDirectory("rbm-feedback-off")
        defer { try? FileManager.default.removeItem(at: work) }
        let pipeline = work.appendingPathComponent("off.yaml")
        let text = try String(contentsOfFile: DemoScenarioTests.pipeline, encoding: .utf8)
        try (text + "\nfeedback: false\n").write(to: pipeline, atomically: true, encoding: .utf8)
        let (report, runWork) = try Self.run(pipeline: pipeline.path)
        defer { try? FileManager.default.removeItem(at: runWork) }
        #expect(!FileManager.default.fileExists(atPath: runWork.appendingPathComponent("out/feedback").path))
        #expect(!report.manifest.outputs.contains { $0.hasPrefix("feedback/") })
    }

    @Test func theNoteStatesTheRuleTheIdAndTheMessage() throws {
        let finding = Finding(id: .init(.fin001, .output(OutputCode("R.1-2")), .year(2022)), severity: .error,
                              message: .missingSheet(file: "OP.xlsx", sheet: "Plan", sheets: ["Other"], closest: nil,
                                                     place: TablePlace(source: 0, sourceName: "OP", table: 0, kind: "allocations")),
                              sources: [SourceRef(file: "OP.xlsx", sheet: "Plan", cell: "E6")])
        let workbook = FeedbackWorkbook(file: "OP.xlsx")
        let note = workbook.note(for: finding)
        #expect(note.hasPrefix("Error FIN-001: Output planned without a budget line\n"))
        #expect(note.hasSuffix("(FIN-001/R.1-2/2022)"))
        let amendment = workbook.amendment([finding])
        #expect(amendment.marks.map { "\($0.sheet)!\($0.row),\($0.column) \($0.fill)" } == ["Plan!6,5 FFC7CE"])
        #expect(amendment.firstSheet?.rows.count == 2)
    }

    /// A range (FIN-012's year columns: 2,900 cells at 58 times the demo) is filled whole and
    /// noted once, on its first cell, which says which cells the note stands for; a cell of the
    /// range another finding cites alone carries that finding's note too. The Findings sheet lists
    /// the range once.
    @Test(arguments: [(Language.en, "(This note stands for the cells G5:H8.)"), (Language.fr, "(Cette note vaut pour les cellules G5:H8.)")])
    func aRangeIsFilledWholeAndNotedOnce(language: Language, line: String) throws {
        let envelope = Finding(id: .init(.fin012, [.biennium(Biennium(2022, 2023))]), severity: .error,
                               message: .missingSheet(file: "FP.xlsx", sheet: "Budget", sheets: [], closest: nil,
                                                      place: TablePlace(source: 0, sourceName: "FP", table: 0, kind: "budget lines")),
                               sources: [SourceRef(file: "FP.xlsx", sheet: "Parameters", cell: "B2"), SourceRef(file: "FP.xlsx", sheet: "Budget", cell: "G5:H8")])
        let line7 = Finding(id: .init(.fin001, .output(OutputCode("R.1-2")), .year(2022)), severity: .warning,
                            message: .missingSheet(file: "FP.xlsx", sheet: "Budget", sheets: [], closest: nil,
                                                   place: TablePlace(source: 0, sourceName: "FP", table: 0, kind: "budget lines")),
                            sources: [SourceRef(file: "FP.xlsx", sheet: "Budget", cell: "G7")])
        let workbook = FeedbackWorkbook(file: "FP.xlsx", language: language)
        let amendment = workbook.amendment([envelope, line7])
        let budget = amendment.marks.filter { $0.sheet == "Budget" }
        #expect(Set(budget.filter { $0.fill == "FFC7CE" }.map { "\($0.row),\($0.column)" }) == ["5,7", "5,8", "6,7", "6,8", "7,7", "7,8", "8,7", "8,8"])
        let noted = budget.filter { $0.note != nil }
        #expect(noted.map { "\($0.row),\($0.column)" } == ["5,7", "7,7"], "\(noted)")
        #expect(noted[0].note == workbook.note(for: envelope) + "\n" + line)
        #expect(noted[1].note == workbook.note(for: line7))
        #expect(amendment.marks.first { $0.sheet == "Parameters" }?.note == workbook.note(for: envelope))
        let cells = try #require(amendment.firstSheet).rows.dropFirst().map { Self.text($0[5]) }
        #expect(cells == ["Parameters!B2", "Budget!G5:H8", "Budget!G7"])
    }

    /// A French or Spanish run hands the bureaus their workbooks in that language: the note's
    /// severity and rule title, the Findings sheet's headers and its line for a workbook no finding
    /// cites. Ids, rule codes, the severity codes and the sheet's name stay as the log has them.
    @Test(arguments: [(Language.fr, "Erreur FIN-001 : ", ["Identifiant", "Gravité", "Règle", "Titre", "Message", "Cellule"],
                       "Aucun constat ne cite ce classeur."),
                      (Language.es, "Error FIN-001: ", ["Identificador", "Gravedad", "Regla", "Título", "Mensaje", "Celda"],
                       "Ninguna constatación cita este libro.")])
    func theFeedbackIsInTheRunsLanguage(language: Language, notePrefix: String, headers: [String], none: String) throws {
        let finding = Finding(id: .init(.fin001, .output(OutputCode("R.1-2")), .year(2022)), severity: .error,
                              message: .missingSheet(file: "OP.xlsx", sheet: "Plan", sheets: ["Other"], closest: nil,
                                                     place: TablePlace(source: 0, sourceName: "OP", table: 0, kind: "allocations")),
                              sources: [SourceRef(file: "OP.xlsx", sheet: "Plan", cell: "E6")])
        let workbook = FeedbackWorkbook(file: "OP.xlsx", language: language)
        let title = language.rule(.fin001, tolerances: Tolerances()).title
        #expect(title != RuleDescriptions.english(.fin001, tolerances: Tolerances()).title)
        let note = workbook.note(for: finding)
        #expect(note.hasPrefix(notePrefix + title + "\n"))
        #expect(note.hasSuffix("\n(FIN-001/R.1-2/2022)"))
        let sheet = try #require(workbook.amendment([finding]).firstSheet)
        #expect(sheet.name == "Findings")
        #expect(sheet.rows[0].map(Self.text) == headers)
        #expect(Array(sheet.rows[1].map(Self.text).prefix(4)) == ["FIN-001/R.1-2/2022", "error", "FIN-001", title])
        let empty = try #require(FeedbackWorkbook(file: "Other.xlsx", language: language).amendment([finding]).firstSheet)
        #expect(empty.rows.map { $0.map(Self.text) } == [headers, [none]])
    }

    static func text(_ cell: AddedSheet.Cell) -> String {
        if case .text(let text) = cell.value { return text }
        return "(a number)"
    }

    @Test(arguments: [("B7", 7, 2, 7, 2), ("E5:E9", 5, 5, 9, 5), ("$A$1:B2", 1, 1, 2, 2), ("xfd1048576", 1_048_576, 16_384, 1_048_576, 16_384),
                      ("B0007", 7, 2, 7, 2), ("AA10:AB12", 10, 27, 12, 28)])
    func cellSourcesAndRangesAreRead(text: String, r1: Int, c1: Int, r2: Int, c2: Int) {
        let cells = FeedbackWorkbook.cells(text.replacingOccurrences(of: "$", with: ""))
        #expect(cells?.first.row == r1 && cells?.first.column == c1 && cells?.last.row == r2 && cells?.last.column == c2)
    }

    @Test(arguments: ["E", "A1:XFD1048576", "B0", "9:9", "", "B7:", ":B7", "B7:C8:D9", "ABCD1", "B12345678", "XFE1", "B1048577", "B7 ",
                      "É7", String(repeating: "A", count: 400) + "1", "A" + String(repeating: "9", count: 400), "b7:a1"])
    func wholeColumnsAndHugeRangesAreNotMarked(text: String) {
        #expect(FeedbackWorkbook.cells(text) == nil)
    }

    @Test(.enabled(if: LibreOffice.isEnabled, "interop check skipped: set RBM_INTEROP=1 and install soffice"))
    func libreOfficeOpensEveryFeedbackWorkbook() throws {
        let (_, work) = try Self.run()
        defer { try? FileManager.default.removeItem(at: work) }
        let feedback = work.appendingPathComponent("out/feedback")
        let folder = LibreOffice.folder.appendingPathComponent("feedback")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: feedback.path).sorted() {
            let result = try LibreOffice.soffice(["--convert-to", "pdf", "--outdir", folder.path, feedback.appendingPathComponent(name).path])
            let pdf = folder.appendingPathComponent(name.replacingOccurrences(of: ".xlsx", with: ".pdf"))
            #expect(result.status == 0, "\(name): \(result.output)")
            let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
            #expect(size > 0, "no PDF for \(name): \(result.output)")
        }
    }
}
