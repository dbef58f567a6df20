import Testing
@testable import Reports
import Results

@Suite struct DiscrepancyLogTests {
    let finding = Finding(id: "FIN-003/R.2-1/2022", rule: .fin003, severity: .warning, bureau: "BR", output: "R.2-1", period: "2022",
                          message: "R.2-1, 2022: plans CHF 3 905 000, \"quoted\"", expected: "3950000", actual: "3905000",
                          delta: "-45000 (-1.14%)", sources: ["a.xlsx!S!E8", "b.xlsx!S!G8"], causedBy: [])

    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        let csv = DiscrepancyCSV.render([finding])
        let expected = "id,rule,severity,bureau,output,period,message,expected,actual,delta,sources,caused_by\n"
            + #"FIN-003/R.2-1/2022,FIN-003,warning,BR,R.2-1,2022,"R.2-1, 2022: plans CHF 3 905 000, ""quoted""",3950000,3905000,-45000 (-1.14%),a.xlsx!S!E8; b.xlsx!S!G8,"#
            + "\n"
        #expect(csv == expected)
    }

    @Test func jsonlKeepsColumnOrderArraysAndUTF8() {
        var f = finding
        f.message = "Plan opérationnel ≥"
        let line = DiscrepancyJSONL.render([f])
        #expect(line.hasPrefix("{\"id\":\"FIN-003/R.2-1/2022\",\"rule\":\"FIN-003\""))
        #expect(line.contains("\"message\":\"Plan opérationnel ≥\""))
        #expect(line.hasSuffix("\"sources\":[\"a.xlsx!S!E8\",\"b.xlsx!S!G8\"],\"caused_by\":[]}\n"))
    }
}
