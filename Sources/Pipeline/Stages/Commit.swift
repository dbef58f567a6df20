import Foundation
import XLSXCore
import Results

extension BatchRun {
    /// The manifest from the stages' values, but for what only writing tells (`outputs`,
    /// `failedOutputs`); `stages` as far as `clock` has them.
    func manifest(_ selection: Selection, _ reconciled: Reconciled, discovery: Inbox.Discovery, clock: StageClock,
                  _ context: ManifestContext) -> Manifest {
        let findings = reconciled.outcome.findings, settings = reconciled.settings
        var byRule: [String: [String: Int]] = [:]
        for f in findings { byRule[f.rule.rawValue, default: [:]][f.severity.rawValue, default: 0] += 1 }
        let bySeverity = Dictionary(uniqueKeysWithValues: Self.severityCounts(findings).map { ($0.key.rawValue, $0.value) })
        var manifest = Manifest(
            rbmVersion: Self.version, pipeline: context.pipelineName,
            pipelineSHA256: context.pipelineSHA256,
            tolerances: Dictionary(uniqueKeysWithValues: Tolerances.keys.map { ($0.name, settings.tolerances[$0].plainText) }),
            rules: ["costRecoveryOverrun": settings.costRecoveryOverrun.rawValue],
            startedAt: UTCText.dateTime(clock.start.timeIntervalSince1970), inputs: selection.inputs.map { $0.record(keepInputs: options.keepInputs) },
            leftInInbox: discovery.unsettled.map(\.lastPathComponent), findings: byRule, findingsBySeverity: bySeverity,
            rootCauses: findings.filter { $0.causedBy.isEmpty }.count, coverage: Manifest.coverageBlock(reconciled.outcome.coverage), notes: reconciled.model.notes.map(\.manifestLine), stages: clock.stages,
            outputs: ["manifest.json"], failedOutputs: nil)
        manifest.batch = options.keepInputs ? nil : context.batch
        manifest.recordChanges(reconciled.memory)
        manifest.completeness = completeness(selection, reconciled, deadline: context.deadline, startedAt: clock.start)
        return manifest
    }

    /// The manifest built and encoded on a thread of its own while the outputs are written
    /// (issue 11: about 16 M instructions at K = 58, most of it Foundation's encoder on the
    /// inputs' sheet and column accounts and the rules' coverage, which the run's one thread
    /// spent between its outputs and filing its inputs away); the commit puts in what writing
    /// told (``ManifestJSON/completed(_:draft:)``). Nil when it could not be encoded:
    /// the commit then encodes the manifest itself.
    func draftManifest(_ selection: Selection, _ reconciled: Reconciled, discovery: Inbox.Discovery, clock: StageClock,
                       _ setup: RunSetup) -> Background<DraftManifest?> {
        // The setup's values, not the setup: its release removes the run's scratch folder, which
        // must not wait for this thread to let go of it (the kill harness, seed 2043: a scratch
        // folder left behind when the run ended while this thread still held it).
        struct Draft: @unchecked Sendable {
            let run: BatchRun, selection: Selection, reconciled: Reconciled, discovery: Inbox.Discovery, clock: StageClock, context: ManifestContext
        }
        let draft = Draft(run: self, selection: selection, reconciled: reconciled, discovery: discovery, clock: clock, context: ManifestContext(setup))
        return Background {
            try? DraftManifest(draft.run.manifest(draft.selection, draft.reconciled, discovery: draft.discovery, clock: draft.clock, draft.context))
        }
    }

    /// Builds the manifest from the stages' values (or completes `draft`, ``draftManifest``) and
    /// writes it: the run's commit point. Inputs are moved only after it is on disk.
    func commit(_ selection: Selection, _ reconciled: Reconciled, _ written: Written, discovery: Inbox.Discovery, clock: StageClock,
                _ setup: RunSetup, draft: DraftManifest? = nil) throws -> CommittedManifest {
        let failed = written.failedOutputs
        var manifest = draft?.manifest ?? self.manifest(selection, reconciled, discovery: discovery, clock: clock, ManifestContext(setup))
        manifest.stages = clock.stages
        manifest.outputs = written.published + ["manifest.json"]
        manifest.failedOutputs = failed.isEmpty ? nil : failed
        do {
            setup.steps.step()
            let committed = try CommittedManifest(manifest, draft: draft)
            try committed.write(to: setup.output)
            return committed
        } catch {
            throw EnvironmentFault(folder: setup.output, action: "write manifest.json (the run's commit point)", error: error, consequence: Self.nothingMoved)
        }
    }

    /// The findings counted by severity (the severities present only): the manifest's
    /// `findingsBySeverity` and the history's run row count the same.
    static func severityCounts(_ findings: [Finding]) -> [Severity: Int] {
        findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
    }

    /// Rewrites the manifest with the time filing away took (the inputs are filed by then).
    func recordStages(_ committed: inout CommittedManifest, clock: StageClock, _ setup: RunSetup) throws {
        do {
            setup.steps.step()
            try committed.setStages(clock.stages)
            try committed.write(to: setup.output)
        } catch {
            throw EnvironmentFault(folder: setup.output, action: "rewrite manifest.json with the time of filing away", error: error,
                                   consequence: "the inputs are filed away; the manifest written before filing them stands")
        }
    }
}

/// The manifest as the commit wrote it, and its bytes (`ManifestJSON`), kept together so that
/// the rewrite with the time of filing away changes only the stages in the bytes.
struct CommittedManifest {
    private(set) var manifest: Manifest
    private(set) var json: Data
    /// Where the stages' value lies in `json` (offsets), when known without a search.
    private var stagesRange: Range<Int>?

    /// - Parameter draft: the same manifest encoded but for its outputs and stages, if any.
    init(_ manifest: Manifest, draft: DraftManifest? = nil) throws {
        self.manifest = manifest
        if let draft {
            (json, stagesRange) = try ManifestJSON.completed(manifest, draft: draft)
        } else {
            json = try ManifestJSON.encode(manifest)
        }
    }

    /// The manifest with `stages`, its bytes changed only there: at the place the commit left
    /// them, else where a search finds them (``ManifestJSON/restaged(_:encoded:stagesThen:)``).
    mutating func setStages(_ stages: [String: Double]) throws {
        let then = manifest.stages
        manifest.stages = stages
        if let range = stagesRange, let replaced = try ManifestJSON.replacing(range, then: then, now: stages, in: json) {
            (json, stagesRange) = (replaced.data, replaced.range)
        } else {
            json = try ManifestJSON.restaged(manifest, encoded: json, stagesThen: then)
            stagesRange = nil
        }
    }

    /// Writes `manifest.json` in `folder`, durably.
    func write(to folder: URL) throws {
        try DurableFile.write(json, to: folder.appendingPathComponent("manifest.json"))
    }
}

/// The manifest as the commit will write it but for its outputs and stages, its bytes and where
/// those two values lie in them (``BatchRun/draftManifest(_:_:discovery:clock:_:)``).
struct DraftManifest: Sendable {
    let manifest: Manifest
    let json: Data
    /// The places (offsets in `json`) of the `outputs` and `stages` values; nil when not found.
    let outputs: Range<Int>?, stages: Range<Int>?

    /// Encodes `manifest` and finds its outputs and stages in the bytes.
    init(_ manifest: Manifest) throws {
        self.manifest = manifest
        json = try ManifestJSON.encode(manifest)
        outputs = try ManifestJSON.valueRange(of: "outputs", as: manifest.outputs, in: json)
        stages = try ManifestJSON.valueRange(of: "stages", as: manifest.stages, in: json)
    }
}

/// What the manifest takes from the run's setup, as values.
struct ManifestContext: Sendable {
    let pipelineName: String
    let pipelineSHA256: String
    let batch: String
    /// The plan's deadline (`plan.deadline`), for the completeness matrix.
    let deadline: String?

    init(_ setup: RunSetup) {
        pipelineName = setup.pipelineName
        pipelineSHA256 = setup.pipelineSHA256
        batch = setup.batch
        deadline = setup.pipeline.plan.deadline
    }
}
