import Foundation
import Reconcile
import Reports
import Results

extension BatchRun {
    /// What `discrepancies.html` reports beside the findings: the run's facts as the manifest has
    /// them and the model's figures for its charts. The date stated is the newest modification time
    /// of the files read (not the clock), so the same inputs give the same page.
    static func pageContext(inputs: [Manifest.InputFile], read urls: [URL], pipelineName: String, model: ResultsModel,
                            outcome: Reconciler.Outcome, tolerances: Tolerances) -> DiscrepancyHTML.Context {
        let newest = urls.compactMap { url in
            (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        }.max()
        let facts = DiscrepancyHTML.RunFacts(
            rbmVersion: version, pipeline: pipelineName, newestInput: newest,
            inputs: inputs.map { .init(file: $0.file, kind: $0.kind, bureau: $0.bureau, fate: $0.fate, reason: $0.reason, sha256: $0.sha256, size: $0.size) })
        return DiscrepancyHTML.Context(run: facts, bureauTotals: outcome.bureauTotals, kpis: model.kpis, risks: model.risks, tolerances: tolerances)
    }
}
