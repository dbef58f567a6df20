import Foundation
import Testing
@testable import Reconcile
import Results

/// DAT-001: a key that repeats in one workbook; identical rows a warning (the second skipped),
/// conflicting ones an error (the first kept), both cited.
@Suite struct DuplicateRuleTests {
    @Test func duplicatesAreWarningsWhenIdenticalAndErrorsWhenConflicting() {
        var b = ModelBuilder(bureaus: [.gs])
        let kept = ModelBuilder.cell("OP_GS.xlsx", 10, 2), dup = ModelBuilder.cell("OP_GS.xlsx", 11, 2)
        b.model.duplicates = [DuplicateRow(workbook: .operationalPlan(.gs), key: "E.2-1/RB", bureau: .gs, output: OutputCode("E.2-1"), identical: true, keptCell: kept, duplicateCell: dup),
                              DuplicateRow(workbook: SourceTag(.financialPlan), key: "E.2-1/STAFF/RB", bureau: .gs, output: OutputCode("E.2-1"), identical: false, keptCell: kept, duplicateCell: dup)]
        let f = b.findings().filter { $0.rule == .dat001 }
        #expect(f.map(\.idText) == ["DAT-001/FP/E.2-1/STAFF/RB", "DAT-001/OP-GS/E.2-1/RB"])
        #expect(f.map(\.severity) == [.error, .warning])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var workbook: SourceTag
        var file: String
        var key: String
        var bureau: Bureau?
        var output: String?
        var identical: Bool
        var id: String
        var testDescription: String { id + (identical ? " identical" : " conflicting") }
    }

    /// Each workbook kind's key: OP rows, FP lines (finest category), KPI ids (no bureau, no output),
    /// risk ids (the risk's bureau, no output).
    @Test(arguments: [
        Case(workbook: .operationalPlan(.gs), file: "OP_GS.xlsx", key: "E.2-1/RB", bureau: .gs, output: "E.2-1", identical: true,
             id: "DAT-001/OP-GS/E.2-1/RB"),
        Case(workbook: .operationalPlan(.gs), file: "OP_GS.xlsx", key: "E.2-1/RB", bureau: .gs, output: "E.2-1", identical: false,
             id: "DAT-001/OP-GS/E.2-1/RB"),
        Case(workbook: SourceTag(.financialPlan), file: "FP.xlsx", key: "R.1-3/NONSTAFF.TRV/RB", bureau: .br, output: "R.1-3", identical: true,
             id: "DAT-001/FP/R.1-3/NONSTAFF.TRV/RB"),
        Case(workbook: SourceTag(.resultsFramework), file: "RF.xlsx", key: "KPI-D.2-2-01", bureau: nil, output: nil, identical: false,
             id: "DAT-001/RF/KPI-D.2-2-01"),
        Case(workbook: SourceTag(.riskRegister), file: "RR.xlsx", key: "RSK-BDT-01", bureau: .bdt, output: nil, identical: true,
             id: "DAT-001/RR/RSK-BDT-01"),
    ])
    func theFindingCitesTheKeptRowThenTheDuplicate(c: Case) throws {
        var b = ModelBuilder(bureaus: [.gs])
        let kept = ModelBuilder.cell(c.file, 10, 2), dup = ModelBuilder.cell(c.file, 11, 2)
        b.model.duplicates = [DuplicateRow(workbook: c.workbook, key: c.key, bureau: c.bureau, output: c.output.map(OutputCode.init),
                                           identical: c.identical, keptCell: kept, duplicateCell: dup)]
        let all = b.findings(of: .dat001)
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.idText == c.id)
        #expect(f.id == Finding.ID(.dat001, .source(c.workbook), .text(c.key)))
        #expect(f.severity == (c.identical ? .warning : .error))
        #expect(f.bureau == c.bureau && f.output == c.output.map(OutputCode.init) && f.period == Period.none)
        #expect(f.expected == .term(.rows(1)) && f.actual == .term(.rows(2)) && f.delta == FindingValue.none)
        #expect(f.sourceTexts == ["\(c.file)!S!B10", "\(c.file)!S!B11"])
        #expect(f.causedBy == [])
        #expect(f.message == .duplicateRow(key: c.key, file: c.file, identical: c.identical, keptRow: 10, duplicateRow: 11))
    }

    /// A row repeated three times gives one finding per duplicate row, the second with `#2`.
    @Test func eachDuplicateRowIsOneFinding() {
        var b = ModelBuilder(bureaus: [.gs])
        let kept = ModelBuilder.cell("OP_GS.xlsx", 10, 2)
        b.model.duplicates = [11, 12].map {
            DuplicateRow(workbook: .operationalPlan(.gs), key: "E.2-1/RB", bureau: .gs, output: OutputCode("E.2-1"), identical: true,
                         keptCell: kept, duplicateCell: ModelBuilder.cell("OP_GS.xlsx", $0, 2))
        }
        #expect(b.findings(of: .dat001).map(\.idText) == ["DAT-001/OP-GS/E.2-1/RB", "DAT-001/OP-GS/E.2-1/RB#2"])
    }
}
