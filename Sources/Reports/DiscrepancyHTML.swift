import Results

/// `discrepancies.html`: the log as one self-contained page for reviewers — counts by severity and
/// rule, filters (severity, bureau, rule, root causes only, words), then every finding in log
/// order, each with its cells and links to its root causes.
public enum DiscrepancyHTML {
    /// - Parameter notChecked: one line per scope a rule could not check (`Summary.notChecked`), listed
    ///   under "Not checked" above the findings; nothing when coverage is complete.
    public static func render(_ findings: [Finding], title: String, notChecked: [String] = []) -> String {
        var bySeverity: [Severity: Int] = [:]
        var byRule: [RuleID: Int] = [:]
        for f in findings {
            bySeverity[f.severity, default: 0] += 1
            byRule[f.rule, default: 0] += 1
        }
        let ids = Set(findings.map(\.id))
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>\(escape(title)) — discrepancies</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
        th{background:#1f4e79;color:#fff;position:sticky;top:0}
        tr.error td.sev{background:#f8cbad}tr.warning td.sev{background:#ffe699}tr.info td.sev{background:#ddebf7}
        td.src{font:12px monospace;word-break:break-all}td.num{font-family:monospace;white-space:nowrap}
        .counts span{display:inline-block;margin-right:1.5em}:target{outline:2px solid #1f4e79}
        form{margin:1em 0}form label{margin-right:1.2em}tr.hidden{display:none}
        </style></head><body>
        <h1>\(escape(title))</h1>
        <p class="counts"><span><b>\(findings.count)</b> findings</span>
        """
        for severity in [Severity.error, .warning, .info] {
            html += "<span>\(bySeverity[severity, default: 0]) \(severity.rawValue)</span>"
        }
        html += "<span>\(findings.filter { $0.causedBy.isEmpty }.count) root causes</span></p>\n<p>"
        html += RuleID.allCases.compactMap { rule in byRule[rule].map { "<a href=\"#\(rule.rawValue)\">\(rule.rawValue)</a>&nbsp;\($0)" } }
            .joined(separator: " · ")
        html += "</p>\n"
        if !notChecked.isEmpty {
            html += "<h2>Not checked</h2>\n<ul class=\"not-checked\">" + notChecked.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += filterForm(findings)
        html += "<table><thead><tr>" + columns.map { "<th>\($0.name.replacingOccurrences(of: "_", with: " "))</th>" }.joined()
        html += "</tr></thead><tbody>\n"
        var firstOfRule = Set<RuleID>()
        for f in findings {
            let anchor = firstOfRule.insert(f.rule).inserted ? " id=\"\(f.rule.rawValue)\"" : ""
            let data = "data-severity=\"\(f.severity.rawValue)\" data-bureau=\"\(escape(LogColumn.bureau.text(f)))\" data-rule=\"\(f.rule.rawValue)\" data-root=\"\(f.causedBy.isEmpty ? 1 : 0)\""
            html += "<tr class=\"\(f.severity.rawValue)\"\(anchor) \(data)>"
            for column in columns {
                switch column {
                case .id: html += "<td id=\"\(attribute(f.id.description))\">\(escape(f.id.description))</td>"
                case .severity: html += "<td class=\"sev\">\(f.severity.rawValue)</td>"
                case .expected, .actual, .delta: html += "<td class=\"num\">\(escape(column.text(f)))</td>"
                case .sources: html += "<td class=\"src\">\(column.items(f).map(escape).joined(separator: "<br>"))</td>"
                case .causedBy:
                    let causes = f.causedBy.map { id in
                        ids.contains(id) ? "<a href=\"#\(attribute(id.description))\">\(escape(id.description))</a>" : escape(id.description)
                    }
                    html += "<td>\(causes.joined(separator: "<br>"))</td>"
                default: html += "<td>\(escape(column.text(f)))</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody></table>\n" + script + "</body></html>\n"
        return html
    }

    /// The log's columns the page shows: the rule is in the id already.
    static let columns = LogColumn.allCases.filter { $0 != .rule }

    /// Filters for reviewers: severity, bureau, rule, root causes only, and words. Without
    /// JavaScript the page still shows every finding.
    private static func filterForm(_ findings: [Finding]) -> String {
        func options(_ values: [String]) -> String {
            "<option value=\"\">all</option>" + values.map { "<option>\(escape($0))</option>" }.joined()
        }
        let severities = [Severity.error, .warning, .info].filter { s in findings.contains { $0.severity == s } }.map(\.rawValue)
        let bureaus = Array(Set(findings.compactMap(\.bureau))).sorted().map(\.rawValue)
        let rules = RuleID.allCases.filter { r in findings.contains { $0.rule == r } }.map(\.rawValue)
        return "<form id=\"filters\" hidden>"
            + "<label>severity <select name=\"severity\">\(options(severities))</select></label>"
            + "<label>bureau <select name=\"bureau\">\(options(bureaus))</select></label>"
            + "<label>rule <select name=\"rule\">\(options(rules))</select></label>"
            + "<label><input type=\"checkbox\" name=\"root\"> root causes only</label>"
            + "<label>words <input type=\"search\" name=\"words\"></label>"
            + "<span id=\"shown\"></span></form>\n"
    }

    private static let script = """
        <script>
        (function () {
          var form = document.getElementById('filters'), rows = document.querySelectorAll('tbody tr');
          form.hidden = false;
          function apply() {
            var sev = form.severity.value, bureau = form.bureau.value, rule = form.rule.value,
                root = form.root.checked, words = form.words.value.toLowerCase(), shown = 0;
            rows.forEach(function (row) {
              var d = row.dataset, show = (!sev || d.severity === sev) && (!bureau || d.bureau === bureau) &&
                (!rule || d.rule === rule) && (!root || d.root === '1') &&
                (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
              row.classList.toggle('hidden', !show);
              if (show) shown++;
            });
            document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
          }
          form.addEventListener('input', apply);
          form.addEventListener('submit', function (e) { e.preventDefault(); });
          apply();
        })();
        </script>

        """

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An id usable as an HTML id and fragment: spaces and `#` replaced.
    static func attribute(_ id: String) -> String {
        escape(id.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "#", with: "~"))
    }
}
