import Foundation
import XLSXCore
import Reports
import Results

/// What writing gave: the outputs published, in order, and those that could not be rendered
/// (name → error).
struct Written {
    var published: [String] = []
    var failedOutputs: [String: String]
}

extension BatchRun {
    /// An output: its name, and `render`, which makes its content for the staging path it is given
    /// (any thread) and returns what makes it durable there (the run's thread, in order).
    typealias Output = (name: String, render: (URL) throws -> () throws -> Void)

    /// Writes every output into a staging folder, then publishes them together: an I/O failure
    /// (a full disk) leaves the previous set whole and ends the run. A content problem in one output
    /// (an error its renderer throws) costs that output only: the others are published, the stale
    /// previous copy of the failed one is withdrawn so the set never mixes runs, and the failure is
    /// returned (output name → error) for the manifest and the exit code.
    /// `page` is what the page reports beside the findings (`pageContext`), in the reports' language.
    /// `whenACoreIsIdle` is called once, as soon as a core has no output left to render. `tables`
    /// are the consolidated workbook's model sheets when ``beginConsolidated(_:_:)`` began them.
    func write(_ reconciled: Reconciled, page: DiscrepancyHTML.Context, startedAt: Date, _ setup: RunSetup,
               tables: Background<Result<ConsolidatedWorkbook.Draft, Error>>? = nil,
               whenACoreIsIdle: @escaping @Sendable () -> Void = {}) throws -> Written {
        let folder = setup.output, pipeline = setup.pipeline, model = reconciled.model, outcome = reconciled.outcome
        let findings = outcome.findings, years = reconciled.settings.years, language = page.language
        let staging: OutputStaging
        do { staging = try OutputStaging(outputFolder: folder, steps: setup.steps) } catch {
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
        // Each finding's texts are worded once for every output that shows them (issue 11), by
        // `recall`; worded here only for findings it did not word.
        let log = reconciled.log.flatMap { $0.language == language && $0.count == findings.count ? $0 : nil }
            ?? LogText(findings, language: language)
        let outputs: [Output] = [
            ("discrepancies.csv", { url in
                let bytes = DiscrepancyCSV.renderBytes(log)
                return { try DurableFile.write(bytes, to: url) }
            }),
            ("discrepancies.jsonl", { url in
                let bytes = DiscrepancyJSONL.renderBytes(log)
                return { try DurableFile.write(bytes, to: url) }
            }),
            ("discrepancies.html", { url in
                let bytes = DiscrepancyHTML.renderBytes(findings, title: pipeline.name, context: page, log: log)
                return {
                    if self.options.faults.failWhileWriting { throw CocoaError(.fileWriteOutOfSpace) }
                    try DurableFile.write(bytes, to: url)
                }
            }),
            ("consolidated.xlsx", { url in
                var workbook = Self.consolidatedWorkbook(pipeline, runDate: reconciled.runDate, language: language)
                workbook.notChecked = Summary.notChecked(outcome.coverage)
                workbook.expected = page.expected
                workbook.chain = page.chain   // built from the same model, findings, years and envelope
                // The model's sheets, written while the run reconciled when it could (``beginConsolidated``).
                let draft = try tables?.value().get() ?? workbook.begin(model: model, years: years, to: url.path)
                try workbook.finish(draft, model: model, findings: findings, bureauTotals: outcome.bureauTotals, log: log, to: url.path)
                return { try DurableFile.flush(url) }
            }),
        ] + feedbackOutputs(reconciled, setup, language: language, log: log) + tableOutputs(reconciled, setup, startedAt: startedAt, language: language)
        var failed: [String: String] = [:]
        do {
            // The outputs are independent: they are rendered on every core at once (issue 11).
            // What makes each durable (writing a text through a flushed temporary file, flushing a
            // workbook) is done on this thread in the outputs' order, each after its durable step,
            // as soon as the output and those before it are rendered (the flushes wait on the disk
            // while the cores render the rest), so the order of flushes and renames, a planned
            // crash and a failing output mean what they did when the outputs were written one by one.
            try ConcurrentRender.run(outputs.map { output in
                { [options] in
                    if let fault = options.faults.failRendering, fault.output == output.name { throw fault.error }
                    return try output.render(staging.path(output.name))
                }
            }, first: { outputs[$0].name == "consolidated.xlsx" || outputs[$0].name == "discrepancies.html" }, whenIdle: whenACoreIsIdle) { index, result in
                let output = outputs[index]
                setup.steps.step()
                do {
                    try result.get()()
                } catch where !EnvironmentFault.isEnvironmental(error) {
                    failed[output.name] = "\(error)"
                    try? FileManager.default.removeItem(at: staging.path(output.name))
                }
            }
            let published = outputs.map(\.name).filter { failed[$0] == nil }
            try staging.publish(published, withdrawing: failed.keys.sorted() + Self.staleOutputs(in: folder, keeping: published))
            return Written(published: published, failedOutputs: failed)
        } catch {
            staging.discard()
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
    }

    /// The consolidated workbook as this run writes it: the pipeline file's titles, the run's date,
    /// this rbm's version and the reports' language.
    static func consolidatedWorkbook(_ pipeline: PipelineFile, runDate: Date?, language: Language) -> ConsolidatedWorkbook {
        var workbook = pipeline.consolidatedWorkbook
        workbook.runDate = runDate
        workbook.version = Self.version
        workbook.language = language
        return workbook
    }

    /// Begins the consolidated workbook on a thread of its own as soon as the model is whole, after
    /// the reading: its model sheets (every table, the row accounting), which need no finding, are
    /// written while the rules run, on the core they leave idle (issue 11); the write stage adds the
    /// findings' sheets and closes it in the staging folder. Named for its errors by its published
    /// path, where nothing is written. The same settings as the write stage's (the run's date is
    /// the newest input's, the years and language the pipeline's), and the same model but for the
    /// notes the rules add, which no table shows.
    func beginConsolidated(_ selection: Selection, _ setup: RunSetup) -> Background<Result<ConsolidatedWorkbook.Draft, Error>> {
        struct Begin: @unchecked Sendable {
            let workbook: ConsolidatedWorkbook, model: ResultsModel, years: [Int], path: String
        }
        let begin = Begin(workbook: Self.consolidatedWorkbook(setup.pipeline, runDate: selection.newestInput, language: reportLanguage(setup)),
                          model: selection.model, years: setup.pipeline.reconcileSettings.years,
                          path: setup.output.appendingPathComponent("consolidated.xlsx").path)
        return Background { Result { try begin.workbook.begin(model: begin.model, years: begin.years, to: begin.path) } }
    }

    /// One output per workbook reconciled in this run (arrived, or current from an earlier run): the
    /// workbook handed back with the cells behind its findings marked (`feedback/<bureau>-<kind>.xlsx`;
    /// docs/feedback.md). Its source is read where it lies at write time, where the run read it:
    /// `processing/<batch>/` for an arrival (inputs are filed away only after the commit; the inbox
    /// in a `--keep-inputs` run), `archive/<batch>/` for a current workbook.
    func feedbackOutputs(_ reconciled: Reconciled, _ setup: RunSetup, language: Language = .en, log: LogText? = nil) -> [Output] {
        guard setup.pipeline.feedback ?? true else { return [] }
        let findings = reconciled.outcome.findings, tolerances = reconciled.settings.tolerances
        var outputs: [Output] = []
        for input in reconciled.inputs where input.fate == .archived || input.fate == .current {
            guard let kind = input.kind else { continue }
            guard let source = input.source else { continue }
            let name = FeedbackWorkbook.outputName(kind: kind, bureau: input.bureau)
            guard !outputs.contains(where: { $0.name == name }) else { continue }
            outputs.append((name, { url in
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let workbook = FeedbackWorkbook(file: input.file, tolerances: tolerances, language: language)
                try workbook.write(findings: findings, log: log, source: source.path, to: url.path)
                return { try DurableFile.flush(url) }
            }))
        }
        return outputs.sorted { $0.name < $1.name }
    }

    /// The model and the findings as CSV tables with their data package (`tables/`, docs/scale.md),
    /// when the pipeline file asks for them (`tables: true`).
    func tableOutputs(_ reconciled: Reconciled, _ setup: RunSetup, startedAt: Date, language: Language) -> [Output] {
        guard setup.pipeline.tables == true else { return [] }
        let pipeline = setup.pipeline
        let context = ModelTables.Context(run: UTCText.dateTime(startedAt.timeIntervalSince1970),
                                          organisation: pipeline.document?.company ?? pipeline.name,
                                          plan: pipeline.plan.id, biennium: pipeline.plan.biennium)
        let tables = ModelTables.tables(model: reconciled.model, findings: reconciled.outcome.findings, context: context, language: language)
        func output(_ name: String, _ text: @escaping () throws -> String) -> Output {
            ("tables/" + name, { url in
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let content = try text()
                return { try Self.write(content, to: url) }
            })
        }
        return tables.map { table in output(table.fileName) { ModelTables.csv(table) } }
            + [output("datapackage.json") { try ModelTables.dataPackage(tables, context: context) }]
    }

    /// The feedback workbooks and tables of earlier runs that this run does not write again:
    /// withdrawn, so the folder never mixes runs.
    static func staleOutputs(in folder: URL, keeping published: [String]) -> [String] {
        let kept = Set(published)
        return [("feedback", ".xlsx"), ("tables", ".csv"), ("tables", ".json")].flatMap { sub, suffix in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.map { sub + "/" + $0 }
        }.filter { !kept.contains($0) }.sorted()
    }

    static let nothingMoved = "the previous outputs are left as they were and no input was filed away (the next run takes them back from processing/)"


    /// Writes through a flushed temporary file and a rename, so a reader never sees half a file.
    static func write(_ text: String, to url: URL) throws {
        try DurableFile.write(text, to: url)
    }
}
