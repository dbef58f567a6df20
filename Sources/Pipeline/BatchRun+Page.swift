import Foundation
import Reconcile
import Reports
import Results

extension BatchRun {
    /// The reports' language: `--language`, else the pipeline file's `language:`, else English.
    func reportLanguage(_ setup: RunSetup) -> Language {
        options.language ?? setup.pipeline.reportLanguage
    }

    /// What `discrepancies.html` reports beside the findings: the run's facts as the manifest has
    /// them (each input's kind, bureau, fate, reason and SHA-256) and the model's figures for its
    /// charts. The date stated is the run date the workbook states too (the newest modification
    /// time of the files read, not the clock), so the same inputs give the same page.
    func pageContext(_ selection: Selection, _ reconciled: Reconciled, _ setup: RunSetup, startedAt: Date) -> DiscrepancyHTML.Context {
        let facts = DiscrepancyHTML.RunFacts(
            rbmVersion: Self.version, pipeline: setup.pipelineName, newestInput: reconciled.runDate,
            inputs: selection.inputs.map {
                .init(file: $0.file, kind: $0.kind?.rawValue, bureau: $0.bureau?.rawValue, fate: $0.fate, reason: $0.reason, sha256: $0.sha256, size: $0.size,
                      keptInInbox: options.keepInputs && $0.fate.isFiledAway)
            })
        var context = DiscrepancyHTML.Context(run: facts, bureauTotals: reconciled.outcome.bureauTotals, kpis: reconciled.model.kpis,
                                       risks: reconciled.model.risks, tolerances: reconciled.settings.tolerances,
                                       chain: reconciled.chain ?? ResultsChain(model: reconciled.model, findings: reconciled.outcome.findings,
                                                                                   years: reconciled.settings.years, envelope: reconciled.settings.envelope),
                                       language: reportLanguage(setup))
        context.notChecked = Summary.notChecked(reconciled.outcome.coverage)
        // What changed since the previous committed run: only when there is one to compare with.
        if let memory = reconciled.memory, memory.previous != nil {
            context.changes = DiscrepancyHTML.Changes(new: memory.count(.new), persisting: memory.count(.persisting), regressed: memory.count(.regressed),
                                                      acknowledged: memory.count(.acknowledged),
                                                      resolved: memory.comparison.resolved.map { ($0.id, $0.why) })
        }
        context.expected = completeness(selection, reconciled, setup, startedAt: startedAt).map { s in
            ExpectedSubmission(slot: s.slot, state: s.state, file: s.file, since: s.since, late: s.late ?? false,
                                     notes: (s.superseded ?? []).map { "superseded: \($0.file) (\($0.reason))" }
                                         + (s.quarantined ?? []).map { "quarantined: \($0.file) (\($0.reason))" })
        }
        return context
    }
}
