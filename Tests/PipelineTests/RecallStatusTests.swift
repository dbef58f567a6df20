import History
import Results
import Testing
@testable import Pipeline

/// Recall gives each finding the status of its row in the comparison with the history: by place
/// when the rows come in the findings' order (as recall makes them), by id otherwise (issue 11).
@Suite struct RecallStatusTests {
    static func finding(_ output: String) -> Finding {
        Finding(id: Finding.ID(.fin003, [.output(OutputCode(output)), .year(2023)]), severity: .error,
                message: .riskUnknownObjective(risk: "R", objective: "X"), sources: [])
    }

    static func row(_ finding: Finding, _ status: String) -> FindingRecord {
        FindingRecord(id: finding.idText, rule: finding.rule.rawValue, severity: finding.severity.rawValue, bureau: nil, output: nil, period: nil,
                      expected: nil, actual: nil, delta: nil, expectedText: "", actualText: "", deltaText: "", message: "", sources: "",
                      causedBy: "", status: status, firstSeenRun: nil, runsSeen: 1, deltaChange: nil)
    }

    static let findings = ["T.4-1", "T.4-2", "R.1-1"].map(finding)

    @Test func rowsInTheFindingsOrderGiveTheirStatusesByPlace() {
        var findings = Self.findings
        BatchRun.setStatuses(&findings, from: zip(Self.findings, ["new", "persisting", "regressed"]).map { Self.row($0, $1) })
        #expect(findings.map(\.status) == [.new, .persisting, .regressed])
    }

    @Test func rowsInAnotherOrderOrMissingGiveThemById() {
        var findings = Self.findings
        let rows = [Self.row(Self.findings[2], "regressed"), Self.row(Self.findings[0], "persisting"), Self.row(Self.findings[1], "new")]
        BatchRun.setStatuses(&findings, from: rows)
        #expect(findings.map(\.status) == [.persisting, .new, .regressed])
        var fewer = Self.findings
        BatchRun.setStatuses(&fewer, from: [Self.row(Self.findings[1], "persisting")])
        #expect(fewer.map(\.status) == [nil, .persisting, nil])
        // The same count, one id another's: by id, so the unmatched finding has none.
        var swapped = Self.findings
        BatchRun.setStatuses(&swapped, from: [Self.row(Self.findings[0], "new"), Self.row(Self.findings[0], "persisting"), Self.row(Self.findings[2], "new")])
        #expect(swapped.map(\.status) == [.new, nil, .new])
    }
}
