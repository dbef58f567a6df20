import Foundation
import Testing
@testable import Reports
import Results

/// `discrepancies.html` as rendered: what a reviewer reads on screen and on paper (issue 13).
@Suite struct DiscrepancyHTMLTests {
    static let unit = Finding(id: Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023)), severity: .error, bureau: .tsb, output: OutputCode("T.4-1"),
                              period: .year(2023), message: .riskUnknownObjective(risk: "ratio <1000>", objective: "T.9"),
                              expected: .amount(1_250_000), actual: .amount(1_250_000_000), delta: .change(1_248_750_000, of: 1_250_000),
                              sources: [SourceRef(file: "OP_TSB_2022-2025_v3.xlsx", sheet: "Plan opérationnel", cell: "F8")])
    static let total = Finding(id: Finding.ID(.fin004, .bureau(.tsb), .year(2023)), severity: .error, bureau: .tsb, period: .year(2023),
                               message: .riskUnknownObjective(risk: "TSB & co", objective: "T.9"), delta: .signed(-45_000),
                               sources: [SourceRef(file: "FP.xlsx", sheet: "Summary by Sector", cell: "C5")], causedBy: [unit.id])
    static let envelope = Finding(id: Finding.ID(.fin012, .biennium(Biennium(2022, 2023))), severity: .warning, period: .biennium(Biennium(2022, 2023)),
                                  message: .envelope(biennium: Biennium(2022, 2023), total: 166_050_000, envelope: 166_000_000),
                                  expected: .words("≤ 166000000"), actual: .amount(166_050_000), delta: .signed(50_000),
                                  sources: [SourceRef(file: "FP.xlsx", sheet: "Parameters", cell: "B2")])
    static let findings = [unit, total, envelope]

    static let context = DiscrepancyHTML.Context(
        run: DiscrepancyHTML.RunFacts(rbmVersion: "9.8.7", pipeline: "itu-2022-2023.yaml", newestInput: Date(timeIntervalSince1970: 1_700_000_000),
                                      inputs: [.init(file: "FP.xlsx", kind: "FP", fate: .archived, sha256: String(repeating: "ab", count: 32), size: 18_200),
                                               .init(file: "notes.docx", fate: .quarantined, reason: "not-a-workbook: a Word document", sha256: "", size: 0)]),
        bureauTotals: [BureauTotal(bureau: .tsb, year: 2023, financialPlan: 5_995_000, operationalPlan: 474_950_000),
                       BureauTotal(bureau: .br, year: 2022, financialPlan: 16_850_000, operationalPlan: 18_045_000)])

    static let html = DiscrepancyHTML.render(findings, title: "Demo", context: context)

    @Test func thePageEscapesTextAndLinksRootCauses() {
        let html = DiscrepancyHTML.render([Self.total, Self.unit], title: "Demo")
        #expect(html.contains("ratio &lt;1000&gt;") && html.contains("TSB &amp; co"))
        #expect(html.contains("<a href=\"#FIN-007/T.4-1/2023\">FIN-007/<wbr>T.4-1/<wbr>2023</a>"))
        #expect(html.contains("<tr id=\"FIN-007/T.4-1/2023\" class=\"error\""))
        #expect(html.contains("<b>2</b><span>findings</span>") && html.contains("<b>1</b><span>root causes</span>"))
    }

    @Test func rowsCarryWhatTheFiltersNeedAndNoBureauIsAValue() {
        let html = Self.html
        #expect(html.contains(#"data-severity="error" data-bureau="TSB" data-rule="FIN-007" data-root="1""#))
        #expect(html.contains(#"data-severity="error" data-bureau="TSB" data-rule="FIN-004" data-root="0""#))
        #expect(html.contains(#"data-severity="warning" data-bureau="none" data-rule="FIN-012" data-root="1""#))
        // Only values that occur are offered; findings without a bureau under "no bureau"; rules with their titles.
        #expect(html.contains(#"<select name="severity"><option value="">all</option><option value="error">error</option><option value="warning">warning</option></select>"#))
        #expect(html.contains(#"<select name="bureau"><option value="">all</option><option value="TSB">TSB</option><option value="none">no bureau</option></select>"#))
        #expect(html.contains(#"<option value="FIN-007">FIN-007 Amount in the wrong unit</option>"#))
        // The form appears only when the script runs: without JavaScript every row stays visible.
        #expect(html.contains(#"<form id="filters" hidden>"#) && html.contains("form.hidden = false;"))
        #expect(!html.contains("class=\"hidden\"") && !html.contains(" hidden\""))
    }

    @Test func amountsAreGroupedRightAlignedAndKeepTheirPlainValue() {
        let html = Self.html
        #expect(html.contains("<td class=\"c-expected num\" data-label=\"expected\" data-value=\"1250000\"><span class=\"n\">1\u{202F}250\u{202F}000</span></td>"))
        #expect(html.contains("<span class=\"n\">+1\u{202F}248\u{202F}750\u{202F}000</span> <span class=\"n pct\">(+99900.00\u{202F}%)</span>"))
        #expect(html.contains("data-value=\"-45000\"><span class=\"n\">\u{2212}45\u{202F}000</span>"))
        // Words stay words, left-aligned.
        #expect(html.contains("<td class=\"c-expected words\" data-label=\"expected\">≤ 166000000</td>"))
        #expect(html.contains(".num{text-align:right"))
    }

    @Test func sourcesBreakAtTheirSeparatorsNotLetterByLetter() {
        let html = Self.html
        #expect(html.contains("<span class=\"src\">OP_<wbr>TSB_<wbr>2022-2025_<wbr>v3.xlsx!<wbr>Plan opérationnel!<wbr>F8</span>"))
        #expect(!html.contains("word-break:break-all"))
        // No cell is kept on one line as a whole: only the digits of one amount are.
        #expect(!html.contains("td.num{font-family:monospace;white-space:nowrap}") && html.contains(".n{white-space:nowrap}"))
    }

    @Test func thePageFitsAPhoneAndPrintsAsAnA4Document() {
        let html = Self.html
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@page{size:A4 landscape;"))
        #expect(html.contains(#"@page{@bottom-left{content:"Demo — discrepancies";"#) && html.contains(#"content:"page " counter(page) " of " counter(pages)"#))
        #expect(DiscrepancyHTML.pageFooter(title: #"a"b</style>"#).hasPrefix(#"@page{@bottom-left{content:"a\"b\3c /style\3e  — discrepancies";"#))
        let print = String(html[html.range(of: "@media print{")!.lowerBound...])
        #expect(print.contains(".toc,form,.shown:empty{display:none}"))
        // Print hides no column of the log.
        #expect(!print.contains("c-sources{display:none}") && !print.contains("c-caused_by{display:none}"))
        #expect(html.contains("@media screen and (max-width:760px)"))
        // A link's target row clears the sticky header.
        #expect(html.contains("table.log tbody tr{scroll-margin-top:4.5em}"))
    }

    @Test func ruleCodesComeWithTheirTitleAndDescription() {
        let html = Self.html
        let entry = RuleDescriptions.english(.fin004)
        #expect(html.contains("<a class=\"rt\" href=\"#rule-FIN-004\" title=\"\(DiscrepancyHTML.escape(entry.description))\">\(entry.title)</a>"))
        #expect(html.contains("<tr id=\"rule-FIN-004\"><td class=\"code\">FIN-004</td><td>\(entry.title)</td><td>\(DiscrepancyHTML.escape(entry.description))</td>"))
        #expect(html.contains("<tr id=\"rule-SUB-001\" class=\"quiet\">"))
        // The description quotes the run's tolerances.
        var strict = Tolerances()
        strict.bureauErrorRel = Exact(string: "0.02")!
        let page = DiscrepancyHTML.render(Self.findings, title: "Demo", context: .init(tolerances: strict))
        #expect(page.contains("error above 2 %"))
    }

    @Test func runFactsNameTheInputsTheirFatesAndHashesWithoutTheClock() {
        let html = Self.html
        #expect(html.contains("<dt>inputs as of</dt><dd>2023-11-14 22:13 UTC</dd>"))
        #expect(html.contains("<dt>pipeline</dt><dd><code>itu-2022-2023.yaml</code></dd>") && html.contains("<dt>rbm</dt><dd>9.8.7</dd>"))
        #expect(html.contains("<code class=\"hash\">\(String(repeating: "ab", count: 32))</code>"))
        #expect(html.contains("<span class=\"fate quarantined\">quarantined</span><br><small>not-a-workbook: a Word document</small>"))
        #expect(html.contains("<td class=\"num\" data-label=\"size\">18.2 kB</td>"))
        #expect(DiscrepancyHTML.render(Self.findings, title: "Demo", context: Self.context) == html)
    }

    @Test func tilesAndTheBureauMatrixCountBySeverity() {
        let html = Self.html
        #expect(html.contains("<div class=\"tile error\"><b>2</b><span>error</span></div>"))
        #expect(html.contains("<div class=\"tile warning\"><b>1</b><span>warning</span></div>"))
        #expect(html.contains("<div class=\"tile error\"><b>1</b><span>inputs reconciled</span><small>1 quarantined, 0 superseded</small></div>"))
        #expect(html.contains("<tr><th scope=\"row\">TSB</th><td class=\"num error\"><a href=\"#findings\" data-set-bureau=\"TSB\" data-set-severity=\"error\">2</a></td>"))
        #expect(html.contains("<tr><th scope=\"row\">no bureau</th>"))
    }

    @Test func chartsDrawThePlansAndTheFindingsInlineWithoutNetwork() {
        let html = Self.html
        #expect(html.contains("<figure id=\"chart-plans\">") && html.contains("<figure id=\"chart-rules\">"))
        // BR before TSB (the bureaus' order), and a bar far beyond the others is cut and labelled.
        let br = html.range(of: ">BR 2022</text>")!, tsb = html.range(of: ">TSB 2023</text>")!
        #expect(br.lowerBound < tsb.lowerBound)
        #expect(html.contains("class=\"cut\"") && html.contains("474\u{202F}950\u{202F}000</text>"))
        #expect(html.contains("<title>TSB 2023 operational plans: CHF 474 950 000</title>"))
        // Without KPIs or risks, their charts are left out.
        #expect(!html.contains("chart-kpis") && !html.contains("chart-risks"))
        // Self-contained: nothing is loaded from anywhere.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link") && !html.contains("@import"))
    }

    @Test func kpiStatusAndTheRiskHeatMapFollowTheModelAndFindings() {
        let cell = CellSource(file: "RF.xlsx", sheet: "KPIs", position: CellPosition(row: 2, column: 1))
        func kpi(_ id: String, actual: Bool) -> KPI {
            KPI(id: id, linkedTo: "R.1-1", linkedOutput: nil, name: id, unit: "%", direction: nil, baseline: Quantity(value: 1, source: cell), baselineYear: 2020, baselineCell: cell,
                target: Quantity(value: 2, source: cell), targetYear: 2023, targetCell: cell,
                actuals: actual ? [2022: Quantity(value: 1, source: cell)] : [:], reportedStatus: nil, source: cell)
        }
        let kpis = [kpi("K-ON", actual: true), kpi("K-OFF", actual: true), kpi("K-GAP", actual: true), kpi("K-NONE", actual: false)]
        let findings = [
            Finding(id: Finding.ID(.kpi001, .text("K-GAP")), severity: .error, message: .kpiIncomplete(kpi: "K-GAP", name: "n", baseline: nil, target: .both), sources: []),
            Finding(id: Finding.ID(.kpi002, .text("K-OFF"), .year(2022)), severity: .warning,
                    message: .kpiStatus(kpi: "K-OFF", name: "n", actual: 1, year: 2022, baseline: 1, baselineYear: 2020, target: 2, targetYear: 2023, computed: .offTrack, reported: nil), sources: []),
        ]
        let states = DiscrepancyHTML.kpiStates(kpis, findings: findings).map { "\($0.kpi.id) \($0.state.rawValue)" }
        #expect(states == ["K-ON on track", "K-OFF off track", "K-GAP no baseline or target", "K-NONE no actual yet"])
        func risk(_ id: String, _ l: Exact, _ i: Exact) -> Risk {
            Risk(id: id, bureau: nil, description: "", category: "", linkedObjective: nil, linkedOutput: nil, likelihood: Quantity(value: l, source: cell),
                 impact: Quantity(value: i, source: cell), likelihoodCell: cell, statedScore: nil, owner: "", mitigation: TextCell(text: "", source: cell),
                 status: "", lastReview: nil, source: cell)
        }
        let html = DiscrepancyHTML.render(findings, title: "Demo", context: .init(kpis: kpis, risks: [risk("R-1", 4, 4), risk("R-2", 4, 4), risk("R-3", 6, 2)]))
        #expect(html.contains("<title>likelihood 4 × impact 4 = 16: R-1, R-2</title></rect><text x=\"231\" y=\"73\" text-anchor=\"middle\" class=\"count\">2</text>"))
        #expect(html.contains("Not placed (likelihood or impact missing or off the 1-5 scale): R-3."))
        #expect(html.contains("<b>off track</b>: K-OFF"))
    }
}
