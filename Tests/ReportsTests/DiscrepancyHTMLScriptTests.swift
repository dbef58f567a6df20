import Foundation
import Testing
import TestSupport
@testable import Reports
import Results

/// The filter script of `discrepancies.html`, run by Node against a stand-in for the page (Node
/// has no DOM). The stand-in's rows are the page's own: each `<tr>` of the log with its id, data
/// attributes and text as a browser's `textContent` gives it. Skipped without `node`.
@Suite(.enabled(if: NodeJS.path != nil, "no node found: the page's filter script is not run"))
struct DiscrepancyHTMLScriptTests {
    static var node: String? { NodeJS.path }

    static let fin007 = Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023))
    static let findings = [
        Finding(id: fin007, severity: .error, bureau: .tsb, message: .unitColumn(file: "OP.xlsx", sheet: "S", column: "E", hits: 3, pairs: 3),
                sources: [SourceRef(file: "OP_TSB.xlsx", sheet: "Plan opérationnel", cell: "F8")]),
        Finding(id: Finding.ID(.fin004, .bureau(.tsb), .year(2023)), severity: .error, bureau: .tsb, message: .bureauTotal(bureau: .tsb, year: 2023, planned: 2, budgeted: 1),
                delta: .signed(1_800_000), sources: [], causedBy: [fin007]),
        Finding(id: Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)), severity: .warning, bureau: .br, message: .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 2, budgeted: 1, costRecovery: nil), sources: []),
        Finding(id: Finding.ID(.kpi001, .text("K-1")), severity: .info, bureau: .bdt, message: .kpiIncomplete(kpi: "K-1", name: "n", baseline: .both, target: nil), sources: []),
        Finding(id: Finding.ID(.fin012, .biennium(Biennium(2022, 2023))), severity: .error, message: .envelope(biennium: Biennium(2022, 2023), total: 3, envelope: 2), sources: []),
    ]

    /// The log's rows as the stand-in gives them to the script: `{id, dataset, textContent}`.
    static func rows(_ html: String) -> [String] {
        html.split(separator: "\n").filter { $0.hasPrefix("<tr id=\"") && $0.contains("data-severity") }.map { line in
            func attribute(_ name: String) -> String {
                guard let start = line.range(of: " \(name)=\"") else { return "" }
                return String(line[start.upperBound...].prefix { $0 != "\"" })
            }
            let text = line.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            func js(_ s: String) -> String {
                "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
            }
            return "row(\(js(attribute("id"))), {severity:\(js(attribute("data-severity"))),bureau:\(js(attribute("data-bureau"))),"
                + "rule:\(js(attribute("data-rule"))),root:\(js(attribute("data-root")))}, \(js(text)))"
        }
    }

    /// Runs the page's script, then each step (JavaScript run against the stand-in: set a filter,
    /// `click(...)` a link), and returns after each the status line and the ids of the rows shown.
    static func run(_ steps: [String]) throws -> [String] {
        let html = DiscrepancyHTML.render(findings, title: "Demo")
        let script = try #require(html.range(of: "<script>").flatMap { start in
            html.range(of: "</script>").map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        let harness = """
            function classes() {
              var set = {};
              return {contains: function (c) { return !!set[c]; }, add: function (c) { set[c] = true; }, remove: function (c) { delete set[c]; },
                toggle: function (c, on) { if (on) set[c] = true; else delete set[c]; }};
            }
            function row(id, dataset, text) { return {id: id, dataset: dataset, textContent: text, classList: classes()}; }
            var rows = [\(rows(html).joined(separator: ",\n"))];
            var status = {textContent: ''}, handlers = {}, documentHandlers = {}, out = [];
            function field() { return {value: ''}; }
            var form = {hidden: true, severity: field(), bureau: field(), rule: field(), root: {checked: false}, words: field(),
              addEventListener: function (name, f) { handlers[name] = f; },
              reset: function () { this.severity.value = this.bureau.value = this.rule.value = this.words.value = ''; this.root.checked = false; }};
            var document = {
              getElementById: function (id) { return id === 'filters' ? form : id === 'shown' ? status : rows.filter(function (r) { return r.id === id; })[0] || null; },
              querySelectorAll: function () { return rows; },
              addEventListener: function (name, f) { documentHandlers[name] = f; }};
            var location = {hash: ''}, window = {addEventListener: function () {}};
            function setTimeout(f) { f(); }
            function click(href, dataset) {
              var a = {dataset: dataset || {}, getAttribute: function () { return href; }};
              documentHandlers.click({target: {closest: function () { return a; }}});
            }
            function input() { handlers.input(); }
            function report() {
              out.push(status.textContent + ' | ' + rows.filter(function (r) { return !r.classList.contains('hidden'); }).map(function (r) { return r.id; }).join(' '));
            }
            \(script)
            out.push(form.hidden ? 'form hidden' : 'form shown');
            report();
            \(steps.map { "\($0); report();" }.joined(separator: "\n"))
            console.log(out.join('\\n'));
            """
        let result = try Subprocess.run(try #require(node), ["-e", harness])
        #expect(result.status == 0, "\(result.errors)")
        return result.text.split(separator: "\n").map(String.init)
    }

    static let all = "FIN-007/T.4-1/2023 FIN-004/TSB/2023 FIN-003/R.2-1/2022 KPI-001/K-1 FIN-012/2022-2023"

    @Test func theScriptShowsTheFormAndEveryRow() throws {
        let shown = try Self.run([])
        #expect(shown.first == "form shown")
        #expect(shown.dropFirst().first == "5 of 5 shown: 3 error, 1 warning, 1 info, 4 root causes | \(Self.all)")
    }

    @Test func eachFilterNarrowsTheRowsAndTheCountsFollow() throws {
        let shown = try Self.run([
            "form.severity.value = 'error'; input()",
            "form.bureau.value = 'BR'; input()",
            "form.severity.value = ''; form.bureau.value = ''; form.root.checked = true; input()",
            "form.root.checked = false; form.rule.value = 'KPI-001'; input()",
            "form.rule.value = ''; form.words.value = 'FACTOR'; input()",
        ]).dropFirst(2)
        #expect(Array(shown) == [
            "3 of 5 shown: 3 error, 0 warning, 0 info, 2 root causes | FIN-007/T.4-1/2023 FIN-004/TSB/2023 FIN-012/2022-2023",
            "0 of 5 shown: 0 error, 0 warning, 0 info, 0 root causes | ",
            "4 of 5 shown: 2 error, 1 warning, 1 info, 4 root causes | FIN-007/T.4-1/2023 FIN-003/R.2-1/2022 KPI-001/K-1 FIN-012/2022-2023",
            "1 of 5 shown: 0 error, 0 warning, 1 info, 1 root causes | KPI-001/K-1",
            "1 of 5 shown: 1 error, 0 warning, 0 info, 1 root causes | FIN-007/T.4-1/2023",
        ])
    }

    @Test func findingsWithoutABureauHaveAFilterOfTheirOwn() throws {
        let shown = try Self.run(["form.bureau.value = 'none'; input()"])
        #expect(shown.last == "1 of 5 shown: 1 error, 0 warning, 0 info, 1 root causes | FIN-012/2022-2023")
    }

    @Test(arguments: [
        ("operationnel", "FIN-007/T.4-1/2023"),        // the source's sheet is 'Plan opérationnel'
        ("OPÉRATIONNEL", "FIN-007/T.4-1/2023"),
        ("1800000", "FIN-004/TSB/2023"),               // grouped on the page as 1 800 000
        ("wrong unit", "FIN-007/T.4-1/2023"),          // the rule's title is searched too
        ("2023 allocations tsb", "FIN-004/TSB/2023"),  // every word, in any order
    ])
    func searchIgnoresAccentsCaseAndDigitGrouping(words: String, expected: String) throws {
        let shown = try Self.run(["form.words.value = '\(words)'; input()"])
        #expect(shown.last?.hasSuffix("| \(expected)") == true, "\(shown)")
    }

    @Test func aLinkToARowTheFiltersHideRevealsIt() throws {
        let shown = try Self.run([
            "form.severity.value = 'warning'; input()",
            "click('#FIN-007/T.4-1/2023')",
            "click('#FIN-003/R.2-1/2022')",                   // shown already: nothing changes
            "form.severity.value = 'info'; input()",          // the filters win again
        ]).dropFirst(3)
        #expect(Array(shown) == [
            "2 of 5 shown: 1 error, 1 warning, 0 info, 2 root causes (1 opened by a link) | FIN-007/T.4-1/2023 FIN-003/R.2-1/2022",
            "2 of 5 shown: 1 error, 1 warning, 0 info, 2 root causes (1 opened by a link) | FIN-007/T.4-1/2023 FIN-003/R.2-1/2022",
            "1 of 5 shown: 0 error, 0 warning, 1 info, 1 root causes | KPI-001/K-1",
        ])
    }

    @Test func theCountLinksSetTheFilters() throws {
        let shown = try Self.run([
            "form.words.value = 'nothing matches this'; input()",
            "click('#findings', {setBureau: 'TSB', setSeverity: 'error'})",
            "click('#findings', {setRule: 'FIN-003'})",
        ]).dropFirst(3)
        #expect(Array(shown) == [
            "2 of 5 shown: 2 error, 0 warning, 0 info, 1 root causes | FIN-007/T.4-1/2023 FIN-004/TSB/2023",
            "1 of 5 shown: 0 error, 1 warning, 0 info, 1 root causes | FIN-003/R.2-1/2022",
        ])
    }
}

enum NodeJS {
    static let path: String? = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
