import Foundation
import Testing
import TestSupport

@testable import Reports
@testable import Results

/// A feedback workbook lists the findings citing it most severe first, then in the log's order,
/// whatever order it is given them in.
@Suite struct FeedbackOrderTests {
    @Test func citingFindingsComeMostSevereFirstThenInLogOrder() {
        let outputs = ["D.1-2", "D.1-14", "D.10-1", "T.4-1", "T.4-10", "R.2-1", "D.2-01"]
        let rules: [RuleID] = [.fin003, .fin004, .rf001, .kpi002, .fin008]
        let severities: [Severity] = [.info, .warning, .error]
        var random = SeededRandom(seed: 20_261_207)
        var all: [Finding] = []
        for n in 0..<300 {
            let file = random.below(4) == 0 ? "Other.xlsx" : "OP.xlsx"
            let id = Finding.ID(rules[random.below(rules.count)], [.output(OutputCode(outputs[random.below(outputs.count)])),
                                .year(2022 + random.below(2))], occurrence: 1 + random.below(2))
            all.append(Finding(id: id, severity: severities[random.below(3)], message: .riskUnknownObjective(risk: "R\(n)", objective: "X"),
                               sources: [SourceRef(file: file, sheet: "Plan", cell: "B\(n + 2)")]))
        }
        let expected = all.filter { $0.sources.contains { $0.file == "OP.xlsx" } }
            .sorted { $0.severity != $1.severity ? $0.severity > $1.severity : Finding.logOrder($0, $1) }
        #expect(FeedbackWorkbook(file: "OP.xlsx").findings(in: all).map(\.idText) == expected.map(\.idText))
    }
}

/// A note's first word and the Summary's headings: the severity capitalised, as Foundation would (written out, issue 11).
@Suite struct FeedbackSeverityWordTests {
    @Test(arguments: Severity.allCases)
    func theSeverityWordIsItsNameCapitalised(severity: Severity) {
        #expect(severity.word == severity.rawValue.capitalized)
    }
}
