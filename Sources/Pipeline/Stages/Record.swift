import Foundation
import XLSXCore
import History
import Reports
import Results

/// What the drop folder's history says about this run, before its outputs are written: each
/// finding's status against the previous committed run of the same pipeline, the findings that
/// run had and this one has not, and the acknowledgements as they applied.
struct RunMemory {
    /// The drop folder's history, read-only (nil while the folder has none: `record` creates it).
    var history: RunHistory?
    var previous: RunRecord?
    var comparison: RunComparison
    var acknowledgements: [AcknowledgementRecord]
    var inputs: [InputRecord]

    /// Counted without a filtered copy of the rows (issue 11: four copies of 2,157 rows at K = 58).
    func count(_ status: FindingStatus) -> Int {
        var count = 0
        for finding in comparison.findings where finding.status == status.rawValue { count += 1 }
        return count
    }
}

/// The previous committed run as the history holds it (empty without a history or a previous run).
struct PastRuns {
    var history: RunHistory?
    var previous: RunRecord?
    var findings: [FindingRecord] = []
    var inputs: [InputRecord] = []
    var seen: Set<String> = []
}

/// One of `recall`'s independent pieces of work.
private enum RecallPiece {
    /// Part of the findings: their log texts in the reports' language and their history rows.
    case part(LogText, [FindingRecord])
    case chain(ResultsChain)
    case past(PastRuns)
}

extension BatchRun {
    /// `history.sqlite` beside `archive/` and the inbox.
    static func historyURL(_ setup: RunSetup) -> URL {
        setup.inbox.archive.deletingLastPathComponent().appendingPathComponent(RunHistory.fileName)
    }

    /// Compares the reconciled findings with the previous committed run of the pipeline and applies
    /// `<pipeline>.acks.yaml`: each finding gets its status (`new`, `persisting`, `regressed`,
    /// `acknowledged`), reopened and unmatched acknowledgements become notes. Nothing is written,
    /// and a folder without a history gets none yet (every finding is `new`).
    /// - Throws: `PipelineError` for an acknowledgements file that does not parse; the history's
    ///   errors as an `EnvironmentFault` (nothing has been written yet).
    func recall(_ reconciled: Reconciled, _ selection: Selection, _ setup: RunSetup) throws -> Reconciled {
        let acks = try Acknowledgements.load(forPipeline: setup.pipelinePath)
        let url = Self.historyURL(setup)
        let findings = reconciled.outcome.findings
        // The findings' texts and rows (the list in three parts), the results chain and the look
        // back into the history are independent: on every core at once (issue 11). The history
        // keeps each message in English: the log's own when the reports are in English. A folder
        // without a history has nothing to look back on, so the rest takes both cores.
        let language = reportLanguage(setup)
        func part(_ findings: ArraySlice<Finding>) -> RecallPiece {
            let log = LogText(findings, language: language)
            let rows = findings.indices.map { i in
                let n = i - findings.startIndex
                guard language == .en else { return FindingRecord(findings[i], message: LogColumn.message.text(findings[i])) }
                // The log's English texts are the history's (HistoryRowTextsTests compares both).
                return FindingRecord(findings[i], message: log.text(n, .message),
                                     texts: .init(expected: log.text(n, .expected), actual: log.text(n, .actual), delta: log.text(n, .delta),
                                                  sources: log.text(n, .sources), causedBy: log.text(n, .causedBy)))
            }
            return .part(log, rows)
        }
        // The texts in three parts, so that two cores finish together: the chain costs about as
        // much as a third of the texts (at K = 58, 26 M instructions against 73 M), and the two
        // halves with the chain left one core with 59 M and the other with 40 M (issue 11).
        let third = findings.count / 3
        let pieces = ConcurrentRender.run([
            { .past(try Self.lookBack(at: url, pipeline: setup.pipelineName, findings: findings)) },
            { .chain(ResultsChain(model: reconciled.model, findings: findings, years: reconciled.settings.years, envelope: reconciled.settings.envelope)) },
            { part(findings[..<third]) },
            { part(findings[third..<2 * third]) },
            { part(findings[(2 * third)...]) },
        ] as [() throws -> RecallPiece])
        var rows: [FindingRecord] = [], past = PastRuns(), texts: [LogText] = [], chain: ResultsChain?
        rows.reserveCapacity(findings.count)
        for piece in pieces {
            let value: RecallPiece
            do { value = try piece.get() } catch {
                throw EnvironmentFault(folder: url.deletingLastPathComponent(), action: "read the run history (\(RunHistory.fileName))", error: error,
                                       consequence: Self.nothingMoved)
            }
            switch value {
            case .part(let text, let r):   // the parts come back in order
                texts.append(text)
                rows += r
            case .chain(let made): chain = made
            case .past(let p): past = p
            }
        }
        let (history, previous) = (past.history, past.previous)
        let inputs = selection.inputs.map {
            InputRecord(file: $0.file, sha256: $0.sha256, size: $0.size, kind: $0.kind?.rawValue, bureau: $0.bureau?.rawValue, fate: $0.fate.rawValue, reason: $0.reason)
        }
        var comparison = RunComparison(current: rows, currentInputs: inputs, previous: past.findings, previousInputs: past.inputs,
                                       previousRunID: previous?.id, seenEarlier: past.seen)
        var marked = findings
        Self.setStatuses(&marked, from: comparison.findings)
        let today = Self.isoDay(Date())
        let applied = acks.apply(to: marked, today: today)
        let acknowledged = Set(applied.findings.filter { $0.status == .acknowledged }.map(\.idText))
        for i in comparison.findings.indices where acknowledged.contains(comparison.findings[i].id) { comparison.findings[i].status = FindingStatus.acknowledged.rawValue }
        var out = reconciled
        out.outcome.findings = applied.findings
        out.model.notes += applied.notes
        var log = LogText(concatenating: texts, language: language)
        log.restate(statuses: applied.findings)   // worded before the history and the acknowledgements set them
        out.log = log
        out.chain = chain
        out.memory = RunMemory(history: history, previous: previous, comparison: comparison, acknowledgements: applied.records, inputs: inputs)
        return out
    }

    /// Sets each finding's status from its row in the comparison (`new`, `persisting`,
    /// `regressed`). The rows come in the findings' order (they were made from them): matched by
    /// place when every id agrees, else by id (issue 11: a dictionary of 2,157 ids, 2.2 M
    /// instructions at K = 58, on the run's one thread).
    static func setStatuses(_ findings: inout [Finding], from rows: [FindingRecord]) {
        if rows.count == findings.count, rows.indices.allSatisfy({ rows[$0].id == findings[$0].idText }) {
            for i in findings.indices { findings[i].status = FindingStatus(rawValue: rows[i].status) }
            return
        }
        let statuses = Dictionary(rows.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        for i in findings.indices { findings[i].status = statuses[findings[i].idText].flatMap(FindingStatus.init(rawValue:)) }
    }

    /// What the history holds of the previous committed run of `pipeline`: nothing when the folder
    /// has no history yet (a history created only when a run is recorded: a run that stops before
    /// never leaves an empty one behind). `findings` are this run's, for those seen earlier (their
    /// ids looked up only when there is a run to look back on).
    static func lookBack(at url: URL, pipeline: String, findings: [Finding]) throws -> PastRuns {
        var past = PastRuns()
        past.history = try RunHistory.reading(at: url.path)
        past.previous = try past.history?.lastRun(pipeline: pipeline)
        if let history = past.history, let id = past.previous?.id {
            past.findings = try history.findings(run: id)
            past.inputs = try history.inputs(run: id)
            past.seen = try history.seenBefore(Set(findings.map(\.idText)), pipeline: pipeline, before: id)
        }
        return past
    }

    /// Prepares the run's record in the drop folder's history, to be written as soon as a core
    /// falls idle while the outputs are written (``PendingRecord``, issue 11): every row inserted
    /// in a transaction that ``record(_:_:_:_:)`` commits once the run has committed, and that is
    /// rolled back if the run stops before. A
    /// folder without a history gets it in a hidden file beside it (`.history-<batch>.sqlite`),
    /// renamed into place once committed, so a run that stops never leaves an empty history behind
    /// (a stopped run's file is swept by the next run, ``Inbox/sweepDebris(outputs:)``). Nil for a
    /// `--keep-inputs` run: it files nothing away, so the folder's state does not move.
    func beginRecord(_ selection: Selection, _ reconciled: Reconciled, _ setup: RunSetup, startedAt: Date, target: HistoryTarget?) -> RecordAhead? {
        guard let target, let memory = reconciled.memory else { return nil }
        let findings = reconciled.outcome.findings, bySeverity = Self.severityCounts(findings)
        // When the run ended and its exit code are set by the commit.
        let run = RunRecord(pipeline: setup.pipelineName, pipelineSHA256: setup.pipelineSHA256, rbmVersion: Self.version,
                            startedAt: UTCText.dateTime(startedAt.timeIntervalSince1970), endedAt: "", exitCode: 0,
                            inputs: selection.inputs.count, findings: findings.count, errors: bySeverity[.error, default: 0],
                            warnings: bySeverity[.warning, default: 0], infos: bySeverity[.info, default: 0],
                            new: memory.count(.new), persisting: memory.count(.persisting),
                            regressed: memory.count(.regressed), resolved: memory.comparison.resolved.count,
                            acknowledged: memory.count(.acknowledged), previousRunID: memory.previous?.id)
        // What no rule could check this run (issue 15), scope by scope, with why.
        let coverage = reconciled.outcome.coverage.flatMap { c in
            (c.skipped + c.limited).map { CoverageRecord(rule: c.rule.rawValue, scope: $0.scope.description, reason: $0.reason.description) }
        }
        let entry = RunHistory.Entry(run: run, inputs: memory.inputs, findings: memory.comparison.findings, resolved: memory.comparison.resolved,
                                     coverage: coverage, acknowledgements: memory.acknowledgements)
        return RecordAhead(pending: PendingRecord(opening: target.opening, entry: entry), history: target.history, fresh: target.fresh)
    }

    /// Where the run's record goes, the history opened there from now on, on a thread of its own
    /// (``HistoryOpening``): `history.sqlite`, or for a folder without a history a hidden file
    /// beside it that becomes `history.sqlite` once committed (``beginRecord``). Nil for a
    /// `--keep-inputs` run, which records nothing.
    func openHistory(_ setup: RunSetup) -> HistoryTarget? {
        guard !options.keepInputs else { return nil }
        let url = Self.historyURL(setup)
        let fresh = FileManager.default.fileExists(atPath: url.path)
            ? nil : url.deletingLastPathComponent().appendingPathComponent(RecordAhead.freshPrefix + setup.batch + ".sqlite")
        return HistoryTarget(history: url, fresh: fresh, opening: HistoryOpening(path: (fresh ?? url).path))
    }

    /// Records the committed run in the drop folder's history, after its outputs, manifest and
    /// inputs are committed: commits what ``beginRecord(_:_:_:startedAt:)`` wrote, with when the
    /// run ended and its exit code.
    /// - Throws: `EnvironmentFault` when the history cannot be written (the run itself stands).
    func record(_ report: Report, _ ahead: RecordAhead?, _ reconciled: Reconciled, _ setup: RunSetup) throws {
        guard let ahead else { return }
        setup.steps.step()
        do {
            // `recall` read the history through a read-only connection: closed first, so that the
            // writer's close, the last, checkpoints the `-wal` file into the database and removes it.
            try reconciled.memory?.history?.close()
            try ahead.commit(endedAt: UTCText.dateTime(Date().timeIntervalSince1970),
                             exitCode: Int(report.exitStatus(failingOn: options.failingSeverities)))
        } catch {
            throw EnvironmentFault(folder: Self.historyURL(setup).deletingLastPathComponent(), action: "record the run in \(RunHistory.fileName)", error: error,
                                   consequence: "the outputs, manifest.json and the inputs are committed; the history lacks this run, so the next run compares with the one before")
        }
    }

    /// `2026-12-05` (UTC): the day acknowledgements are judged on.
    static func isoDay(_ date: Date) -> String { UTCText.day(date.timeIntervalSince1970) }
}

extension Manifest {
    /// The manifest's account of what changed since the previous committed run.
    mutating func recordChanges(_ memory: RunMemory?) {
        guard let memory else { return }
        changes = Changes(previousRun: memory.previous?.id, previousRunStartedAt: memory.previous?.startedAt, new: memory.count(.new),
                          persisting: memory.count(.persisting), regressed: memory.count(.regressed),
                          resolved: memory.comparison.resolved.count, acknowledged: memory.count(.acknowledged))
        resolved = memory.comparison.resolved.map { ResolvedFinding(id: $0.id, severity: $0.severity, delta: $0.deltaText, why: $0.why) }
    }
}
