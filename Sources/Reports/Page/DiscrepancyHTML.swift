import Foundation
import Results

/// `discrepancies.html`: the log as one self-contained report for reviewers, on screen and on A4.
///
/// From the top: the run's facts, tiles (counts by severity, root causes, inputs), findings by
/// bureau × severity, inline SVG charts (financial against operational plans per bureau and year,
/// findings by rule, KPI status, the risk heat map), the findings table with filters, the rules
/// with their titles and descriptions, and the inputs with their fates and hashes. No network, no
/// clock: the same findings and context give the same bytes. Without JavaScript every row shows;
/// the script adds the filters. The parts are in `DiscrepancyHTML+Styles`, `+Script`, `+Charts`
/// and `+Tables`.
public enum DiscrepancyHTML {
    public static func render(_ findings: [Finding], title: String, context: Context = Context()) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — discrepancies</title>
        <style>
        \(styles)\(pageFooter(title: title))</style></head><body>

        """
        html += header(findings, title: title, run: context.run)
        html += "<nav class=\"toc\" aria-label=\"sections\"><a href=\"#summary\">Summary</a> <a href=\"#charts\">Charts</a> <a href=\"#findings\">Findings</a>"
        html += context.chain == nil ? "" : " <a href=\"#chain\">Results chain</a>"
        html += " <a href=\"#rules\">Rules</a>"
        html += context.run == nil ? "" : " <a href=\"#run\">Inputs</a>"
        html += "</nav>\n"
        html += "<section id=\"summary\"><h2>Summary</h2>\n" + (context.changes.map(changesSection) ?? "") + tiles(findings, run: context.run)
        html += submissionsTable(context.expected)
        if !context.notChecked.isEmpty {
            html += "<h3>Not checked</h3>\n<ul class=\"not-checked\">" + context.notChecked.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += "<div class=\"overview\">\n" + byBureau(findings) + (plansChart(context.bureauTotals, tolerances: context.tolerances) ?? "") + "</div></section>\n"
        html += charts(findings, context: context)
        html += "<section id=\"findings\"><h2>Findings</h2>\n" + filterForm(findings, tolerances: context.tolerances) + findingsTable(findings, tolerances: context.tolerances) + "</section>\n"
        html += context.chain.map(chainSection) ?? ""
        html += "<section id=\"rules\"><h2>Rules</h2>\n" + rulesTable(findings, tolerances: context.tolerances) + "</section>\n"
        if let run = context.run { html += "<section id=\"run\"><h2>Inputs</h2>\n" + inputsTable(run) + "</section>\n" }
        html += script + "</body></html>\n"
        return html
    }

    /// The log's columns the page shows: the rule is in the id already (its title beneath it).
    static let columns = LogColumn.allCases.filter { $0 != .rule }

    /// Severities in the order a reviewer reads them.
    static let severities: [Severity] = [.error, .warning, .info]

    /// The title and the run's facts in one line each: what, by which rbm, from which pipeline, as of when.
    private static func header(_ findings: [Finding], title: String, run: RunFacts?) -> String {
        var html = "<header><h1>\(escape(title))</h1>\n<p class=\"lede\">Discrepancy report: \(findings.count) finding\(findings.count == 1 ? "" : "s")"
        html += " from the reconciliation of the financial plan, the operational plans, the results framework and the risk register.</p>\n"
        guard let run else { return html + "</header>\n" }
        html += "<dl class=\"facts\">"
        html += "<div><dt>inputs as of</dt><dd>\(run.newestInput.map(day) ?? "—")</dd></div>"
        html += "<div><dt>pipeline</dt><dd><code>\(escape(run.pipeline))</code></dd></div>"
        html += "<div><dt>rbm</dt><dd>\(escape(run.rbmVersion))</dd></div>"
        let accepted = run.inputs.filter { $0.fate == "archived" || $0.fate == "current" }.count
        html += "<div><dt>inputs</dt><dd><a href=\"#run\">\(run.inputs.count) files, \(accepted) reconciled</a></dd></div>"
        return html + "</dl></header>\n"
    }

    /// Counts by severity, root causes and inputs, as tiles.
    private static func tiles(_ findings: [Finding], run: RunFacts?) -> String {
        func tile(_ cls: String, _ count: Int, _ label: String, _ note: String = "") -> String {
            "<div class=\"tile \(cls)\"><b>\(count)</b><span>\(label)</span>\(note.isEmpty ? "" : "<small>\(note)</small>")</div>"
        }
        var html = "<div class=\"tiles\">" + tile("all", findings.count, "findings")
        for severity in severities {
            html += tile(severity.rawValue, findings.filter { $0.severity == severity }.count, severity.rawValue)
        }
        let roots = findings.filter { $0.causedBy.isEmpty }.count
        html += tile("root", roots, "root causes", "\(findings.count - roots) follow from another finding")
        if let run {
            let reconciled = run.inputs.filter { $0.fate == "archived" || $0.fate == "current" }.count
            let quarantined = run.inputs.filter { $0.fate == "quarantined" || $0.fate == "current-unreadable" }.count
            html += tile(quarantined > 0 ? "error" : "inputs", reconciled, "inputs reconciled",
                         "\(quarantined) quarantined, \(run.inputs.count - reconciled - quarantined) superseded")
        }
        return html + "</div>\n"
    }
}
