import Foundation
import Testing
import TestSupport
@testable import Pipeline
@testable import Reports
import Results
import XLSXReader

/// The demo in French and Spanish (issue 13, "Three languages"): the same ids and numbers as the
/// English run, every column but the message and the typed terms equal; the page and the workbook
/// labelled in the language; `language:` in the pipeline file and `--language` on `rbm run`.
@Suite(.serialized) struct LanguageRunTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")

    func run(_ language: Language?, pipeline: String = Self.pipeline) throws -> (BatchRun.Report, URL) {
        let work = Fixtures.temporaryDirectory("rbm-lang")
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        var options = BatchRun.Options(pipelinePath: pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path)
        options.language = language
        return (try BatchRun(options: options).run(), work)
    }

    static func text(_ work: URL, _ name: String) throws -> String {
        try String(contentsOfFile: work.appendingPathComponent("out/\(name)").path, encoding: .utf8)
    }

    @Test(arguments: [Language.fr, .es])
    func theSameIdsAndNumbersAsEnglish(language: Language) throws {
        let (english, enWork) = try run(nil)
        defer { try? FileManager.default.removeItem(at: enWork) }
        let (other, work) = try run(language)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(other.findings == english.findings)
        let en = try DemoScenarioTests.readCSV(enWork.appendingPathComponent("out/discrepancies.csv").path)
        let tr = try DemoScenarioTests.readCSV(work.appendingPathComponent("out/discrepancies.csv").path)
        #expect(en.count == tr.count && en.count == english.findings.count)
        for ((e, t), finding) in zip(zip(en, tr), english.findings) {
            for column in ["id", "rule", "severity", "bureau", "output", "period", "sources", "caused_by"] {
                #expect(e[column] == t[column], "\(e["id"] ?? "?") \(column)")
            }
            for (column, value) in [("expected", finding.expected), ("actual", finding.actual), ("delta", finding.delta)] {
                if case .term(let term) = value {
                    #expect(t[column] == language.text(value) && (t[column] != e[column]) == term.hasWords, "\(e["id"] ?? "?") \(column)")
                } else {
                    #expect(e[column] == t[column], "\(e["id"] ?? "?") \(column)")
                }
            }
            #expect(t["message"] == language.catalogue.text(finding.message) && t["message"] != e["message"], "\(e["id"] ?? "?")")
        }
        // The JSON lines follow the same columns.
        let jsonl = try Self.text(work, "discrepancies.jsonl").split(separator: "\n")
        #expect(jsonl.count == english.findings.count)
        #expect(jsonl.first?.contains(JSON.string(language.catalogue.text(english.findings[0].message))) == true)
    }

    @Test func thePageAndTheWorkbookAreLabelledInTheLanguage() throws {
        let (_, work) = try run(.fr)
        defer { try? FileManager.default.removeItem(at: work) }
        let html = try Self.text(work, "discrepancies.html")
        #expect(html.contains("<html lang=\"fr\">"))
        for label in ["<h2>Synthèse</h2>", "<h2>Constats</h2>", "<h2>Règles</h2>", "Constats par bureau et par gravité", "causes premières seulement",
                      "fichiers à jour au", "Carte thermique des risques", "État des ICP", "plans opérationnels", "\" sur \" counter(pages)",
                      "Produit planifié sans ligne budgétaire", "affichés : "] {
            #expect(html.contains(label), "\(label)")
        }
        for english in ["<h2>Summary</h2>", "<h2>Findings</h2>", "Findings by bureau and severity", "root causes only", "inputs as of",
                        "Risk heat map", "KPI status", "what it checks", "Output planned without a budget line", " shown: ", "\" of \" counter(pages)"] {
            #expect(!html.contains(english), "\(english)")
        }
        // Ids and cells as in English; amounts in French forms.
        #expect(html.contains("id=\"FIN-004/TSB/2023\"") && html.contains("Plan opérationnel!<wbr>F5:F9"))
        #expect(html.contains("1\u{202F}800\u{202F}000"))

        let book = try Workbook(path: work.appendingPathComponent("out/consolidated.xlsx").path)
        #expect(book.sheets.map(\.name).prefix(2) == ["Summary", "Discrepancies"])   // sheet names stay English
        let log = try book.cursor(for: "Discrepancies")
        let header = try #require(try log.nextRow()).cells.map { cell -> String in
            if case .string(let s) = cell.value { return s }
            return ""
        }
        #expect(header.contains("causé par") && header.contains("attendu") && !header.contains("expected"))
        var severities: Set<String> = []
        while let row = try log.nextRow() {
            if row.cells.count > 2, case .string(let s) = row.cells[2].value { severities.insert(s) }
        }
        #expect(severities.isSubset(of: ["error", "warning", "info"]))   // the Summary's COUNTIFS count these codes
        let summary = try book.cursor(for: "Summary")
        var texts: [String] = []
        while let row = try summary.nextRow() {
            for cell in row.cells { if case .string(let s) = cell.value { texts.append(s) } }
        }
        #expect(texts.contains("Tous les bureaux") && texts.contains("Constats par règle"))
        #expect(!texts.contains("All bureaus"))
    }

    @Test func theEnglishRunIsTheDefault() throws {
        let (_, work) = try run(nil)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try Self.text(work, "discrepancies.html").contains("<html lang=\"en\">"))
    }

    @Test func thePipelineFileChoosesTheLanguageAndTheOptionOverridesIt() throws {
        let folder = Fixtures.temporaryDirectory("rbm-lang-pipeline")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOfFile: Self.pipeline, encoding: .utf8)
        let spanish = folder.appendingPathComponent("es.yaml")
        try ("language: es\n" + text).write(to: spanish, atomically: true, encoding: .utf8)
        #expect(try PipelineFile.load(path: spanish.path).reportLanguage == .es)
        #expect(try PipelineFile.load(path: Self.pipeline).reportLanguage == .en)

        let (report, work) = try run(nil, pipeline: spanish.path)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try Self.text(work, "discrepancies.csv").contains(SpanishMessages().text(report.findings[0].message)))
        let (_, over) = try run(.fr, pipeline: spanish.path)
        defer { try? FileManager.default.removeItem(at: over) }
        #expect(try Self.text(over, "discrepancies.csv").contains(FrenchMessages().text(report.findings[0].message)))

        let german = folder.appendingPathComponent("de.yaml")
        try ("language: de\n" + text).write(to: german, atomically: true, encoding: .utf8)
        #expect {
            try PipelineFile.load(path: german.path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("unknown language 'de'") && message.contains("en (English), fr (français), es (español)") && message.contains("de.yaml:1:")
        }
    }

    @Test func theCommandLineTakesLanguage() throws {
        let work = Fixtures.temporaryDirectory("rbm-lang-cli")
        defer { try? FileManager.default.removeItem(at: work) }
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: work.appendingPathComponent("inbox").path)
        let common = ["run", Self.pipeline, "--inbox", work.appendingPathComponent("inbox").path, "--out", work.appendingPathComponent("out").path,
                      "--fail-on", "never", "--keep-inputs"]
        let (bad, said) = try #require(try CommandLineTests.rbm(common + ["--language", "de"]))
        #expect(bad != 0)
        #expect(said.contains("unknown language 'de': the languages are en (English), fr (français), es (español)"), "\(said)")
        let (status, _) = try #require(try CommandLineTests.rbm(common + ["--language", "es"]))
        #expect(status == 0)
        let csv = try Self.text(work, "discrepancies.csv")
        #expect(csv.contains("no tiene ninguna línea para R.1-2"))
        #expect(try Self.text(work, "discrepancies.html").contains("<html lang=\"es\">"))
    }

    /// Every label the renderers look up has a French and a Spanish entry: the literal `L("…")`
    /// keys of the page's and the workbook's sources, the values looked up at run time (severities,
    /// fates, KPI states, column names), and every sheet header of the Spanish workbook.
    @Test func everyLabelHasItsFrenchAndSpanish() throws {
        var keys: Set<String> = []
        let folder = Fixtures.path("Sources/Reports")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
        let literal = try Regex(#"L\("((?:[^"\\]|\\.)*)""#)
        for file in files where file.hasPrefix("Page/") || file.hasPrefix("ConsolidatedWorkbook") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for match in text.matches(of: literal) {
                if let key = match.output[1].substring { keys.insert(String(key).replacingOccurrences(of: "\\\"", with: "\"")) }
            }
        }
        #expect(keys.count > 80, "\(keys.count) labels found")
        keys.formUnion(Severity.allCases.map(\.rawValue))
        keys.formUnion(["archived", "current", "superseded", "quarantined", "current-unreadable"])
        keys.formUnion(["on track", "at risk", "off track", "no actual yet", "no baseline or target"])
        let columnNames: [String] = LogColumn.allCases.map { $0.name.replacingOccurrences(of: "_", with: " ") }
        keys.formUnion(columnNames)
        keys.formUnion(LogColumn.allCases.map(\.name))
        for language in [Language.fr, .es] {
            let labels = Labels(language)
            let missing = keys.filter { !labels.has($0) }.sorted()
            #expect(missing.isEmpty, "\(language): \(missing)")
        }

        let (_, work) = try run(.es)
        defer { try? FileManager.default.removeItem(at: work) }
        let book = try Workbook(path: work.appendingPathComponent("out/consolidated.xlsx").path)
        let labels = Set(LabelTables.spanish.values)
        for sheet in book.sheets.map(\.name) where sheet != "Summary" {
            let header = try #require(try book.cursor(for: sheet).nextRow())
            for cell in header.cells {
                guard case .string(let text) = cell.value else { continue }
                let template = text.replacing(/[0-9]{4}/, with: "{0}")
                #expect(labels.contains(text) || labels.contains(template), "\(sheet): header '\(text)' has no Spanish label")
            }
        }
    }
}
