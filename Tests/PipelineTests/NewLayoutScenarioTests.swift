import Foundation
@testable import Pipeline
import Results
import TestSupport
import Testing
import XLSXReader

/// The `new-layout` scenario (fixtures/generate_new_layout.py): TSB's plan with three headers no
/// alias matches, a framework whose Outputs sheet is missing, whose crosswalk gives T.5 no successor
/// and whose target code 2.3 is written with 17 digits, and a risk register with two risks under one
/// id. Every column, rule and row is accounted for.
@Suite struct NewLayoutScenarioTests {
    static let pipeline = Fixtures.path("fixtures/scenarios/new-layout/pipeline.yaml")
    static let inbox = Fixtures.path("fixtures/scenarios/new-layout/inbox")

    /// `rbm run` on a copy of the inbox (inputs kept); the folder is removed by the caller.
    static func run(_ work: URL) throws -> BatchRun.Report {
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Self.inbox, toPath: inbox.path)
        return try BatchRun(options: .init(pipelinePath: Self.pipeline, inbox: inbox.path, output: work.appendingPathComponent("out").path,
                                           keepInputs: true)).run()
    }

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

    /// The risk register's report: the conflicting duplicate is counted as rejected and named with its
    /// reason, so the dry run already shows what the run's Rejected rows sheet will list.
    @Test func checkNamesTheConflictingDuplicateOfTheRiskRegister() throws {
        let report = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [Self.inbox + "/RR_ITU_2022-2023_v1.xlsx"])
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
                rows: 8 read = 7 loaded + 0 skipped + 1 rejected
              rows rejected or not loaded: 1:
                RR_ITU_2022-2023_v1.xlsx!Risk register!A6: row 6 not loaded: it has the key RSK-BR-01 of row 5 with other values (DAT-001, a conflicting duplicate)
            ok: every table loaded with every field the rules need (1 file)
            """)
    }

    @Test func theRunNamesWhatItCouldNotCheck() throws {
        let work = Fixtures.temporaryDirectory("rbm-new-layout")
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try Self.run(work)
        #expect(report.findings.filter { $0.rule == .dat003 }.map(\.id.description) == ["DAT-003/RF/Outputs/code"])
        // The renamed sheet is named by what it holds: the framework's Outputs sheet, in French.
        #expect(report.findings.first { $0.rule == .dat003 }?.message.english.contains("Sheet 'Produits' has the outputs table's headers: set `sheet: \"Produits\"` under sources[0].tables[3]") == true)
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

    /// A crosswalk row whose `New code` is `—`: the objective was discontinued, so TSB's T.5-1 is an
    /// RF-003 error that names no code to re-code under (the demo's crosswalk maps T.5 → T.4: a warning).
    @Test func aCrosswalkRowWithoutSuccessorMakesRF003AnError() throws {
        let work = Fixtures.temporaryDirectory("rbm-new-layout-rf003")
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try Self.run(work)
        let t5 = try #require(report.model.crosswalk.first { $0.oldCode == "T.5" })
        #expect(t5.newCode == "—" && t5.successor == nil)
        let rf003 = report.findings.filter { $0.rule == .rf003 }
        #expect(rf003.map(\.id.description) == ["RF-003/OP-TSB/T.5-1"])
        let f = try #require(rf003.first)
        #expect(f.severity == .error && f.bureau == .tsb && f.output == OutputCode("T.5-1"))
        #expect(f.message == .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: nil))
        #expect(f.message.english == "T.5-1 uses objective T.5 from the SP2016-2019 plan, which was discontinued: the crosswalk gives it no successor, "
                + "so the output belongs to no objective of the current plan.")
        #expect(f.sources.map(\.description) == ["OP_TSB_2022-2025_v3.xlsx!Plan opérationnel!B9"])
    }

    /// Two different risks under one id: DAT-001 (error) keeps row 5, and row 6 is not lost from the
    /// reviewer's view: the Rejected rows sheet of consolidated.xlsx lists it with its cells as read,
    /// the finding and why (read back with the project's reader); the Risks sheet has the id once.
    @Test func aConflictingDuplicateRiskIsOnTheRejectedRowsSheet() throws {
        let work = Fixtures.temporaryDirectory("rbm-new-layout-rejected")
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try Self.run(work)
        let dat001 = try #require(report.findings.first { $0.id.description == "DAT-001/RR/RSK-BR-01" })
        #expect(dat001.severity == .error && dat001.bureau == .br)
        #expect(dat001.sources.map(\.description) == ["RR_ITU_2022-2023_v1.xlsx!Risk register!A5", "RR_ITU_2022-2023_v1.xlsx!Risk register!A6"])
        #expect(report.model.risks.filter { $0.id == "RSK-BR-01" }.count == 1)

        let book = try Workbook(path: work.appendingPathComponent("out/consolidated.xlsx").path)
        let rows = try book.grid(for: try #require(book.sheet(named: "Rejected rows"))).rows
        #expect(rows.first?.cells.map(\.text) == ["File", "Sheet", "Row", "Finding", "Why", "Cells as read"])
        let risk = try #require(rows.first { $0[1]?.text == "RR_ITU_2022-2023_v1.xlsx" })
        #expect(risk.cells.prefix(5).map(\.text) == ["RR_ITU_2022-2023_v1.xlsx", "Risk register", "6", "DAT-001/RR/RSK-BR-01",
                                                      "conflicts with row 5, which has the same key RSK-BR-01"])
        #expect(risk[6]?.text.split(separator: "\n").map(String.init) == [
            "Risk ID [A]: RSK-BR-01", "Bureau [B]: BR", "Risk description [C]: Backlog of satellite filings exceeds Radio Regulations time limits",
            "Category [D]: Operational", "Linked objective [E]: R.1", "Linked output [F]: R.1-3", "Likelihood (1-5) [G]: 4", "Impact (1-5) [H]: 4",
            "Score [I]: 16", "Risk owner [J]: Chief, Space Services Dept", "Mitigation measures [K]: Temporary staff; e-submission automation",
            "Status [L]: Open", "Last review [M]: 2022-09-30",
        ])
        let risks = try book.grid(for: try #require(book.sheet(named: "Risks"))).rows
        #expect(risks.filter { $0.cells.contains { $0.text == "RSK-BR-01" } }.count == 1)
    }

    /// A 17-digit number: Targets A7 holds `2.2999999999999998`, the text some writers give the double
    /// 2.3. Read as the spreadsheet holds it (fix/numbers-text, merged here), the target's code is 2.3
    /// (a code typed as a number: the note), the row loads in `rbm check` and in the run, and the only
    /// rejected row of the run is the risk register's duplicate.
    @Test func aSeventeenDigitTargetCodeIsReadAsTheSpreadsheetShowsIt() throws {
        let check = try Check.run(pipelinePath: Self.pipeline, inbox: nil, files: [Self.inbox + "/RF_ITU_SP2020-2023_v2.xlsx"])
        let targets = try #require(check.files.first?.sheets.first { $0.sheet == "Targets" })
        #expect((targets.read, targets.loaded, targets.skipped, targets.rejected) == (11, 11, 0, 0))
        #expect(check.files.first?.rejectedCount == 0)

        let work = Fixtures.temporaryDirectory("rbm-new-layout-17digits")
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try Self.run(work)
        #expect(report.model.targets.map(\.code).contains("2.3"))
        #expect(!report.model.targets.map(\.code).contains { $0.hasPrefix("2.29") })
        #expect(report.model.notes.filter { $0.kind == .codeTypedAsNumber }.map(\.text) == ["code typed as the number 2.3"])
        #expect(report.model.rejectedRows.map { "\($0.file)!\($0.sheet)!\($0.row)" } == ["RR_ITU_2022-2023_v1.xlsx!Risk register!6"])
        #expect(Summary.render(report).contains("rows: 109 read = 100 loaded + 8 skipped + 1 rejected"))
    }

    /// The inbox is what the generator writes, byte for byte: a fresh run of
    /// `fixtures/generate_new_layout.py` into a temporary folder gives the same seven files.
    @Test func theInboxIsReproducedByItsGenerator() throws {
        guard let python = Fixtures.python else { print("skipped: no .venv/bin/python (make test creates it)"); return }
        let work = Fixtures.temporaryDirectory("rbm-new-layout-generate")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try Subprocess.run(python, [Fixtures.path("fixtures/generate_new_layout.py"), work.path])
        #expect(result.status == 0, "\(result.errors)")
        let fresh = work.appendingPathComponent("new-layout/inbox").path
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.inbox).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: fresh).sorted() == names)
        #expect(names.count == 7)
        for name in names {
            let committed = try Data(contentsOf: URL(fileURLWithPath: Self.inbox + "/" + name))
            let generated = try Data(contentsOf: URL(fileURLWithPath: fresh + "/" + name))
            #expect(committed == generated, "\(name) differs from a fresh generation")
        }
    }
}
