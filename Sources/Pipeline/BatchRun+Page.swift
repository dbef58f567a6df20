import Foundation
import Reconcile
import Reports
import Results

extension BatchRun {
    /// What `discrepancies.html` reports beside the findings: the run's facts as the manifest has
    /// them (each input's kind, bureau, fate, reason and SHA-256) and the model's figures for its
    /// charts. The date stated is the run date the workbook states too (the newest modification
    /// time of the files read, not the clock), so the same inputs give the same page.
    func pageContext(_ selection: Selection, _ reconciled: Reconciled, _ setup: RunSetup) -> DiscrepancyHTML.Context {
        let facts = DiscrepancyHTML.RunFacts(
            rbmVersion: Self.version, pipeline: setup.pipelineName, newestInput: reconciled.runDate,
            inputs: selection.inputs.map {
                .init(file: $0.file, kind: $0.kind?.rawValue, bureau: $0.bureau?.rawValue, fate: $0.fate.rawValue, reason: $0.reason, sha256: $0.sha256, size: $0.size)
            })
        return DiscrepancyHTML.Context(run: facts, bureauTotals: reconciled.outcome.bureauTotals, kpis: reconciled.model.kpis,
                                       risks: reconciled.model.risks, tolerances: reconciled.settings.tolerances,
                                       language: options.language ?? setup.pipeline.reportLanguage)
    }
}
