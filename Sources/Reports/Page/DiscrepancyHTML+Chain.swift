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
            for objective in goal.objectives {
                html += "<tr class=\"objective\"><td><b>\(escape(objective.code))</b></td><td>\(escape(objective.title))</td><td></td>"
                html += "<td class=\"num\">\(grouped(objective.budgetRB, L))</td><td class=\"num\">\(grouped(objective.plannedRB, L))</td>"
                html += "<td class=\"num\">\(grouped(objective.plannedRB - objective.budgetRB, signed: true, L))</td><td></td>"
                html += "<td>\(escape(objective.risks.joined(separator: ", ")))</td><td></td></tr>\n"
                for line in objective.lines {
                    let findings = line.findings.map { "<a href=\"#\(attribute($0.idText))\">\(escape($0.idText))</a>" }.joined(separator: "<br>")
                    let kpis = line.kpis.map { "\(escape($0.id)): \(escape($0.status))" }.joined(separator: "<br>")
                    html += "<tr\(line.worst.map { " class=\"\($0.rawValue)\"" } ?? "")><td>\(escape(line.output.text))</td><td>\(escape(line.title))</td>"
                    html += "<td>\(escape(line.bureau?.rawValue ?? ""))</td><td class=\"num\">\(grouped(line.budgetRB, L))</td>"
                    html += "<td class=\"num\">\(grouped(line.plannedRB, L))</td><td class=\"num\">\(grouped(line.differenceRB, signed: true, L))</td>"
                    html += "<td>\(kpis)</td><td>\(escape(line.risks.joined(separator: ", ")))</td><td class=\"src\">\(findings)</td></tr>\n"
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
}
