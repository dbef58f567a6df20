import Foundation
import Results

extension DiscrepancyHTML {
    /// The results chain (Resolution 151): one collapsible block per goal (open, so it prints), a
    /// row per objective with its totals and a row per output with both plans' regular budget, the
    /// difference, its KPIs, risks and findings (linked to the findings table). The totals add up
    /// to the regular budget compared with the envelope.
    static func chainSection(_ chain: ResultsChain) -> String {
        guard !chain.goals.isEmpty else { return "" }
        var html = "<section id=\"chain\"><h2>Results chain</h2>\n<p class=\"note\">Goal → objective → output: the financial plan's "
        html += "and the operational plans' regular budget for the biennium, the difference, the output's KPIs, linked risks and its findings.</p>\n"
        for goal in chain.goals {
            html += "<details open><summary><b>\(escape(goal.goal ?? "—"))</b> \(escape(goal.title)) — financial plan CHF \(grouped(goal.budgetRB)), "
            html += "operational plans CHF \(grouped(goal.plannedRB)) (\(grouped(goal.plannedRB - goal.budgetRB, signed: true)))</summary>\n"
            html += "<div class=\"scroll\"><table class=\"chain\"><thead><tr><th>objective / output</th><th>title</th><th>bureau</th><th class=\"num\">financial plan</th>"
            html += "<th class=\"num\">operational plans</th><th class=\"num\">difference</th><th>KPIs</th><th>risks</th><th>findings</th></tr></thead><tbody>\n"
            for objective in goal.objectives {
                html += "<tr class=\"objective\"><td><b>\(escape(objective.code))</b></td><td>\(escape(objective.title))</td><td></td>"
                html += "<td class=\"num\">\(grouped(objective.budgetRB))</td><td class=\"num\">\(grouped(objective.plannedRB))</td>"
                html += "<td class=\"num\">\(grouped(objective.plannedRB - objective.budgetRB, signed: true))</td><td></td>"
                html += "<td>\(escape(objective.risks.joined(separator: ", ")))</td><td></td></tr>\n"
                for line in objective.lines {
                    let findings = line.findings.map { "<a href=\"#\(attribute($0.description))\">\(escape($0.description))</a>" }.joined(separator: "<br>")
                    let kpis = line.kpis.map { "\(escape($0.id)): \(escape($0.status))" }.joined(separator: "<br>")
                    html += "<tr\(line.worst.map { " class=\"\($0.rawValue)\"" } ?? "")><td>\(escape(line.output.text))</td><td>\(escape(line.title))</td>"
                    html += "<td>\(escape(line.bureau?.rawValue ?? ""))</td><td class=\"num\">\(grouped(line.budgetRB))</td>"
                    html += "<td class=\"num\">\(grouped(line.plannedRB))</td><td class=\"num\">\(grouped(line.differenceRB, signed: true))</td>"
                    html += "<td>\(kpis)</td><td>\(escape(line.risks.joined(separator: ", ")))</td><td class=\"src\">\(findings)</td></tr>\n"
                }
            }
            html += "</tbody></table></div></details>\n"
        }
        html += "<p>Regular budget, all outputs: financial plan CHF \(grouped(chain.budgetRB)), operational plans CHF \(grouped(chain.plannedRB))"
        if let envelope = chain.envelope {
            html += "; approved envelope CHF \(grouped(envelope)) (financial plan \(grouped(chain.budgetRB - envelope, signed: true)))"
        }
        return html + ".</p></section>\n"
    }
}
