import Foundation
import Results

extension DiscrepancyHTML {
    /// The results chain (Resolution 151): one collapsible block per goal (open, so it prints), a
    /// row per objective with its totals and a row per output with both plans' regular budget, the
    /// difference, its KPIs, risks and findings (linked to the findings table). The totals add up
    /// to the regular budget compared with the envelope.
    /// Appended to `html`, the page being written (its pieces appended to the page's bytes, not to
    /// a string of their own: issue 11).
    static func chainSection(_ chain: ResultsChain, _ L: Labels, into html: inout TextBuffer) {
        guard !chain.goals.isEmpty else { return }
        html += "<section id=\"chain\"><h2>\(L("Results chain"))</h2>\n<p class=\"note\">Goal → objective → output: the financial plan's "
        html += "and the operational plans' regular budget for the biennium, the difference, the output's KPIs, linked risks and its findings.</p>\n"
        for goal in chain.goals {
            html += "<details open><summary><b>\(escape(goal.goal ?? "—"))</b> \(escape(goal.title)) — financial plan CHF \(grouped(goal.budgetRB, L)), "
            html += "operational plans CHF \(grouped(goal.plannedRB, L)) (\(grouped(goal.plannedRB - goal.budgetRB, signed: true, L)))</summary>\n"
            html += "<div class=\"scroll\"><table class=\"chain\"><thead><tr><th>objective / output</th><th>title</th><th>bureau</th><th class=\"num\">financial plan</th>"
            html += "<th class=\"num\">operational plans</th><th class=\"num\">difference</th><th>KPIs</th><th>risks</th><th>findings</th></tr></thead><tbody>\n"
            // Each row appended piece by piece, not built as strings through interpolation first
            // (issue 11: a line of the chain cost about 30,000 instructions).
            for objective in goal.objectives {
                html += "<tr class=\"objective\"><td><b>"
                appendEscaped(objective.code, to: &html)
                html += "</b></td><td>"
                appendEscaped(objective.title, to: &html)
                html += "</td><td></td><td class=\"num\">"
                html += grouped(objective.budgetRB, L)
                html += "</td><td class=\"num\">"
                html += grouped(objective.plannedRB, L)
                html += "</td><td class=\"num\">"
                html += grouped(objective.plannedRB - objective.budgetRB, signed: true, L)
                html += "</td><td></td><td>"
                appendJoined(objective.risks, to: &html)
                html += "</td><td></td></tr>\n"
                for line in objective.lines {
                    if let worst = line.worst {
                        html += "<tr class=\""
                        html += worst.rawValue
                        html += "\"><td>"
                    } else {
                        html += "<tr><td>"
                    }
                    appendEscaped(line.output.text, to: &html)
                    html += "</td><td>"
                    appendEscaped(line.title, to: &html)
                    html += "</td><td>"
                    appendEscaped(line.bureau?.rawValue ?? "", to: &html)
                    html += "</td><td class=\"num\">"
                    html += grouped(line.budgetRB, L)
                    html += "</td><td class=\"num\">"
                    html += grouped(line.plannedRB, L)
                    html += "</td><td class=\"num\">"
                    html += grouped(line.differenceRB, signed: true, L)
                    html += "</td><td>"
                    for (index, kpi) in line.kpis.enumerated() {
                        if index > 0 { html += "<br>" }
                        appendEscaped(kpi.id, to: &html)
                        html += ": "
                        appendEscaped(kpi.status, to: &html)
                    }
                    html += "</td><td>"
                    appendJoined(line.risks, to: &html)
                    html += "</td><td class=\"src\">"
                    for (index, finding) in line.findings.enumerated() {
                        if index > 0 { html += "<br>" }
                        html += "<a href=\"#"
                        html += attribute(finding.idText)
                        html += "\">"
                        appendEscaped(finding.idText, to: &html)
                        html += "</a>"
                    }
                    html += "</td></tr>\n"
                }
            }
            html += "</tbody></table></div></details>\n"
        }
        html += "<p>Regular budget, all outputs: financial plan CHF \(grouped(chain.budgetRB, L)), operational plans CHF \(grouped(chain.plannedRB, L))"
        if let envelope = chain.envelope {
            html += "; approved envelope CHF \(grouped(envelope, L)) (financial plan \(grouped(chain.budgetRB - envelope, signed: true, L)))"
        }
        html += ".</p></section>\n"
    }

    /// `texts` joined by `, ` and escaped, as `escape(texts.joined(separator: ", "))` writes them
    /// (the separator has nothing to escape).
    private static func appendJoined(_ texts: [String], to html: inout TextBuffer) {
        for (index, text) in texts.enumerated() {
            if index > 0 { html += ", " }
            appendEscaped(text, to: &html)
        }
    }
}
