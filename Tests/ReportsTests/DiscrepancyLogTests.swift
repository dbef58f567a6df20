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
            + #"FIN-003/R.2-1/2022,FIN-003,warning,BR,R.2-1,2022,"R.2-1, 2022: the row is regular budget but its notes say '""quoted""'; extrabudgetary money may be counted as RB.",3950000,3905000,-45000 (-1.14%),a.xlsx!S!E8; b.xlsx!S!G8,,new"#
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

@Suite struct DiscrepancyHTMLTests {
    @Test func thePageEscapesTextAndLinksRootCauses() {
        let root = Finding(id: Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023)), severity: .error, message: .riskUnknownObjective(risk: "ratio <1000>", objective: "T.9"),
                           sources: [SourceRef(file: "a", sheet: "b", cell: "F8")])
        let effect = Finding(id: Finding.ID(.fin004, .bureau(.tsb), .year(2023)), severity: .error, message: .riskUnknownObjective(risk: "TSB & co", objective: "T.9"), sources: [], causedBy: [root.id])
        let html = DiscrepancyHTML.render([effect, root], title: "Demo")
        #expect(html.contains("ratio &lt;1000&gt;") && html.contains("TSB &amp; co"))
        #expect(html.contains("<a href=\"#FIN-007/T.4-1/2023\">FIN-007/T.4-1/2023</a>"))
        #expect(html.contains("<td id=\"FIN-007/T.4-1/2023\">"))
        #expect(html.contains("<b>2</b> findings") && html.contains("1 root causes"))
    }

    @Test func rowsCarryWhatTheFiltersNeed() {
        let root = Finding(id: Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023)), severity: .error, bureau: .tsb, message: .riskUnknownObjective(risk: "m", objective: "T.9"), sources: [])
        let effect = Finding(id: Finding.ID(.kpi002, .text("K"), .year(2022)), severity: .info, bureau: .br, message: .riskUnknownObjective(risk: "m", objective: "T.9"), sources: [], causedBy: [root.id])
        let html = DiscrepancyHTML.render([root, effect], title: "Demo")
        #expect(html.contains(#"data-severity="error" data-bureau="TSB" data-rule="FIN-007" data-root="1""#))
        #expect(html.contains(#"data-severity="info" data-bureau="BR" data-rule="KPI-002" data-root="0""#))
        // Only values that occur are offered.
        #expect(html.contains(#"<select name="severity"><option value="">all</option><option>error</option><option>info</option></select>"#))
        #expect(html.contains(#"<select name="bureau"><option value="">all</option><option>BR</option><option>TSB</option></select>"#))
        #expect(html.contains(#"<select name="rule"><option value="">all</option><option>FIN-007</option><option>KPI-002</option></select>"#))
        // The form appears only when the script runs: without JavaScript every row stays visible.
        #expect(html.contains(#"<form id="filters" hidden>"#) && html.contains("form.hidden = false;"))
    }
}
