import Foundation
import Testing
@testable import Reconcile
import Results

/// SUB-001: RF, FP and RR once, an OP per bureau; a refused file meant for the slot is named; the
/// absent bureau's FP line-years become "not reconciled" notes, not FIN-002 findings, and it gets no FIN-004.
@Suite struct SubmissionRuleTests {
    static let all: [Bureau] = [.br, .tsb, .bdt, .gs]

    /// A model with every workbook except those named.
    static func builder(without missing: [WorkbookKind], bureaus: [Bureau] = all) -> ModelBuilder {
        var b = ModelBuilder(bureaus: bureaus, withFramework: true)
        b.model.submissions.append(Submission(file: "RR.xlsx", kind: .riskRegister, bureau: nil, sheets: []))
        b.model.submissions.removeAll { missing.contains($0.kind) }
        return b
    }

    @Test func nothingIsMissing() {
        #expect(Self.builder(without: []).findings(of: .sub001) { $0.bureaus = Self.all }.isEmpty)
    }

    @Test(arguments: [
        (WorkbookKind.resultsFramework, nil as Bureau?, "SUB-001/RF"),
        (.financialPlan, nil, "SUB-001/FP"),
        (.riskRegister, nil, "SUB-001/RR"),
        (.operationalPlan, .bdt, "SUB-001/OP/BDT"),
        (.operationalPlan, .br, "SUB-001/OP/BR"),
    ])
    func eachMissingWorkbookIsOneFinding(kind: WorkbookKind, bureau: Bureau?, id: String) throws {
        let present = Self.all.filter { $0 != bureau }
        let b = Self.builder(without: bureau == nil ? [kind] : [], bureaus: present)
        let all = b.findings(of: .sub001) { $0.bureaus = Self.all }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.idText == id)
        #expect(f.id == Finding.ID(.sub001, [.kind(kind)] + (bureau.map { [.bureau($0)] } ?? [])))
        #expect(f.severity == .error && f.bureau == bureau && f.output == nil && f.period == .biennium(Biennium(2022, 2023)))
        #expect(f.expected == .term(.submissions(1)) && f.actual.text == "0" && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["inbox/"])
        #expect(f.causedBy == [])
        #expect(f.message == .missingSubmission(kind: kind, bureau: bureau, biennium: Biennium(2022, 2023), received: present.sorted(), refused: []))
    }

    /// issue 15: the source names the inbox the run used (its folder's name), not a fixed `inbox/`.
    @Test func theSourceIsTheRunsInbox() throws {
        let b = Self.builder(without: [], bureaus: [.br, .tsb, .gs])
        let f = try #require(b.findings(of: .sub001) { $0.bureaus = Self.all; $0.inboxName = "drop-2023" }.first)
        #expect(f.sourceTexts == ["drop-2023/"])
    }

    /// A workbook that arrived but was refused counts as missing, and the message names it and why;
    /// a refused file meant for another slot is not named here.
    @Test func aRefusedFileIsNamed() throws {
        var b = Self.builder(without: [], bureaus: [.br, .tsb, .gs])
        b.model.missed = [MissedWorkbook(file: "OP_BDT_2022-2025_v1.xlsx", reason: "not a workbook", kind: .operationalPlan, bureau: .bdt),
                          MissedWorkbook(file: "OP_GS_2022-2025_v1.xlsx", reason: "locked", kind: .operationalPlan, bureau: .gs)]
        let f = try #require(b.findings(of: .sub001) { $0.bureaus = Self.all }.first)
        #expect(f.idText == "SUB-001/OP/BDT")
        #expect(f.message == .missingSubmission(kind: .operationalPlan, bureau: .bdt, biennium: Biennium(2022, 2023), received: [.br, .gs, .tsb],
                                                refused: [Message.RefusedFile(file: "OP_BDT_2022-2025_v1.xlsx", reason: "not a workbook")]))
    }

    /// A file that matched no source counts for the missing workbook too, and is named with its reason.
    @Test func anUnrecognisedFileIsNamed() throws {
        var b = Self.builder(without: [.riskRegister])
        b.model.missed = [MissedWorkbook(file: "Risks 2022 final.xlsx", reason: "matches no source of the pipeline file")]
        let f = try #require(b.findings(of: .sub001) { $0.bureaus = Self.all }.first)
        #expect(f.idText == "SUB-001/RR")
        #expect(f.message == .missingSubmission(kind: .riskRegister, bureau: nil, biennium: Biennium(2022, 2023), received: Self.all.sorted(),
                                                refused: [Message.RefusedFile(file: "Risks 2022 final.xlsx", reason: "matches no source of the pipeline file")]))
    }

    /// The missing-bdt scenario's shape: BDT's FP line-years are "not reconciled" notes, one per
    /// non-zero line-year; no FIN-002 for them and no FIN-004 for BDT.
    @Test func theAbsentBureausLinesAreNotReconciled() {
        var b = Self.builder(without: [], bureaus: [.br])
        b.plan("R.1-1", total: [2022: 1_000_000, 2023: 1_000_000])
        b.line("R.1-1", [2022: 1_000_000, 2023: 1_000_000])
        b.line("D.2-2", bureau: .bdt, funding: "XB", [2022: 1_800_000, 2023: 1_900_000])
        b.line("D.1-1", bureau: .bdt, [2022: 2_000_000, 2023: 2_100_000])
        b.line("D.1-2", bureau: .bdt, category: "STAFF", [2022: 300_000, 2023: 400_000])
        let outcome = b.outcome { $0.bureaus = [.br, .bdt] }
        let notes = outcome.notes.filter { $0.kind == .notReconciled }
        #expect(notes.count == 6)
        for (output, year) in [("D.2-2", 2022), ("D.2-2", 2023), ("D.1-1", 2022), ("D.1-1", 2023), ("D.1-2", 2022), ("D.1-2", 2023)] {
            #expect(notes.contains { $0.text.hasPrefix("\(output)/\(year) (") }, "no note for \(output)/\(year)")
        }
        #expect(outcome.notes.count == notes.count)
        #expect(outcome.findings.filter { $0.rule == .fin002 }.isEmpty)
        #expect(outcome.findings.filter { $0.rule == .fin004 }.allSatisfy { $0.bureau != .bdt })
        #expect(outcome.findings.filter { $0.rule == .sub001 }.map(\.idText) == ["SUB-001/OP/BDT"])
        // A missing submission is a root cause for no other finding.
        #expect(outcome.findings.allSatisfy { $0.causedBy.allSatisfy { $0.rule != .sub001 } })
    }
}
