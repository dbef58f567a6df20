@testable import Pipeline
import Reports
import Results
import Testing

/// The run's summary names what no rule checked, one line per skipped scope, with its cause.
@Suite struct SummaryCoverageTests {
    @Test func eachSkippedScopeIsOneLineWithItsCause() {
        let coverage = [
            Coverage(rule: .sub001, evaluated: [.run]),
            Coverage(rule: .fin009, evaluated: [.bureau(.br)],
                     skipped: [Coverage.Gap(scope: .bureau(.tsb), reason: .columnMissing(field: "fte", file: "OP_TSB.xlsx", sheet: "Plan"))]),
            Coverage(rule: .rf005, skipped: [Coverage.Gap(scope: .workbook(SourceTag(.resultsFramework)),
                                                          reason: .tableNotLoaded(table: "outputs", file: "RF.xlsx", sheet: "Outputs"),
                                                          causedBy: [Finding.ID(.dat003, .source(SourceTag(.resultsFramework)), .text("Outputs"), .text("code"))])]),
            Coverage(rule: .fin004, evaluated: [.bureau(.br)], limited: [Coverage.Gap(scope: .bureau(.br), reason: .summedLines)]),
        ]
        #expect(Summary.notChecked(coverage) == [
            "FIN-009 TSB: no fte column in OP_TSB.xlsx!Plan",
            "RF-005 RF: the outputs table did not load from RF.xlsx!Outputs (caused by DAT-003/RF/Outputs/code)",
        ])
    }

    @Test func theManifestBlockListsEvaluatedSkippedAndLimitedScopes() {
        let block = Manifest.coverageBlock([
            Coverage(rule: .fin004, evaluated: [.bureau(.tsb), .bureau(.br)],
                     skipped: [Coverage.Gap(scope: .bureau(.bdt), reason: .workbookMissing(.operationalPlan, .bdt), causedBy: [Finding.ID(.sub001, .kind(.operationalPlan), .bureau(.bdt))])],
                     limited: [Coverage.Gap(scope: .bureau(.br), reason: .summedLines)]),
        ])
        let fin004 = block["FIN-004"]
        #expect(fin004?.evaluated == ["BR", "TSB"])
        #expect(fin004?.skipped == [.init(scope: "BDT", reason: "no operational plan from BDT was accepted", causedBy: ["SUB-001/OP/BDT"])])
        #expect(fin004?.limited == [.init(scope: "BR", reason: "the financial plan has no bureau summary: its lines were summed instead", causedBy: nil)])
    }
}

/// The page lists what no rule checked above the findings, and nothing when coverage is complete.
@Suite struct PageCoverageTests {
    @Test func notCheckedLinesAreListedEscaped() {
        var context = DiscrepancyHTML.Context()
        context.notChecked = ["FIN-009 TSB: no fte column in OP_<TSB>.xlsx!Plan"]
        let page = DiscrepancyHTML.render([], title: "t", context: context)
        #expect(page.contains("<h3>Not checked</h3>\n<ul class=\"not-checked\"><li>FIN-009 TSB: no fte column in OP_&lt;TSB&gt;.xlsx!Plan</li></ul>"))
        #expect(!DiscrepancyHTML.render([], title: "t").contains("Not checked"))
    }
}
