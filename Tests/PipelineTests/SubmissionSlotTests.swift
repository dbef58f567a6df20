import Foundation
import Results
import Testing
import TestSupport
@testable import Pipeline

/// A slot is a kind and, for an operational plan, a bureau; its text is what `current.json`, the
/// filing plan and the manifest have always written.
@Suite struct SubmissionSlotTests {
    @Test(arguments: [("RF", SubmissionSlot(.resultsFramework)), ("FP", SubmissionSlot(.financialPlan)),
                      ("RR", SubmissionSlot(.riskRegister)), ("OP/BR", SubmissionSlot(.operationalPlan, .br)),
                      ("OP/BDT", SubmissionSlot(.operationalPlan, .bdt))])
    func itsTextRoundTrips(text: String, slot: SubmissionSlot) throws {
        #expect(slot.description == text)
        #expect(SubmissionSlot(text) == slot)
        #expect(try JSONDecoder().decode(SubmissionSlot.self, from: JSONEncoder().encode(slot)) == slot)
    }

    @Test(arguments: ["", "?", "?/BR", "OP/", "OP/XX", "XX", "OP/BR/1", "op/br", "FP/"])
    func anyOtherTextIsNoSlot(text: String) {
        #expect(SubmissionSlot(text) == nil)
    }

    @Test func aWorkbookOfUnknownKindHasNoSlot() {
        #expect(SubmissionSlot(kind: nil, bureau: .br) == nil)
        #expect(SubmissionSlot(kind: .operationalPlan, bureau: .tsb) == SubmissionSlot(.operationalPlan, .tsb))
    }

    /// A `current.json` whose key names no slot is not half read: decoding fails, and `load` recovers
    /// the set from the archive with its warning.
    @Test func aCurrentSetWithAnUnknownSlotIsRecoveredLoudly() throws {
        let archive = Fixtures.scratch.appendingPathComponent("rbm-slot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: archive) }
        try Data(#"{"files": {"OP/BR": "OP_BR_v2.xlsx", "??": "x.xlsx"}}"#.utf8).write(to: archive.appendingPathComponent(CurrentSubmissions.name))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CurrentSubmissions.self, from: Data(contentsOf: archive.appendingPathComponent(CurrentSubmissions.name)))
        }
        let (current, warning) = CurrentSubmissions.load(from: archive) { _ in nil }
        #expect(current.files.isEmpty)
        #expect(warning?.kind == .currentSetRecovered)
        let good = CurrentSubmissions(files: [SubmissionSlot(.operationalPlan, .br): "b/OP_BR_v2.xlsx", SubmissionSlot(.financialPlan): "b/FP.xlsx"])
        let text = String(decoding: try JSONEncoder().encode(good), as: UTF8.self)
        #expect(text.contains(#""OP\/BR":"b\/OP_BR_v2.xlsx""#) || text.contains(#""OP/BR":"b/OP_BR_v2.xlsx""#))
        #expect(try JSONDecoder().decode(CurrentSubmissions.self, from: Data(text.utf8)).files == good.files)
    }
}
