import Foundation
import Reports
import Results

/// What writing gave: the outputs published, in order, and those that could not be rendered
/// (name → error).
struct Written {
    var published: [String] = []
    var failedOutputs: [String: String]
}

extension BatchRun {
    /// Writes every output into a staging folder, then publishes them together: an I/O failure
    /// (a full disk) leaves the previous set whole and ends the run. A content problem in one output
    /// (an error its renderer throws) costs that output only: the others are published, the stale
    /// previous copy of the failed one is withdrawn so the set never mixes runs, and the failure is
    /// returned (output name → error) for the manifest and the exit code.
    /// `page` is what the page reports beside the findings (`pageContext`).
    func write(_ reconciled: Reconciled, page: DiscrepancyHTML.Context, startedAt: Date, _ setup: RunSetup) throws -> Written {
        let folder = setup.output, pipeline = setup.pipeline, model = reconciled.model, outcome = reconciled.outcome
        let findings = outcome.findings, years = reconciled.settings.years, language = page.language
        let staging: OutputStaging
        do { staging = try OutputStaging(outputFolder: folder, steps: setup.steps) } catch {
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
        let outputs: [(name: String, render: (URL) throws -> Void)] = [
            ("discrepancies.csv", { try Self.write(DiscrepancyCSV.render(findings, language: language), to: $0, setup.steps) }),
            ("discrepancies.jsonl", { try Self.write(DiscrepancyJSONL.render(findings, language: language), to: $0, setup.steps) }),
            ("discrepancies.html", { url in
                if self.options.faults.failWhileWriting { throw CocoaError(.fileWriteOutOfSpace) }
                try Self.write(DiscrepancyHTML.render(findings, title: pipeline.name, context: page), to: url, setup.steps)
            }),
            ("consolidated.xlsx", { url in
                setup.steps.step()
                var workbook = pipeline.consolidatedWorkbook
                workbook.runDate = reconciled.runDate
                workbook.version = Self.version
                workbook.notChecked = Summary.notChecked(outcome.coverage)
                workbook.expected = page.expected
                workbook.language = language
                try workbook.write(model: model, findings: findings, bureauTotals: outcome.bureauTotals, years: years, to: url.path)
                try DurableFile.flush(url)
            }),
        ] + feedbackOutputs(reconciled, setup, language: language) + tableOutputs(reconciled, setup, startedAt: startedAt, language: language)
        var failed: [String: String] = [:]
        do {
            for output in outputs {
                do {
                    if let fault = options.faults.failRendering, fault.output == output.name { throw fault.error }
                    try output.render(staging.path(output.name))
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

    /// One output per workbook reconciled in this run (arrived, or current from an earlier run): the
    /// workbook handed back with the cells behind its findings marked (`feedback/<bureau>-<kind>.xlsx`;
    /// docs/feedback.md). Its source is read where it lies at write time: the inbox for an arrival
    /// (inputs are filed away only after the commit), `archive/` for a current workbook.
    func feedbackOutputs(_ reconciled: Reconciled, _ setup: RunSetup, language: Language = .en) -> [(name: String, render: (URL) throws -> Void)] {
        guard setup.pipeline.feedback ?? true else { return [] }
        let findings = reconciled.outcome.findings, tolerances = reconciled.settings.tolerances
        var outputs: [(name: String, render: (URL) throws -> Void)] = []
        for input in reconciled.inputs where input.fate == .archived || input.fate == .current {
            guard let kind = input.kind else { continue }
            let folder = input.fate == .current ? setup.inbox.archive : setup.inbox.folder
            let source = folder.appendingPathComponent(input.file)
            let name = FeedbackWorkbook.outputName(kind: kind, bureau: input.bureau)
            guard !outputs.contains(where: { $0.name == name }) else { continue }
            outputs.append((name, { url in
                setup.steps.step()
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let workbook = FeedbackWorkbook(file: input.file, tolerances: tolerances, language: language)
                try workbook.write(findings: findings, source: source.path, to: url.path)
                try DurableFile.flush(url)
            }))
        }
        return outputs.sorted { $0.name < $1.name }
    }

    /// The model and the findings as CSV tables with their data package (`tables/`, docs/scale.md),
    /// when the pipeline file asks for them (`tables: true`).
    func tableOutputs(_ reconciled: Reconciled, _ setup: RunSetup, startedAt: Date, language: Language) -> [(name: String, render: (URL) throws -> Void)] {
        guard setup.pipeline.tables == true else { return [] }
        let pipeline = setup.pipeline
        let context = ModelTables.Context(run: ISO8601DateFormatter().string(from: startedAt),
                                          organisation: pipeline.document?.company ?? pipeline.name,
                                          plan: pipeline.plan.id, biennium: pipeline.plan.biennium)
        let tables = ModelTables.tables(model: reconciled.model, findings: reconciled.outcome.findings, context: context, language: language)
        let folder: (URL) throws -> Void = { url in
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        return tables.map { table in
            ("tables/" + table.fileName, { url in try folder(url); try Self.write(ModelTables.csv(table), to: url, setup.steps) })
        } + [("tables/datapackage.json", { url in
            try folder(url)
            try Self.write(ModelTables.dataPackage(tables, context: context), to: url, setup.steps)
        })]
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

    static let nothingMoved = "the previous outputs are left as they were and no input was moved (the next run takes them again)"


    /// Writes through a flushed temporary file and a rename, so a reader never sees half a file.
    static func write(_ text: String, to url: URL, _ steps: DurableSteps) throws {
        steps.step()
        try DurableFile.write(Data(text.utf8), to: url)
    }
}
