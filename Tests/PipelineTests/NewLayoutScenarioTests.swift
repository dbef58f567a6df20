import Foundation
@testable import Pipeline
import Results
import TestSupport
import Testing

/// The `new-layout` scenario (fixtures/generate_new_layout.py): TSB's plan with three headers no
/// alias matches and a framework whose Outputs sheet is missing. Every column and rule is accounted for.
@Suite struct NewLayoutScenarioTests {
    static let pipeline = Fixtures.path("fixtures/scenarios/new-layout/pipeline.yaml")
    static let inbox = Fixtures.path("fixtures/scenarios/new-layout/inbox")

    @Test func checkReportsTheUnmatchedHeadersOfTSBsPlan() throws {
        let report = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [Self.inbox + "/OP_TSB_2022-2025_v3.xlsx"])
        let place = "sources[2].tables[0].fields (source 'operational plans', table 'allocations')"
        #expect(Check.render(report) == """
            OP_TSB_2022-2025_v3.xlsx: OP, bureau TSB
              recognised: the file name matches 'OP_*.xlsx' of source 'operational plans'
              bureau from: the file name (bureau.fileName)
              sheet 'Plan opérationnel' → allocations, header row 4
                A  'Objectif stratégique' → ignored: no alias of table 'allocations' matches 'objectif strategique'; probably objective: add `objective: ["Objectif stratégique"]` to the table's fields
                B  'Produit' → output [alias 'produit']
                C  'Intitulé de l'extrant' → ignored: no alias of table 'allocations' matches 'intitule de l extrant'; probably title: add `title: ["Intitulé de l'extrant"]` to the table's fields
                D  'Activités principales' → activities [alias 'activites principales']
                E  'Coût prévu 2022 (kCHF)' → amount 2022, kCHF (from the header) [alias 'cout prevu']
                F  'Coût prévu 2023 (kCHF)' → amount 2023, kCHF (from the header) [alias 'cout prevu']
                G  'ETP prévus' → ignored: no alias of table 'allocations' matches 'etp prevus'; probably fte: add `fte: ["ETP prévus"]` to the table's fields
                H  'Priorité' → priority [alias 'priorite']
                I  'Source de financement' → funding [alias 'source de financement']
                J  'Remarques' → notes [alias 'remarques']
                rows: 6 read = 5 loaded + 1 skipped + 0 rejected
                rules will miss: fte (FIN-009), staff/non-staff split (FIN-008, FIN-009)
              warning: OP_TSB_2022-2025_v3.xlsx!Plan opérationnel!A4: column A 'Objectif stratégique' matched no alias and was not read; it is probably 'objective': add `objective: ["Objectif stratégique"]` under \(place)
              warning: OP_TSB_2022-2025_v3.xlsx!Plan opérationnel!C4: column C 'Intitulé de l'extrant' matched no alias and was not read; it is probably 'title': add `title: ["Intitulé de l'extrant"]` under \(place)
              warning: OP_TSB_2022-2025_v3.xlsx!Plan opérationnel!G4: column G 'ETP prévus' matched no alias and was not read; it is probably 'fte' (read by FIN-009): add `fte: ["ETP prévus"]` under \(place)
            incomplete: 1 of 1 files lack a table or a field the rules need
            """)
    }

    @Test func theRunNamesWhatItCouldNotCheck() throws {
        let work = Fixtures.temporaryDirectory("rbm-new-layout")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Self.inbox, toPath: inbox.path)
        let report = try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                                 keepInputs: true)).run()
        #expect(report.findings.filter { $0.rule == .dat003 }.map(\.id.description) == ["DAT-003/RF/Outputs/code"])
        #expect(report.findings.filter { $0.rule == .rf005 }.isEmpty)
        let tsb = try #require(report.manifest.inputs.first { $0.file == "OP_TSB_2022-2025_v3.xlsx" }?.sheets.first)
        #expect(tsb.columns.filter { $0.role == .ignored }.map(\.probably) == ["objective", "title", "fte"])
        #expect(report.model.notes.filter { $0.kind == .unmappedColumn }.map { $0.source?.cell } == ["A4", "C4", "G4"])
        let fin009 = try #require(report.manifest.coverage?["FIN-009"])
        #expect(fin009.evaluated == ["GS"])
        #expect(fin009.skipped?.first { $0.scope == "TSB" }?.reason == "no fte column in OP_TSB_2022-2025_v3.xlsx!Plan opérationnel")
        #expect(report.manifest.coverage?["RF-005"]?.skipped?.first?.causedBy == ["DAT-003/RF/Outputs/code"])
        #expect(Summary.render(report).contains("sheets: 12 loaded, 1 skipped; columns: 96 read, 3 ignored"))
    }
}
