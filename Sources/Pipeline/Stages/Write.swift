import Foundation
import Reports
import Results

/// What writing gave: the outputs that could not be rendered (name → error); the others are published.
struct Written {
    var failedOutputs: [String: String]
}

extension BatchRun {
    /// Writes every output into a staging folder, then publishes them together: an I/O failure
    /// (a full disk) leaves the previous set whole and ends the run. A content problem in one output
    /// (an error its renderer throws) costs that output only: the others are published, the stale
    /// previous copy of the failed one is withdrawn so the set never mixes runs, and the failure is
    /// returned (output name → error) for the manifest and the exit code.
    /// `page` is what the page reports beside the findings (`pageContext`).
    func write(_ reconciled: Reconciled, page: DiscrepancyHTML.Context, _ setup: RunSetup) throws -> Written {
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
        ]
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
            try staging.publish(outputs.map(\.name).filter { failed[$0] == nil }, withdrawing: failed.keys.sorted())
        } catch {
            staging.discard()
            throw EnvironmentFault(folder: folder, action: "write the outputs", error: error, consequence: Self.nothingMoved)
        }
        return Written(failedOutputs: failed)
    }

    static let nothingMoved = "the previous outputs are left as they were and no input was moved (the next run takes them again)"


    /// Writes through a flushed temporary file and a rename, so a reader never sees half a file.
    static func write(_ text: String, to url: URL, _ steps: DurableSteps) throws {
        steps.step()
        try DurableFile.write(Data(text.utf8), to: url)
    }
}
