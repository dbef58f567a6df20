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
    /// The page; `log` holds the findings' texts when another output rendered them already
    /// (in the context's language), else they are rendered here.
    public static func render(_ findings: [Finding], title: String, context: Context = Context(), log: LogText? = nil) -> String {
        String(decoding: renderBytes(findings, title: title, context: context, log: log), as: UTF8.self)
    }

    /// ``render(_:title:context:log:)``'s page as UTF-8 bytes, for writing to a file: the page is
    /// built as bytes (``TextBuffer``) and never checked again as a string (issue 11: checking
    /// the three megabytes of a K = 58 page cost more than a tenth of making it).
    public static func renderBytes(_ findings: [Finding], title: String, context: Context = Context(), log: LogText? = nil) -> [UInt8] {
        let L = Labels(context.language)
        let log = log.flatMap { $0.language == context.language && $0.count == findings.count ? $0 : nil }
            ?? LogText(findings, language: context.language)
        let tally = FindingTally(findings)
        var html = TextBuffer(capacity: 524_288 + findings.count * 1_600)
        html += """
        <!DOCTYPE html>
        <html lang="\(context.language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(L("{0} — discrepancies", title)))</title>
        <style>
        \(styles)\(context.language == .en ? "" : longerWords)\(pageFooter(title: title, L))</style></head><body>

        """
        html += header(findings, title: title, run: context.run, L)
        html += "<nav class=\"toc\" aria-label=\"\(L("sections"))\"><a href=\"#summary\">\(L("Summary"))</a> <a href=\"#charts\">\(L("Charts"))</a> <a href=\"#findings\">\(L("Findings"))</a>"
        html += context.chain == nil ? "" : " <a href=\"#chain\">\(L("Results chain"))</a>"
        html += " <a href=\"#rules\">\(L("Rules"))</a>"
        html += context.run == nil ? "" : " <a href=\"#run\">\(L("Inputs"))</a>"
        html += "</nav>\n"
        html += "<section id=\"summary\"><h2>\(L("Summary"))</h2>\n" + (context.changes.map(changesSection) ?? "") + tiles(findings, run: context.run, L)
        html += submissionsTable(context.expected)
        if !context.notChecked.isEmpty {
            html += "<h3>\(L("Not checked"))</h3>\n<ul class=\"not-checked\">" + context.notChecked.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += "<div class=\"overview\">\n" + byBureau(findings, tally, L) + (plansChart(context.bureauTotals, tolerances: context.tolerances, L) ?? "") + "</div></section>\n"
        html += charts(findings, context: context, L)
        // The findings' table is most of the page: written straight into it, the page's room
        // reserved once (issue 11).
        html += "<section id=\"findings\"><h2>\(L("Findings"))</h2>\n" + filterForm(tally, tolerances: context.tolerances, L)
        findingsTable(findings, log: log, tolerances: context.tolerances, L, into: &html)
        html += "</section>\n"
        if let chain = context.chain { chainSection(chain, L, into: &html) }
        html += "<section id=\"rules\"><h2>\(L("Rules"))</h2>\n" + rulesTable(tally, tolerances: context.tolerances, L) + "</section>\n"
        if let run = context.run { html += "<section id=\"run\"><h2>\(L("Inputs"))</h2>\n" + inputsTable(run, L) + "</section>\n" }
        html += script(L) + "</body></html>\n"
        return html.bytes
    }

    /// The log's columns the page shows: the rule is in the id already (its title beneath it).
    static let columns = LogColumn.allCases.filter { $0 != .rule }

    /// Severities in the order a reviewer reads them.
    static let severities = Severity.reviewOrder

    /// The title and the run's facts in one line each: what, by which rbm, from which pipeline, as of when.
    private static func header(_ findings: [Finding], title: String, run: RunFacts?, _ L: Labels) -> String {
        var html = "<header><h1>\(escape(title))</h1>\n<p class=\"lede\">" + L(findings.count == 1 ? "Discrepancy report: {0} finding" : "Discrepancy report: {0} findings", findings.count)
        html += L(" from the reconciliation of the financial plan, the operational plans, the results framework and the risk register.") + "</p>\n"
        guard let run else { return html + "</header>\n" }
        html += "<dl class=\"facts\">"
        html += "<div><dt>\(L("inputs as of"))</dt><dd>\(run.newestInput.map(day) ?? "—")</dd></div>"
        html += "<div><dt>\(L("pipeline"))</dt><dd><code>\(escape(run.pipeline))</code></dd></div>"
        html += "<div><dt>rbm</dt><dd>\(escape(run.rbmVersion))</dd></div>"
        let accepted = run.inputs.filter(\.fate.isReconciled).count
        html += "<div><dt>\(L("inputs"))</dt><dd><a href=\"#run\">\(L("{0} files, {1} reconciled", run.inputs.count, accepted))</a></dd></div>"
        return html + "</dl></header>\n"
    }

    /// Counts by severity, root causes and inputs, as tiles.
    private static func tiles(_ findings: [Finding], run: RunFacts?, _ L: Labels) -> String {
        func tile(_ cls: String, _ count: Int, _ label: String, _ note: String = "") -> String {
            "<div class=\"tile \(cls)\"><b>\(count)</b><span>\(label)</span>\(note.isEmpty ? "" : "<small>\(note)</small>")</div>"
        }
        var html = "<div class=\"tiles\">" + tile("all", findings.count, L("findings"))
        for severity in severities {
            html += tile(severity.rawValue, findings.filter { $0.severity == severity }.count, L.severity(severity))
        }
        let roots = findings.filter { $0.causedBy.isEmpty }.count
        html += tile("root", roots, L("root causes"), L("{0} follow from another finding", findings.count - roots))
        if let run {
            let reconciled = run.inputs.filter(\.fate.isReconciled).count
            let quarantined = run.inputs.filter(\.fate.isMissed).count
            html += tile(quarantined > 0 ? "error" : "inputs", reconciled, L("inputs reconciled"),
                         L("{0} quarantined, {1} superseded", quarantined, run.inputs.count - reconciled - quarantined))
        }
        return html + "</div>\n"
    }
}
