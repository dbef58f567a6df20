import Testing
@testable import Reports
import Results

@Suite struct DiscrepancyLogTests {
    let finding = Finding(id: Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)), severity: .warning, bureau: .br,
                          output: OutputCode("R.2-1"), period: .year(2022),
                          message: .extrabudgetaryNote(output: OutputCode("R.2-1"), year: 2022, notes: "\"quoted\""), expected: .amount(3_950_000), actual: .amount(3_905_000),
                          delta: .change(-45_000, of: 3_950_000),
                          sources: [SourceRef(file: "a.xlsx", sheet: "S", cell: "E8"), SourceRef(file: "b.xlsx", sheet: "S", cell: "G8")])

    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        var f = finding
        f.status = .new
        let csv = DiscrepancyCSV.render([f])
        let expected = "id,rule,severity,bureau,output,period,message,expected,actual,delta,sources,caused_by,status\n"
            + #"FIN-003/R.2-1/2022,FIN-003,warning,BR,R.2-1,2022,"R.2-1, 2022: the row is funded from the regular budget, but its notes say '""quoted""': extrabudgetary money may be counted as regular budget.",3950000,3905000,-45000 (-1.14%),a.xlsx!S!E8; b.xlsx!S!G8,,new"#
            + "\n"
        #expect(csv == expected)
    }

    @Test func jsonlKeepsColumnOrderArraysAndUTF8() {
        var f = finding
        f.message = .riskUnknownObjective(risk: "Plan opérationnel ≥", objective: "D.9")
        let line = DiscrepancyJSONL.render([f])
        #expect(line.hasPrefix("{\"id\":\"FIN-003/R.2-1/2022\",\"rule\":\"FIN-003\""))
        #expect(line.contains("\"message\":\"Plan opérationnel ≥ is linked to objective D.9, which is not in the results framework.\""))
        #expect(line.hasSuffix("\"sources\":[\"a.xlsx!S!E8\",\"b.xlsx!S!G8\"],\"caused_by\":[],\"status\":\"\"}\n"))
    }
}
