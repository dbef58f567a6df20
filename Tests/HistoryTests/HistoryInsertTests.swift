import GRDB
import Testing
@testable import History

/// A finding's insert arguments are its column values in the columns' order, with the run's id.
@Suite struct HistoryInsertTests {
    @Test func insertArgumentsAreTheColumnValuesWithTheRunID() {
        var finding = RunHistoryFileTests.finding("FIN-003/T.2-1/2022", delta: 440000, bureau: "TSB", sources: "OP.xlsx!Plan!E6")
        finding.runID = 7
        finding.firstSeenRun = 3
        finding.deltaChange = -12.5
        finding.expected = 1
        finding.actual = 2
        finding.output = "T.2-1"
        finding.period = "2022"
        finding.causedBy = "FIN-001/T.2-1"
        #expect(finding.insertArguments(run: 7) == StatementArguments(finding.databaseValues))
        // A series that starts with this run: first seen in it.
        finding.firstSeenRun = nil
        var first = finding
        first.firstSeenRun = 7
        #expect(finding.insertArguments(run: 7) == StatementArguments(first.databaseValues))
        #expect(FindingRecord.columns.count == finding.databaseValues.count)
    }
}
