import Foundation
import History
import Results

extension Manifest {
    /// One expected submission (a kind, and for operational plans a bureau of `plan.bureaus`) and
    /// what the drop folder holds for it: the manifest's `completeness` matrix.
    public struct Submission: Codable, Sendable {
        /// `RF`, `FP`, `RR`, `OP/BR`, …
        public var slot: String
        /// `received` (arrived this run and reconciled), `current` (accepted in an earlier run and
        /// reconciled again from `archive/`) or `missing`.
        public var state: SubmissionState
        /// The workbook reconciled for the slot.
        public var file: String?
        /// For `current`: when the run that accepted it started (from `history.sqlite`; absent when
        /// the history does not have it).
        public var since: String?
        /// For `received`: true when it arrived in a run that started after `plan.deadline`.
        public var late: Bool?
        /// Workbooks for the slot superseded in this run, with the reason (by which file).
        public var superseded: [Other]?
        /// Workbooks meant for the slot (by their names) quarantined in this run, with the reason.
        public var quarantined: [Other]?

        public struct Other: Codable, Sendable {
            public var file: String
            public var reason: String
        }
    }
}

extension BatchRun {
    /// The completeness matrix: every expected submission against what arrived (README, "Completeness").
    func completeness(_ selection: Selection, _ reconciled: Reconciled, _ setup: RunSetup, startedAt: Date) -> [Manifest.Submission] {
        completeness(selection, reconciled, deadline: setup.pipeline.plan.deadline, startedAt: startedAt)
    }

    /// - Parameter deadline: the plan's (`plan.deadline` in the pipeline file), `YYYY-MM-DD`.
    func completeness(_ selection: Selection, _ reconciled: Reconciled, deadline: String?, startedAt: Date) -> [Manifest.Submission] {
        let slots = [WorkbookKind.resultsFramework, .financialPlan, .riskRegister].map { SubmissionSlot($0) }
            + reconciled.settings.bureaus.map { SubmissionSlot(.operationalPlan, $0) }
        let day = Self.isoDay(startedAt)
        return slots.map { slot in
            let mine = selection.inputs.filter { $0.slot == slot }
            var entry = Manifest.Submission(slot: slot.description, state: .missing)
            if let received = mine.first(where: { $0.fate == .archived }) {
                entry.state = .received
                entry.file = received.file
                if let deadline { entry.late = day > deadline }
            } else if let current = mine.first(where: { $0.fate == .current }) {
                entry.state = .current
                entry.file = current.file
                entry.since = try? reconciled.memory?.history?.firstAccepted(sha256: current.sha256)
            }
            let superseded = mine.filter { $0.fate == .superseded }.map { Manifest.Submission.Other(file: $0.file, reason: $0.reason ?? "") }
            let quarantined = selection.model.missed.filter { SubmissionSlot(kind: $0.kind, bureau: $0.bureau) == slot }.map { Manifest.Submission.Other(file: $0.file, reason: $0.reason) }
            entry.superseded = superseded.isEmpty ? nil : superseded
            entry.quarantined = quarantined.isEmpty ? nil : quarantined
            return entry
        }
    }
}
