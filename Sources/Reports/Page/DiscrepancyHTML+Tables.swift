import Foundation
import Results

/// The page's tables: findings by bureau × severity, the filter form, the findings, the rules and
/// the inputs.
extension DiscrepancyHTML {
    /// The `data-bureau` value and filter option of findings without a bureau (the envelope, a goal).
    static let noBureau = "none"

    /// Findings by bureau × severity; each count a link that filters the table to it.
    static func byBureau(_ findings: [Finding], _ tally: FindingTally, _ L: Labels) -> String {
        let bureaus: [Bureau?] = Bureau.allCases.filter { tally.count(bureau: $0) > 0 } + (tally.count(bureau: nil) > 0 ? [nil] : [])
        var html = "<table class=\"matrix\"><caption>\(L("Findings by bureau and severity"))</caption><thead><tr><th scope=\"col\">\(L("bureau"))</th>"
        html += severities.map { "<th scope=\"col\" class=\"num\">\(L.severity($0))</th>" }.joined() + "<th scope=\"col\" class=\"num\">\(L("total"))</th></tr></thead><tbody>\n"
        func link(_ count: Int, bureau: String, severity: String) -> String {
            count == 0 ? "<span class=\"zero\">0</span>"
                : "<a href=\"#findings\" data-set-bureau=\"\(bureau)\" data-set-severity=\"\(severity)\">\(count)</a>"
        }
        for bureau in bureaus {
            let key = bureau?.rawValue ?? noBureau
            html += "<tr><th scope=\"row\">\(bureau?.rawValue ?? L("no bureau"))</th>"
            for severity in severities {
                html += "<td class=\"num \(severity.rawValue)\">\(link(tally.count(bureau: bureau, severity), bureau: key, severity: severity.rawValue))</td>"
            }
            html += "<td class=\"num\">\(link(tally.count(bureau: bureau), bureau: key, severity: ""))</td></tr>\n"
        }
        html += "</tbody><tfoot><tr><th scope=\"row\">\(L("all"))</th>"
        for severity in severities {
            html += "<td class=\"num\">\(link(findings.count(where: { $0.severity == severity }), bureau: "", severity: severity.rawValue))</td>"
        }
        return html + "<td class=\"num\">\(link(findings.count, bureau: "", severity: ""))</td></tr></tfoot></table>\n"
    }

    /// Filters for reviewers: severity, bureau (with "no bureau"), rule (with its title), root causes
    /// only, and words (accents ignored). Hidden until the script runs, so that without JavaScript
    /// the page shows every finding and no dead form.
    static func filterForm(_ tally: FindingTally, tolerances: Tolerances, _ L: Labels) -> String {
        func options(_ values: [(value: String, label: String)]) -> String {
            "<option value=\"\">\(L("all"))</option>" + values.map { "<option value=\"\(escape($0.value))\">\(escape($0.label))</option>" }.joined()
        }
        let present = RuleID.allCases.filter { tally.count(rule: $0) > 0 }
        let severities = severities.filter { s in present.contains { tally.count(rule: $0, s) > 0 } }.map { ($0.rawValue, L.severity($0)) }
        var bureaus = Bureau.allCases.filter { tally.count(bureau: $0) > 0 }.map { ($0.rawValue, $0.rawValue) }
        if tally.count(bureau: nil) > 0 { bureaus.append((noBureau, L("no bureau"))) }
        let rules = present.map { ($0.rawValue, "\($0.rawValue) \(L.language.rule($0, tolerances: tolerances).title)") }
        let statuses = FindingStatus.allCases.filter { tally.statuses.contains($0) }.map { ($0.rawValue, $0.rawValue) }
        return "<form id=\"filters\" hidden>"
            + "<label>\(L("severity")) <select name=\"severity\">\(options(severities))</select></label>"
            + (statuses.isEmpty ? "" : "<label>\(L("status")) <select name=\"status\">\(options(statuses))</select></label>")
            + "<label>\(L("bureau")) <select name=\"bureau\">\(options(bureaus))</select></label>"
            + "<label class=\"rule\">\(L("rule")) <select name=\"rule\">\(options(rules))</select></label>"
            + "<label><input type=\"checkbox\" name=\"root\"> \(L("root causes only"))</label>"
            + "<label>\(L("words")) <input type=\"search\" name=\"words\" placeholder=\"\(L("code, file, cell, word…"))\"></label>"
            + "<button type=\"reset\">\(L("clear"))</button>"
            + "</form>\n<p id=\"shown\" class=\"shown\" aria-live=\"polite\"></p>\n"
    }

    /// Every finding in log order, one row each, with its rule's title under its id, amounts grouped
    /// and right-aligned, each source on its own line and each root cause a link. The log's texts
    /// come from `log` (rendered once for every output), finding `i` at index `i`.
    /// Appended to `html`, the page being written.
    static func findingsTable(_ findings: [Finding], log: LogText, tolerances: Tolerances, _ L: Labels, into out: inout TextBuffer) {
        let ids = Set(findings.map(\.id))
        let rules = RuleTexts(L.language, tolerances: tolerances)
        out += "<table class=\"log\"><thead><tr>"
        out += columns.map { column in
            let numeric = column == .expected || column == .actual || column == .delta
            return "<th scope=\"col\" class=\"c-\(column.name)\(numeric ? " num" : "")\">\(L(column.name.replacingBytes(of: "_", with: " ")))</th>"
        }.joined()
        out += "</tr></thead><tbody>\n"
        // The rows are appended to the page's bytes (`TextBuffer`, issue 11): about a hundred
        // pieces a finding, each appended to a string cost about 420 instructions.
        // Each column's opening tag with its label attribute, built once rather than once per
        // finding; the numeric columns' in their two forms, before `data-value`.
        let opens = columns.map { "<td class=\"c-\($0.name)\" data-label=\"\(L($0.name.replacingBytes(of: "_", with: " ")))\">" }
        let numericOpens = columns.map { column -> (number: String, words: String) in
            let label = " data-label=\"\(L(column.name.replacingBytes(of: "_", with: " ")))\""
            return ("<td class=\"c-\(column.name) num\"\(label)", "<td class=\"c-\(column.name) words\"\(label)")
        }
        let severityCells = Dictionary(uniqueKeysWithValues: Severity.allCases.map {
            ($0, "<span class=\"sev \($0.rawValue)\">\(L.severity($0))</span></td>")
        })
        // Each rule's link to its description (title and what it checks, escaped), made once per
        // rule rather than once per finding.
        var ruleLinks: [RuleID: String] = [:]
        for rule in Set(findings.map(\.rule)) {
            let entry = rules[rule]
            ruleLinks[rule] = "</span><a class=\"rt\" href=\"#rule-\(rule.rawValue)\" title=\"\(escape(entry.description))\">\(escape(entry.title))</a></td>"
        }
        for i in findings.indices {
            let severity = findings[i].severity.rawValue, rule = findings[i].rule, id = log.text(i, .id)
            out.append("<tr id=\"")
            out.append(attribute(id))
            out.append("\" class=\"")
            out.append(severity)
            out.append("\" data-severity=\"")
            out.append(severity)
            out.append("\" data-bureau=\"")
            out.append(findings[i].bureau?.rawValue ?? noBureau)
            out.append("\" data-rule=\"")
            out.append(rule.rawValue)
            if findings[i].causedBy.isEmpty { out.append("\" data-root=\"1\"") } else { out.append("\" data-root=\"0\"") }
            if let status = findings[i].status {
                out.append(" data-status=\"")
                out.append(status.rawValue)
                out.append("\"")
            }
            out.append(">")
            for (offset, column) in columns.enumerated() {
                switch column {
                case .id:
                    out.append(opens[offset])
                    out.append("<span class=\"fid\">")
                    appendBreakable(id, after: .id, to: &out)
                    out.append(ruleLinks[rule]!)
                case .severity:
                    out.append(opens[offset])
                    out.append(severityCells[findings[i].severity]!)
                case .expected, .actual, .delta:
                    let value = column == .expected ? findings[i].expected : column == .actual ? findings[i].actual : findings[i].delta
                    if let number = value.number {
                        out.append(numericOpens[offset].number)
                        out.append(" data-value=\"")
                        out.append(number.plainText)
                        out.append("\">")
                    } else {
                        out.append(numericOpens[offset].words)
                        out.append(">")
                    }
                    appendValueHTML(value, L, to: &out)
                    out.append("</td>")
                case .sources:
                    out.append(opens[offset])
                    for source in log.items(i, .sources) {
                        out.append("<span class=\"src\">")
                        appendBreakable(source, after: .source, to: &out)
                        out.append("</span>")
                    }
                    out.append("</td>")
                case .causedBy:
                    out.append(opens[offset])
                    let texts = log.items(i, .causedBy)
                    for (n, cause) in findings[i].causedBy.enumerated() {
                        if n > 0 { out.append("<br>") }
                        let text = texts[n]
                        if ids.contains(cause) {
                            out.append("<a href=\"#")
                            out.append(attribute(text))
                            out.append("\">")
                            appendBreakable(text, after: .id, to: &out)
                            out.append("</a>")
                        } else {
                            appendBreakable(text, after: .id, to: &out)
                        }
                    }
                    out.append("</td>")
                default:
                    out.append(opens[offset])
                    appendEscaped(log.text(i, column), to: &out)
                    out.append("</td>")
                }
            }
            out.append("</tr>\n")
        }
        out += "</tbody></table>\n"
    }

    /// The rules that gave findings, each with its title and what it checks (quoting the run's
    /// tolerances) and its count by severity, a link that filters the table.
    static func rulesTable(_ tally: FindingTally, tolerances: Tolerances, _ L: Labels) -> String {
        var html = "<table class=\"rules\"><thead><tr><th scope=\"col\">\(L("rule"))</th><th scope=\"col\">\(L("title"))</th><th scope=\"col\">\(L("what it checks"))</th>"
        html += "<th scope=\"col\" class=\"num\">\(L("findings"))</th></tr></thead><tbody>\n"
        for rule in RuleID.allCases {
            let total = tally.count(rule: rule)
            let entry = L.language.rule(rule, tolerances: tolerances)
            let count = total == 0 ? "<span class=\"zero\">0</span>"
                : "<a href=\"#findings\" data-set-rule=\"\(rule.rawValue)\">\(total)</a>"
                + severities.compactMap { s in
                    let n = tally.count(rule: rule, s)
                    return n == 0 ? nil : " <span class=\"sev \(s.rawValue)\" title=\"\(L.severity(s))\">\(n)</span>"
                }.joined()
            html += "<tr id=\"rule-\(rule.rawValue)\"\(total == 0 ? " class=\"quiet\"" : "")><td class=\"code\">\(rule.rawValue)</td><td>\(escape(entry.title))</td>"
            html += "<td>\(escape(entry.description))</td><td class=\"num\">\(count)</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The inputs of the run: what each was taken for, what became of it, and its SHA-256.
    static func inputsTable(_ run: RunFacts, _ L: Labels) -> String {
        var html = "<table class=\"inputs\"><thead><tr><th scope=\"col\">\(L("file"))</th><th scope=\"col\">\(L("kind"))</th><th scope=\"col\">\(L("bureau"))</th>"
        html += "<th scope=\"col\">\(L("fate"))</th><th scope=\"col\" class=\"num\">\(L("size"))</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n"
        for input in run.inputs {
            let kept = input.keptInInbox ? " <small>(\(escape(L("kept in the inbox"))))</small>" : ""
            let fate = "<span class=\"fate \(attribute(input.fate.rawValue))\">\(escape(L(input.fate.rawValue)))</span>" + kept
                + (input.reason.map { "<br><small>\(escape($0))</small>" } ?? "")
            html += "<tr><td data-label=\"\(L("file"))\">\(breakable(input.file, after: .file))</td><td data-label=\"\(L("kind"))\">\(escape(input.kind ?? "—"))</td>"
            html += "<td data-label=\"\(L("bureau"))\">\(escape(input.bureau ?? "—"))</td><td data-label=\"\(L("fate"))\">\(fate)</td>"
            html += "<td class=\"num\" data-label=\"\(L("size"))\">\(size(input.size, L))</td><td data-label=\"SHA-256\"><code class=\"hash\">\(input.sha256.isEmpty ? L("not read") : escape(input.sha256))</code></td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
