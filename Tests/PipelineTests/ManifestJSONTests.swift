import Foundation
import Testing
@testable import Pipeline

/// The manifest rewritten with the time of filing away (`ManifestJSON.restaged`) is, byte for
/// byte, the manifest encoded whole, and the stages' object is put in place (not the whole
/// manifest encoded again) whenever the commit's bytes hold it where the encoder puts it.
@Suite struct ManifestJSONTests {
    static func manifest(stages: [String: Double], note: String = "a note") -> Manifest {
        Manifest(rbmVersion: "0.1.0", pipeline: "itu.yaml", pipelineSHA256: "ab12", tolerances: ["amount": "0.5 %"], rules: [:],
                 startedAt: "2026-12-07T15:00:00Z",
                 inputs: [.init(file: "FP \"v3\"\n.xlsx", sha256: "cd", size: 12, fate: .archived, reason: "stages")],
                 leftInInbox: ["late.xlsx"], findings: ["FIN-003": ["error": 2]], findingsBySeverity: ["error": 2], rootCauses: 1,
                 coverage: nil, notes: [note], stages: stages, outputs: ["consolidated.xlsx"],
                 failedOutputs: nil)
    }

    static let committed: [String: Double] = ["discover": 0.004, "read+normalise": 0.093, "reconcile": 0.061, "write": 0.098]

    @Test(arguments: [
        ["file away": 0.012],
        ["file away": 0],
        ["file away": 1234.5678, "zzz": 1e-06],
        [:],
    ] as [[String: Double]])
    func theSplicedManifestIsTheManifestEncodedWhole(added: [String: Double]) throws {
        for note in ["a note", "\n  \"stages\" : {\n    \"discover\" : 0.004", "stages"] {
            var manifest = Self.manifest(stages: Self.committed, note: note)
            let encoded = try ManifestJSON.encode(manifest)
            manifest.stages.merge(added) { _, new in new }
            let whole = try ManifestJSON.encode(manifest)
            #expect(try ManifestJSON.restaged(manifest, encoded: encoded, stagesThen: Self.committed) == whole)
            // The splice itself, not the fallback, gave it.
            #expect(try ManifestJSON.spliced(encoded, stagesThen: Self.committed, stagesNow: manifest.stages) == whole)
        }
    }

    @Test func bytesThatDoNotHoldTheStagesAsEncodedAreEncodedWhole() throws {
        var manifest = Self.manifest(stages: Self.committed)
        let encoded = try ManifestJSON.encode(manifest)
        manifest.stages["file away"] = 0.01
        // Told the wrong stages: the object is not found, so the manifest is encoded whole.
        let wrong = ["discover": 0.005]
        #expect(try ManifestJSON.spliced(encoded, stagesThen: wrong, stagesNow: manifest.stages) == nil)
        #expect(try ManifestJSON.restaged(manifest, encoded: encoded, stagesThen: wrong) == ManifestJSON.encode(manifest))
        // Bytes of something else: the same.
        let other = Data("{\n  \"stages\" : {\n\n  }\n}".utf8)
        #expect(try ManifestJSON.spliced(other, stagesThen: Self.committed, stagesNow: manifest.stages) == nil)
    }

    /// The commit's manifest completed from a draft encoded while the outputs were written
    /// (`ManifestJSON.completed`) is, byte for byte, the manifest encoded whole: outputs and stages
    /// put in place, empty arrays and objects elsewhere kept as the encoder writes them.
    @Test(arguments: [
        ["consolidated.xlsx", "discrepancies.csv", "feedback/BR-operational-plan.xlsx", "manifest.json"],
        ["manifest.json"],
        ["odd \"name\"\n.xlsx", "manifest.json"],
    ])
    func theCompletedDraftIsTheManifestEncodedWhole(outputs: [String]) throws {
        var draft = Self.manifest(stages: ["discover": 0.004, "read+normalise": 0.093, "reconcile": 0.061])
        draft.outputs = ["manifest.json"]
        draft.leftInInbox = []   // an empty array before `outputs`
        draft.rules = [:]        // an empty object after it
        let encoded = try DraftManifest(draft)
        #expect(encoded.outputs != nil && encoded.stages != nil)
        var manifest = draft
        manifest.outputs = outputs
        manifest.stages = Self.committed
        let whole = try ManifestJSON.encode(manifest)
        let completed = try ManifestJSON.completed(manifest, draft: encoded)
        #expect(completed.json == whole)
        // The places themselves, not the fallback, gave it, and the stages' place is right.
        let stages = try #require(completed.stages)
        #expect(try ManifestJSON.valueRange(of: "stages", as: manifest.stages, in: whole) == stages)
        // The rewrite with the time of filing away, at that place: the manifest encoded whole.
        var committed = try CommittedManifest(manifest, draft: encoded)
        var filed = manifest
        filed.stages["file away"] = 0.0125
        try committed.setStages(filed.stages)
        #expect(committed.json == (try ManifestJSON.encode(filed)))
        let spliced = try #require(try ManifestJSON.spliced(encoded.json, key: "outputs", then: draft.outputs, now: manifest.outputs))
        #expect(try ManifestJSON.spliced(spliced, key: "stages", then: draft.stages, now: manifest.stages) == whole)
        // An empty array put in as the encoder writes it.
        manifest.leftInInbox = ["late.xlsx"]
        let fuller = try ManifestJSON.encode(manifest)
        #expect(try ManifestJSON.spliced(fuller, key: "leftInInbox", then: manifest.leftInInbox, now: [String]())
            == (try { var m = manifest; m.leftInInbox = []; return try ManifestJSON.encode(m) }()))
    }

    @Test func failedOutputsOrAnotherDraftAreEncodedWhole() throws {
        let draft = Self.manifest(stages: ["discover": 0.004])
        let encoded = try DraftManifest(draft)
        var failed = draft
        failed.failedOutputs = ["discrepancies.html": "out of space"]
        failed.stages = Self.committed
        let whole = try ManifestJSON.completed(failed, draft: encoded)
        #expect(whole.json == (try ManifestJSON.encode(failed)) && whole.stages == nil)
        // Bytes of another manifest (other outputs than the draft says): found nowhere, encoded whole.
        var other = draft
        other.outputs = ["x.xlsx"]
        let otherBytes = try ManifestJSON.encode(other)
        var manifest = draft
        manifest.outputs = ["consolidated.xlsx", "manifest.json"]
        #expect(try ManifestJSON.spliced(otherBytes, key: "outputs", then: draft.outputs, now: manifest.outputs) == nil)
        #expect(try ManifestJSON.valueRange(of: "outputs", as: draft.outputs, in: otherBytes) == nil)
        // A place that does not hold what it should: nothing replaced.
        let stages = try #require(encoded.stages)
        #expect(try ManifestJSON.replacing(stages, then: ["discover": 0.005], now: Self.committed, in: encoded.json) == nil)
        #expect(try ManifestJSON.replacing(stages.lowerBound + 1..<stages.upperBound + 1, then: draft.stages, now: Self.committed, in: encoded.json) == nil)
    }
}
