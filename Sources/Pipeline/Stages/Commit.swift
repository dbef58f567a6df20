import Foundation
import Results

extension BatchRun {
    /// Builds the manifest from the stages' values and writes it: the run's commit point. Inputs
    /// are moved only after it is on disk.
    func commit(_ selection: Selection, _ reconciled: Reconciled, _ written: Written, discovery: Inbox.Discovery, clock: StageClock,
                _ setup: RunSetup) throws -> Manifest {
        let findings = reconciled.outcome.findings, settings = reconciled.settings
        var byRule: [String: [String: Int]] = [:]
        for f in findings { byRule[f.rule.rawValue, default: [:]][f.severity.rawValue, default: 0] += 1 }
        let bySeverity = Dictionary(uniqueKeysWithValues: Self.severityCounts(findings).map { ($0.key.rawValue, $0.value) })
        let failed = written.failedOutputs
        var manifest = Manifest(
            rbmVersion: Self.version, pipeline: setup.pipelineName,
            pipelineSHA256: setup.pipelineSHA256,
            tolerances: Dictionary(uniqueKeysWithValues: Tolerances.keys.map { ($0.name, settings.tolerances[$0].plainText) }),
            rules: ["costRecoveryOverrun": settings.costRecoveryOverrun.rawValue],
            startedAt: ISO8601DateFormatter().string(from: clock.start), inputs: selection.inputs.map { $0.record(keepInputs: options.keepInputs) },
            leftInInbox: discovery.unsettled.map(\.lastPathComponent), findings: byRule, findingsBySeverity: bySeverity,
            rootCauses: findings.filter { $0.causedBy.isEmpty }.count, coverage: Manifest.coverageBlock(reconciled.outcome.coverage), notes: reconciled.model.notes.map(\.manifestLine), stages: clock.stages,
            outputs: written.published + ["manifest.json"],
            failedOutputs: failed.isEmpty ? nil : failed)
        manifest.batch = options.keepInputs ? nil : setup.batch
        manifest.recordChanges(reconciled.memory)
        manifest.completeness = completeness(selection, reconciled, setup, startedAt: clock.start)
        do { try Self.writeManifest(manifest, to: setup.output, setup.steps) } catch {
            throw EnvironmentFault(folder: setup.output, action: "write manifest.json (the run's commit point)", error: error, consequence: Self.nothingMoved)
        }
        return manifest
    }

    /// The findings counted by severity (the severities present only): the manifest's
    /// `findingsBySeverity` and the history's run row count the same.
    static func severityCounts(_ findings: [Finding]) -> [Severity: Int] {
        findings.reduce(into: [:]) { $0[$1.severity, default: 0] += 1 }
    }

    /// Rewrites the manifest with the time filing away took (the inputs are filed by then).
    func recordStages(_ manifest: inout Manifest, clock: StageClock, _ setup: RunSetup) throws {
        manifest.stages = clock.stages
        do { try Self.writeManifest(manifest, to: setup.output, setup.steps) } catch {
            throw EnvironmentFault(folder: setup.output, action: "rewrite manifest.json with the time of filing away", error: error,
                                   consequence: "the inputs are filed away; the manifest written before filing them stands")
        }
    }

    static func writeManifest(_ manifest: Manifest, to folder: URL, _ steps: DurableSteps) throws {
        steps.step()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DurableFile.write(encoder.encode(manifest), to: folder.appendingPathComponent("manifest.json"))
    }
}
