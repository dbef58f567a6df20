import Foundation
import Reconcile
import Reports
import Results

/// The reconciled run: the model (with the rules' notes) and what the rules gave.
struct Reconciled {
    var model: ResultsModel
    var outcome: Reconciler.Outcome
    var settings: ReconcileSettings
    /// The run's date (the newest input), for the outputs.
    var runDate: Date?
    /// Every input with its fate: the workbooks reconciled are handed back marked (`feedback/`).
    var inputs: [Intake] = []
    /// The history's view of the findings (`recall`, Stages/Record.swift); nil until recalled.
    var memory: RunMemory? = nil
    /// The findings' log texts in the reports' language, statuses included, and the results
    /// chain: made by `recall` beside its look into the history (issue 11), for every output and
    /// the page; nil until recalled (the outputs then make them).
    var log: LogText? = nil
    var chain: ResultsChain? = nil
}

extension BatchRun {
    /// Applies the rule catalogue to the selected model (pure: no I/O).
    func reconcile(_ selection: Selection, _ setup: RunSetup) -> Reconciled {
        var settings = setup.pipeline.reconcileSettings
        settings.inboxName = setup.inbox.folder.lastPathComponent   // SUB-001 cites the inbox this run used
        var model = selection.model
        let outcome = Reconciler(settings: settings).reconcile(model)
        model.notes += outcome.notes
        return Reconciled(model: model, outcome: outcome, settings: settings, runDate: selection.newestInput, inputs: selection.inputs)
    }
}
