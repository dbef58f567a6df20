import Foundation
import Results

/// One run's findings against another's (normally the previous committed run of the same
/// pipeline): which are new, persisting, regressed, changed and resolved, and why each resolved
/// one went. Pure: the rows in, the rows out.
public struct RunComparison: Sendable {
    /// The findings of the later run with `status`, `firstSeenRun`, `runsSeen` and `deltaChange` set
    /// (`new`, `persisting` or `regressed`; acknowledgements are applied by the run, not here).
    public var findings: [FindingRecord]
    /// In the earlier run, not in the later one.
    public var resolved: [ResolvedRecord]
    /// Persisting findings whose delta or severity moved: (earlier, later).
    public var changed: [(before: FindingRecord, after: FindingRecord)]

    /// Compares `current` (the later run, not yet recorded when `currentRunID` is nil) with
    /// `previous`; `seenEarlier` holds the ids of `current` that some run before `previous` had
    /// (they are `regressed` when `previous` lacks them).
    public init(current: [FindingRecord], currentInputs: [InputRecord], currentRunID: Int64? = nil,
                previous: [FindingRecord], previousInputs: [InputRecord], previousRunID: Int64?, seenEarlier: Set<String>) {
        let before = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The later run's ids, only to tell what the earlier one had that it has not.
        let now = previous.isEmpty ? [] : Set(current.map(\.id))
        var changed: [(FindingRecord, FindingRecord)] = []
        findings = current.map { finding in
            var f = finding
            if let old = before[f.id] {
                f.status = "persisting"
                f.firstSeenRun = old.firstSeenRun ?? previousRunID
                f.runsSeen = old.runsSeen + 1
                if let a = old.delta, let b = f.delta { f.deltaChange = b - a }
                if old.deltaText != f.deltaText || old.severity != f.severity { changed.append((old, f)) }
            } else {
                f.status = seenEarlier.contains(f.id) ? "regressed" : "new"
                f.firstSeenRun = currentRunID
                f.runsSeen = 1
                f.deltaChange = nil
            }
            return f
        }
        self.changed = changed
        let why = Self.why(previousInputs: previousInputs, currentInputs: currentInputs)
        resolved = previous.filter { !now.contains($0.id) }.map { old in
            ResolvedRecord(id: old.id, rule: old.rule, severity: old.severity, bureau: old.bureau, delta: old.delta, deltaText: old.deltaText,
                           why: why(old), lastSeenRun: old.runID)
        }
    }

    /// Why a finding of the earlier run is gone: one of its workbooks was superseded in the later
    /// run, or a workbook it stood on (by its sources, or its bureau's operational plan) changed
    /// (arrived, was replaced, or is gone), or else the rule no longer fires on the same inputs (a
    /// changed pipeline file or rbm).
    static func why(previousInputs: [InputRecord], currentInputs: [InputRecord]) -> (FindingRecord) -> String {
        let previousByFile = Dictionary(previousInputs.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let superseded = Dictionary(currentInputs.filter { $0.fate == Fate.superseded.rawValue }.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        func reconciled(_ inputs: [InputRecord]) -> [String: InputRecord] {
            Dictionary(inputs.filter(\.isReconciled).map { ($0.slot, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let before = reconciled(previousInputs), after = reconciled(currentInputs)
        return { finding in
            let files = finding.sourceFiles
            if let file = files.first(where: { superseded[$0] != nil }) {
                return "superseded: \(file) (\(superseded[file]?.reason ?? "a later version arrived"))"
            }
            var slots = files.compactMap { previousByFile[$0]?.slot }
            if let bureau = finding.bureau { slots.append("OP/\(bureau)") }
            for slot in slots where before[slot]?.sha256 != after[slot]?.sha256 {
                switch (before[slot], after[slot]) {
                case (nil, let now?): return "input-changed: \(slot) arrived (\(now.file))"
                case (_?, nil): return "input-changed: \(slot) is no longer read"
                case (let was?, let now?): return "input-changed: \(slot) is now \(now.file) (was \(was.file))"
                case (nil, nil): continue
                }
            }
            return "rule-no-longer-fires"
        }
    }
}

extension RunHistory {
    /// `rbm diff`: the findings of run `to` against run `from` (any two runs, normally the last two).
    public func diff(from: Int64, to: Int64) throws -> RunComparison {
        let later = try findings(run: to), earlier = try findings(run: from)
        guard let run = try run(to) else { return RunComparison(current: [], currentInputs: [], previous: [], previousInputs: [], previousRunID: nil, seenEarlier: []) }
        let seen = try seenBefore(Set(later.map(\.id)), pipeline: run.pipeline, before: from)
        var comparison = RunComparison(current: later, currentInputs: try inputs(run: to), currentRunID: to, previous: earlier,
                                       previousInputs: try inputs(run: from), previousRunID: from, seenEarlier: seen)
        // The recorded reasons of the run itself are the ones it printed: keep them when `from` is its previous run.
        if run.previousRunID == from {
            let recorded = Dictionary(try resolved(run: to).map { ($0.id, $0.why) }, uniquingKeysWith: { a, _ in a })
            for i in comparison.resolved.indices { comparison.resolved[i].why = recorded[comparison.resolved[i].id] ?? comparison.resolved[i].why }
        }
        return comparison
    }
}
