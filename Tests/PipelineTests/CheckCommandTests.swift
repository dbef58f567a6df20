import Foundation
@testable import Pipeline
import Results
import TestSupport
import Testing

/// `rbm check`: a dry run that says what every file, sheet, column and row became, and which
/// fields the rules will miss; it writes, moves and locks nothing.
@Suite struct CheckCommandTests {
    static let pipeline = Fixtures.path("pipelines/itu-2022-2023.yaml")
    static let inbox = Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox")

    @Test func aCompleteRiskRegisterIsPinnedLineByLine() throws {
        let report = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [Self.inbox + "/RR_ITU_2022-2023_v1.xlsx"])
        #expect(report.complete)
        #expect(Check.render(report) == """
            RR_ITU_2022-2023_v1.xlsx: RR
              recognised: the file name matches 'RR_*.xlsx' of source 'risk register'
              sheet 'Risk register' → risks, header row 4
                A  'Risk ID' → id [alias 'risk id']
                B  'Bureau' → bureau [alias 'bureau']
                C  'Risk description' → description [alias 'risk description']
                D  'Category' → category [alias 'category']
                E  'Linked objective' → objective [alias 'linked objective']
                F  'Linked output' → output [alias 'linked output']
                G  'Likelihood (1-5)' → likelihood [alias 'likelihood']
                H  'Impact (1-5)' → impact [alias 'impact']
                I  'Score' → score [alias 'score']
                J  'Risk owner' → owner [alias 'risk owner']
                K  'Mitigation measures' → mitigation [alias 'mitigation measures']
                L  'Status' → status [alias 'status']
                M  'Last review' → lastReview [alias 'last review']
                rows: 8 read = 8 loaded + 0 skipped + 0 rejected
            ok: every table loaded with every field the rules need (1 file)
            """)
    }

    @Test func anOperationalPlanSaysItsBureauUnitsAndWhatTheRulesWillMiss() throws {
        let report = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [Self.inbox + "/OP_BR_2022-2025_v2.xlsx"])
        #expect(!report.complete)
        let file = try #require(report.files.first)
        #expect(file.kind == .operationalPlan && file.bureau == .br && file.bureauFrom == "the file name (bureau.fileName)")
        #expect(file.sheets.first?.missing == [FieldGap(field: FieldGap.staffSplit, rules: [.fin008, .fin009])])
        let text = Check.render(report)
        #expect(text.contains("    E  'Planned cost 2022 (CHF)' → amount 2022, CHF (from the header) [alias 'planned cost']"))
        #expect(text.contains("    G  'Total 2022-2023' → biennium (stated biennium), CHF (from the title rows) [alias 'total']"))
        #expect(text.contains("    rules will miss: staff/non-staff split (FIN-008, FIN-009)"))
        #expect(text.hasSuffix("incomplete: 1 of 1 files lack a table or a field the rules need"))
    }

    @Test func rejectedRowsAreCountedAndTheFirstReasonsQuoted() throws {
        let work = Fixtures.temporaryDirectory("rbm-check")
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("OP_BR_2022-2025_v2.xlsx")
        try FileManager.default.copyItem(atPath: Self.inbox + "/OP_BR_2022-2025_v2.xlsx", toPath: file.path)
        try WorkbookEdit.replace(#"<c r="E6" s="2"><v>1240000</v>"#, with: #"<c r="E6" s="2"><v>1E+300</v>"#, in: "xl/worksheets/sheet1.xml", of: file.path)
        let report = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [file.path])
        let checked = try #require(report.files.first)
        #expect(checked.rejectedCount == 1 && checked.sheets.first?.rejected == 1)
        #expect(checked.rejected.first?.contains("beyond any plausible budget") == true, "\(checked.rejected)")
    }

    @Test func theCommandWritesMovesAndLocksNothingAndExitsOneWhenIncomplete() throws {
        let work = Fixtures.temporaryDirectory("rbm-check")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Self.inbox, toPath: inbox.path)
        let before = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        let inboxBefore = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        let (code, output) = try #require(try CommandLineTests.rbm(["check", Self.pipeline, "--inbox", inbox.path, "--format", "json"]))
        #expect(code == 1, "the demo's BR, TSB and BDT plans give no staff/non-staff split")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted() == inboxBefore)
        let report = try JSONDecoder().decode(Check.Report.self, from: Data(output.utf8))
        #expect(report.files.count == 7 && report.files.allSatisfy { $0.refused == nil })
        #expect(report.files.first { $0.file == "RR_ITU_2022-2023_v1.xlsx" }?.isComplete == true)

        let (rr, _) = try #require(try CommandLineTests.rbm(["check", Self.pipeline, inbox.appendingPathComponent("RR_ITU_2022-2023_v1.xlsx").path]))
        #expect(rr == 0)
    }
}
