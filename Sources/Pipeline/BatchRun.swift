import Foundation
import Normalise
import Reconcile
import Reports
import Results

/// One consolidation run, as typed stages each taking the previous one's value:
/// prepare → recover → discover and claim → load (read + normalise) → select (supersede, carry current) → reconcile →
/// write → commit (manifest) → file away. Each stage is a method in `Stages/`.
public struct BatchRun {
    public struct Options {
        public var pipelinePath: String
        public var inbox: String?
        public var output: String?
        /// Leave inputs where they are (the demo runs on a copy anyway; tests may want this).
        public var keepInputs = false
        /// Where each file is parsed: in a worker process (the command line's default), or in this
        /// process (library use and tests).
        public var worker: WorkerProcess?
        /// Where the run's scratch folder goes (workers' results): `$TMPDIR` unless set.
        var temporaryFolder: URL?
        /// Faults to suffer, for tests (the command line sets `crashAt` from `RBM_CRASH_AT`).
        public var faults = FaultPlan()
        /// The severities that make `rbm run` exit with 1 (`--fail-on`), for the exit code the history records.
        public var failingSeverities: Set<Severity> = [.error]
        /// The reports' language, over the pipeline file's `language:` (`--language`).
        public var language: Language?
        /// Where the run's timeline goes, when asked (`RBM_TRACE`, ``RunTrace``).
        public var trace = RunTrace(path: nil)

        public init(pipelinePath: String, inbox: String? = nil, output: String? = nil, keepInputs: Bool = false, worker: WorkerProcess? = nil) {
            self.pipelinePath = pipelinePath
            self.inbox = inbox
            self.output = output
            self.keepInputs = keepInputs
            self.worker = worker
        }
    }

    /// What the run produced, for the summary and the exit code.
    public struct Report {
        public var findings: [Finding]
        public var manifest: Manifest
        public var outputFolder: String
        public var model: ResultsModel
        /// What each rule evaluated and could not, in catalogue order (``Reconciler/Outcome/coverage``).
        public var coverage: [Coverage] = []
        /// Outputs that could not be rendered (name → error); the others were written. `rbm run`
        /// exits with 2 when there is one.
        public var failedOutputs: [String: String] { manifest.failedOutputs ?? [:] }

        /// `rbm run`'s exit status: 2 when an output could not be written (the run did not do its
        /// whole job, whatever it found), else 1 when a finding has one of `failing`'s severities and
        /// is not acknowledged, else 0.
        public func exitStatus(failingOn failing: Set<Severity>) -> Int32 {
            if !failedOutputs.isEmpty { return 2 }
            return findings.contains { failing.contains($0.severity) && $0.status != .acknowledged } ? 1 : 0
        }
    }

    public static let version = "0.1.0"
    let options: Options

    public init(options: Options) { self.options = options }

    public func run() throws -> Report {
        var clock = StageClock()
        let setup = try prepare()
        defer { withExtendedLifetime(setup) {} }   // the drop folder's lock and the scratch folder live as long as the run
        let takenBack = try recover(setup)
        let discovery: Inbox.Discovery, arrivals: Arrivals
        // The history the record goes into, opened while the files are read; closed here (and a
        // first history's hidden file removed) when the run stops before its record takes it over.
        var target: HistoryTarget?, recording = false
        defer { if !recording { target?.abandon() } }
        do {
            let attempts: ReadingAttempts
            (discovery, attempts) = try claim(setup.inbox.discover(), takenBack: takenBack, setup)
            clock.lap("discover")
            options.trace.mark(.claimed)
            target = openHistory(setup)
            arrivals = try load(discovery, attempts, setup)
        } catch {
            // The run stops by itself, for a cause it names (the machine's, as a worker that will
            // not start): no file it was reading took it down, so none is counted (ReadingAttempts).
            ReadingAttempts.markRead(in: setup.processing)
            throw error
        }
        let selection = try select(arrivals, setup)
        setup.retireWorkers()   // every file is read: the new ones by `load`, the current ones by `select`
        clock.lap("read+normalise")
        options.trace.mark(.read)
        let tables = beginConsolidated(selection, setup)   // the consolidated workbook's model sheets, while the rules run
        defer { _ = tables.value() }   // a run that stops before writing leaves no thread behind
        let reconciled = try recall(reconcile(selection, setup), selection, setup)
        options.trace.mark(.reconciledAndRecalled)
        clock.lap("reconcile")
        // The history's record is written from when the outputs leave a core idle (into the history
        // opened while the files were read), and committed after the run's commit and filing away.
        let ahead = beginRecord(selection, reconciled, setup, startedAt: clock.start, target: target)
        recording = ahead != nil
        defer { ahead?.abandon() }
        let pending = ahead?.pending
        let draft = draftManifest(selection, reconciled, discovery: discovery, clock: clock, setup)
        defer { _ = draft.value() }   // a run that stops while writing leaves no thread behind
        let written = try write(reconciled, page: pageContext(selection, reconciled, setup, startedAt: clock.start), startedAt: clock.start, setup,
                                tables: tables, whenACoreIsIdle: { pending?.start() })
        clock.lap("write")
        options.trace.mark(.written)
        var committed = try commit(selection, reconciled, written, discovery: discovery, clock: clock, setup, draft: draft.value())
        try writeFilingPlan(selection, setup)
        try fileAway(selection, setup)
        clock.lap("file away")
        options.trace.mark(.filedAway)
        try recordStages(&committed, clock: clock, setup)
        let report = Report(findings: reconciled.outcome.findings, manifest: committed.manifest, outputFolder: setup.output.path, model: reconciled.model,
                            coverage: reconciled.outcome.coverage)
        try record(report, ahead, reconciled, setup)
        options.trace.mark(.recorded)
        // The run's values freed on a thread of their own, not on the way out of this function
        // (issue 11: the model read, the one selected, the workbook's draft and the history's
        // rows freed here took 3.6 ms at K = 58 after the run was recorded; 0.2 ms now).
        LetGo.offThePath((consume reconciled, consume selection, consume arrivals, consume discovery, tables, written, committed, ahead, target))
        return report
    }
}

/// Times each stage of a run.
struct StageClock {
    let start = Date()
    private var last = Date()
    private(set) var stages: [String: Double] = [:]

    mutating func lap(_ name: String) {
        let now = Date()
        stages[name] = (now.timeIntervalSince(last) * 1000).rounded() / 1000
        last = now
    }
}
