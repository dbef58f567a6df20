import Foundation
import Results

/// Applies the rule catalogue to a results model, each rule after those whose findings it reads
/// (`RuleCatalogue`), and returns the findings sorted for the log. Pure: no I/O, values in, values out.
public struct Reconciler: Sendable {
    public let settings: ReconcileSettings

    public init(settings: ReconcileSettings = ReconcileSettings()) {
        self.settings = settings
    }

    /// What the rules produce: findings in log order, notes (``Note/Kind/notReconciled``), and the bureau
    /// totals FIN-004 compared.
    public struct Outcome: Sendable {
        public var findings: [Finding]
        public var notes: [Note]
        public var bureauTotals: [BureauTotal]
        /// What each rule evaluated and could not, one entry per catalogue entry in catalogue order.
        public var coverage: [Coverage]

        /// The scopes some rule could not evaluate, rule by rule.
        public var notChecked: [Coverage] { coverage.filter { !$0.isComplete } }
    }

    /// `threads` > 1 applies the catalogue's independent groups of rules (`RuleCatalogue.groups`) on
    /// that many threads at once, each group on a run of its own, and merges their output into
    /// exactly what one run gives (issue 11); 1 applies the catalogue on one run.
    public func reconcile(_ model: ResultsModel, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> Outcome {
        let ledger = Ledger(model: model, years: settings.years, threads: threads)
        if threads > 1, let merged = concurrently(model, ledger: ledger, threads: threads) {
            // The ledger freed on another thread while this one sorts the findings for the log
            // (issue 11: 8.6 M instructions at K = 58, on the run's one path between the rules and
            // the outputs).
            LetGo.offThePath(consume ledger)
            return outcome(sorted: Finding.sortedForLog(merged.findings), notes: merged.notes, bureauTotals: merged.bureauTotals,
                           coverage: merged.coverage)
        }
        var run = RuleRun(model: model, settings: settings, ledger: ledger)
        for rule in RuleCatalogue.ordered { rule.apply(to: &run) }
        return outcome(sorted: Finding.sortedForLog(run.findings), notes: run.notes, bureauTotals: run.bureauTotals, coverage: run.coverage)
    }

    /// The groups of rules applied at once, the largest groups started first; nil when their
    /// output cannot be merged (`GroupRun.merge`).
    private func concurrently(_ model: ResultsModel, ledger: Ledger, threads: Int)
        -> (findings: [Finding], notes: [Note], bureauTotals: [BureauTotal], coverage: [RuleID: Coverage])? {
        let groups = RuleCatalogue.groups, rules = RuleCatalogue.ordered, settings = settings
        guard groups.count > 1 else { return nil }
        let order: [Int] = groups.indices.sorted { (a: Int, b: Int) -> Bool in
            let x = groups[a].count, y = groups[b].count
            return x != y ? x > y : a < b
        }
        let parts = ParallelWork.map(groups.count, order: order, threads: threads) { g in
            GroupRun(groups[g].map { rules[$0] }, model: model, settings: settings, ledger: ledger)
        }
        return GroupRun.merge(parts, groups: groups)
    }

    /// - Parameter sorted: the findings in the log's order (``Finding/sortedForLog(_:)``).
    private func outcome(sorted: [Finding], notes: [Note], bureauTotals: [BureauTotal], coverage: [RuleID: Coverage]) -> Outcome {
        // A rule with nothing narrower to report checked the whole run.
        let coverage = RuleID.allCases.map { rule in coverage[rule] ?? Coverage(rule: rule, evaluated: [.run]) }
        return Outcome(findings: sorted, notes: notes, bureauTotals: bureauTotals, coverage: coverage)
    }
}

/// The state of one reconciliation: the model, its indexes and the findings so far.
struct RuleRun {
    let model: ResultsModel
    let settings: ReconcileSettings
    let ledger: Ledger
    var findings: [Finding] = []
    var notes: [Note] = []
    var bureauTotals: [BureauTotal] = []
    /// What each rule evaluated and could not (`RuleRun+Coverage.swift`).
    var coverage: [RuleID: Coverage] = [:]
    /// Every entry of `coverage`'s lists, to find one without scanning them.
    var coverageRecorded = Set<CoverageEntry>()

    // Facts rules leave for the rules that read them (see each rule's `reads`).
    /// FIN-007: the (output, year) pairs it explains, and the cells behind each per-cell finding.
    var unitCovered = Set<Ledger.Key>()
    var unitErrorCells: [CellSource: Finding.ID] = [:]
    /// FIN-010: the pairs it explains and its class disagreements (not the notes-based ones).
    var classCovered = Set<Ledger.Key>()
    var classFindings: [Finding.ID] = []
    /// FIN-006: the stated biennium cells it flagged.
    var bienniumErrorCells: [CellSource: Finding.ID] = [:]

    private var usedIDs: [Finding.ID: Int] = [:]
    /// Bureaus whose operational plan arrived.
    let bureausPresent: Set<Bureau>
    var tolerances: Tolerances { settings.tolerances }

    /// A run on the ledger built from `model` (the groups of rules applied at once share one).
    init(model: ResultsModel, settings: ReconcileSettings, ledger: Ledger) {
        self.model = model
        self.settings = settings
        self.ledger = ledger
        bureausPresent = Set(model.submissions.filter { $0.kind == .operationalPlan }.compactMap(\.bureau))
    }

    /// Adds findings, appending `#2`, `#3`, … to an id already used.
    mutating func emit(_ new: [Finding]) {
        for finding in new { emit(finding) }
    }

    mutating func emit(_ finding: Finding) {
        var finding = finding
        let count = usedIDs[finding.id, default: 0] + 1
        usedIDs[finding.id] = count
        if finding.id.occurrence != count { finding.id.occurrence = count }
        findings.append(finding)
    }

    /// The findings of one rule so far.
    func findings(of rule: RuleID) -> [Finding] { findings.filter { $0.rule == rule } }

    /// caused_by order: catalogue order of the rule, then scalar order of the id.
    static func causeOrder(_ ids: [Finding.ID]) -> [Finding.ID] {
        // Each id's text made once, not at every comparison (issue 11).
        Array(Set(ids)).map { (id: $0, text: $0.description) }.sorted {
            if $0.id.rule != $1.id.rule { return $0.id.rule < $1.id.rule }
            return NaturalOrder.scalarLess($0.text, $1.text)
        }.map(\.id)
    }
}
