@testable import Pipeline
import Results
import Testing

/// Notes are typed values; the manifest writes each as the line manifests have always had.
@Suite struct NoteManifestTests {
    static let cell = SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "F7")
    static let sheet = SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel")

    static let lines: [(Note, String)] = [
        (Note(.amountUnit, source: SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "E4"), "'Coût prévu 2022 (kCHF)' read in kCHF (from the header)"),
         "unit: OP_TSB.xlsx!Plan opérationnel!E4 'Coût prévu 2022 (kCHF)' read in kCHF (from the header)"),
        (Note(.notReconciled, source: SourceRef(file: "FP.xlsx", sheet: "Budget by output", cell: "G11"),
              "D.2-2/2022 (FP.xlsx!Budget by output!G11): no operational plan from BDT"),
         "not reconciled: D.2-2/2022 (FP.xlsx!Budget by output!G11): no operational plan from BDT"),
        (Note(.ignoredColumn, source: sheet, "'Total 2024-2025' is not the pipeline's biennium; column ignored"),
         "info: OP_TSB.xlsx!Plan opérationnel: 'Total 2024-2025' is not the pipeline's biennium; column ignored"),
        (Note(.unmappedColumn, source: SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "G4"),
              "column G 'ETP prévus' matched no alias and was not read; it is probably 'fte' (read by FIN-009): add `fte: [\"ETP prévus\"]` under sources[1].tables[0].fields"),
         "warning: OP_TSB.xlsx!Plan opérationnel!G4: column G 'ETP prévus' matched no alias and was not read; it is probably 'fte' (read by FIN-009): add `fte: [\"ETP prévus\"]` under sources[1].tables[0].fields"),
        (Note(.missingFields, source: sheet, "no column provides fte (FIN-009); those rules cannot check this sheet"),
         "info: OP_TSB.xlsx!Plan opérationnel: no column provides fte (FIN-009); those rules cannot check this sheet"),
        (Note(.codeTypedAsNumber, source: SourceRef(file: "RF.xlsx", sheet: "Targets", cell: "A7"), "code typed as the number 2.2"),
         "info: RF.xlsx!Targets!A7: code typed as the number 2.2"),
        (Note(.rowNotLoaded, source: cell, "row 7 not loaded: no goal code"), "info: OP_TSB.xlsx!Plan opérationnel!F7: row 7 not loaded: no goal code"),
        (Note(.uncheckedTotal, source: cell, "the total 'Total TSB' is not checked: 'see annex' is not a number"),
         "info: OP_TSB.xlsx!Plan opérationnel!F7: the total 'Total TSB' is not checked: 'see annex' is not a number"),
        (Note(.unknownValue, source: cell, "unknown risk category 'weather' kept as typed"),
         "info: OP_TSB.xlsx!Plan opérationnel!F7: unknown risk category 'weather' kept as typed"),
        (Note(.percentOutOfRange, source: cell, "percentage 120 outside 0-100"), "info: OP_TSB.xlsx!Plan opérationnel!F7: percentage 120 outside 0-100"),
        (Note(.fileExtension, source: SourceRef(file: "OP_BR.xls"), "an Office Open XML workbook named .xls; read as .xlsx"),
         "info: OP_BR.xls: an Office Open XML workbook named .xls; read as .xlsx"),
        (Note(.unreadableExcelTables, source: SourceRef(file: "OP_BR.xlsx"), "its Excel table definitions could not be read (x); headers were found by their words"),
         "info: OP_BR.xlsx: its Excel table definitions could not be read (x); headers were found by their words"),
        (Note(.hiddenSheet, source: SourceRef(file: "OP_BR.xlsx"), "every worksheet is hidden; the allocations table was read from the first, 'Plan' (hidden)"),
         "info: OP_BR.xlsx: every worksheet is hidden; the allocations table was read from the first, 'Plan' (hidden)"),
        (Note(.implausibleEnvelope, source: SourceRef(file: "FP.xlsx", sheet: "Parameters", cell: "B2"), "the envelope 1E+20 is beyond any plausible budget (below CHF 10^15); not used"),
         "info: FP.xlsx!Parameters!B2: the envelope 1E+20 is beyond any plausible budget (below CHF 10^15); not used"),
        (Note(.renamedFile, source: SourceRef(file: "inbox"), "'OP_%E9.xlsx' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"),
         "info: inbox: 'OP_%E9.xlsx' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"),
        (Note(.duplicateContent, source: SourceRef(file: "inbox"), "'a.xlsx', 'b.xlsx' have the same content (SHA-256 0123456789ab…); one is enough"),
         "info: inbox: 'a.xlsx', 'b.xlsx' have the same content (SHA-256 0123456789ab…); one is enough"),
        (Note(.earlierVersion, source: SourceRef(file: "inbox"), "'OP_BR_v2.xlsx' is an earlier version than 'OP_BR_v3.xlsx', the current OP/BR workbook accepted in an earlier run; it was archived as superseded and 'OP_BR_v3.xlsx' stays current"),
         "warning: inbox: 'OP_BR_v2.xlsx' is an earlier version than 'OP_BR_v3.xlsx', the current OP/BR workbook accepted in an earlier run; it was archived as superseded and 'OP_BR_v3.xlsx' stays current"),
        (Note(.currentSetRecovered, source: nil, "archive/current.json could not be read (it is truncated or not valid JSON); the current workbooks were recovered from the archive's files: none. Check them: the file is written afresh when this run files its inputs away"),
         "warning: archive/current.json could not be read (it is truncated or not valid JSON); the current workbooks were recovered from the archive's files: none. Check them: the file is written afresh when this run files its inputs away"),
        (Note(.acknowledgementReopened, source: SourceRef(file: "itu-2022-2023.acks.yaml"), "FIN-012/2022-2023 reopened: its acknowledgement (A. Reviewer, 2026-11-20) expired on 2026-11-30"),
         "warning: itu-2022-2023.acks.yaml: FIN-012/2022-2023 reopened: its acknowledgement (A. Reviewer, 2026-11-20) expired on 2026-11-30"),
        (Note(.acknowledgementUnmatched, source: SourceRef(file: "itu-2022-2023.acks.yaml"), "FIN-099/X is acknowledged (A. Reviewer, 2026-11-20) but no finding of this run has that id"),
         "info: itu-2022-2023.acks.yaml: FIN-099/X is acknowledged (A. Reviewer, 2026-11-20) but no finding of this run has that id"),
        (Note(.separateFileSystems, source: SourceRef(file: "inbox"), "archive/ is on another file system than the inbox, so each file is moved there by a durable copy"),
         "warning: inbox: archive/ is on another file system than the inbox, so each file is moved there by a durable copy"),
        (Note(.stoppedWhileReading, source: SourceRef(file: "OP_BR.xlsx"), "the run of batch 2026-12-06T150000Z-ab12 stopped while reading it; it was read by itself this time, after the others"),
         "warning: OP_BR.xlsx: the run of batch 2026-12-06T150000Z-ab12 stopped while reading it; it was read by itself this time, after the others"),
    ]

    @Test(arguments: lines)
    func eachKindIsWrittenAsTheManifestsLine(note: Note, line: String) {
        #expect(note.manifestLine == line)
    }

    @Test func everyKindHasAPinnedLine() {
        #expect(Set(Self.lines.map(\.0.kind)) == Set(Note.Kind.allCases))
    }

    @Test func aNoteWithoutASourceIsItsText() {
        #expect(Note(.duplicateContent, source: nil, "two files").manifestLine == "info: two files")
    }

    @Test func theSeverityIsTheLinesWordExceptForUnitsAndAmountsNotReconciled() {
        #expect(Note.Kind.allCases.filter { $0.severity == .warning } == [.unmappedColumn, .earlierVersion, .currentSetRecovered, .acknowledgementReopened, .separateFileSystems, .stoppedWhileReading])
        #expect(Note(.notReconciled, severity: .warning, source: nil, "D.1-1/2022").manifestLine == "not reconciled: D.1-1/2022")
        #expect(Note(.notReconciled, source: nil, "D.1-1/2022").manifestLine == "not reconciled: D.1-1/2022")
        #expect(Note(.hiddenSheet, severity: .warning, source: SourceRef(file: "a.xlsx"), "x").manifestLine == "warning: a.xlsx: x")
        #expect(Note(.amountUnit, severity: .warning, source: SourceRef(file: "a.xlsx", sheet: "S", cell: "E4"), "'2022' read in CHF").manifestLine
                == "unit: a.xlsx!S!E4 '2022' read in CHF")
    }
}
