import Foundation
import Testing
import TestSupport
@testable import Reports
import Results

/// The filter script of `discrepancies.html`, run by Node against a stand-in for the page (Node
/// has no DOM; the stand-in gives the script the form and rows it uses). Skipped without `node`.
@Suite(.enabled(if: NodeJS.path != nil, "no node found: the page's filter script is not run"))
struct DiscrepancyHTMLScriptTests {
    static var node: String? { NodeJS.path }

    static let fin007 = Finding.ID(.fin007, .output(OutputCode("T.4-1")), .year(2023))
    static let findings = [
        Finding(id: fin007, severity: .error, bureau: .tsb, message: .unitColumn(file: "OP.xlsx", sheet: "S", column: "E", hits: 3, pairs: 3), sources: []),
        Finding(id: Finding.ID(.fin004, .bureau(.tsb), .year(2023)), severity: .error, bureau: .tsb, message: .bureauTotal(bureau: .tsb, year: 2023, planned: 2, budgeted: 1), sources: [],
                causedBy: [fin007]),
        Finding(id: Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)), severity: .warning, bureau: .br, message: .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 2, budgeted: 1, costRecovery: nil), sources: []),
        Finding(id: Finding.ID(.kpi001, .text("K-1")), severity: .info, bureau: .bdt, message: .kpiIncomplete(kpi: "K-1", name: "n", baseline: .both, target: nil), sources: []),
    ]

    /// Runs the page's script, then each filter setting, and returns the "N of M shown" texts.
    static func run(_ steps: [String]) throws -> [String] {
        let html = DiscrepancyHTML.render(findings, title: "Demo")
        let script = try #require(html.range(of: "<script>").flatMap { start in
            html.range(of: "</script>").map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        let rows = findings.map { f in
            "{dataset:{severity:'\(f.severity.rawValue)',bureau:'\(f.bureau?.rawValue ?? "")',rule:'\(f.rule.rawValue)',root:'\(f.causedBy.isEmpty ? 1 : 0)'},"
                + "textContent:'\(f.id) \(f.message.english)',classList:{toggle:function(){}}}"
        }
        let harness = """
            var rows = [\(rows.joined(separator: ","))], shown = {textContent: ''}, handlers = {}, out = [];
            var form = {hidden: true, severity: {value: ''}, bureau: {value: ''}, rule: {value: ''}, root: {checked: false},
              words: {value: ''}, addEventListener: function (name, f) { handlers[name] = f; }};
            var document = {getElementById: function (id) { return id === 'filters' ? form : shown; },
              querySelectorAll: function () { return rows; }};
            \(script)
            out.push((form.hidden ? 'hidden ' : '') + shown.textContent);
            \(steps.map { "\($0); handlers.input(); out.push(shown.textContent);" }.joined(separator: "\n"))
            console.log(out.join('\\n'));
            """
        let result = try Subprocess.run(try #require(node), ["-e", harness])
        #expect(result.status == 0, "\(result.errors)")
        return result.text.split(separator: "\n").map(String.init)
    }

    @Test func eachFilterNarrowsTheRows() throws {
        let shown = try Self.run([
            "form.severity.value = 'error'",
            "form.bureau.value = 'BR'",
            "form.severity.value = ''; form.bureau.value = ''; form.root.checked = true",
            "form.root.checked = false; form.rule.value = 'KPI-001'",
            "form.rule.value = ''; form.words.value = 'FACTOR'",
        ])
        #expect(shown == ["4 of 4 shown", "2 of 4 shown", "0 of 4 shown", "3 of 4 shown", "1 of 4 shown", "1 of 4 shown"])
    }
}

enum NodeJS {
    static let path: String? = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
