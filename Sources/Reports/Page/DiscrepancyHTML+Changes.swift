import Foundation
import Results

extension DiscrepancyHTML {
    /// What changed since the previous committed run of the pipeline (the run history), for the
    /// page's lead: counts by status and the findings resolved since, with why.
    public struct Changes: Sendable {
        public var new: Int
        public var persisting: Int
        public var regressed: Int
        public var acknowledged: Int
        public var resolved: [(id: String, why: String)]

        public init(new: Int, persisting: Int, regressed: Int, acknowledged: Int, resolved: [(id: String, why: String)]) {
            self.new = new
            self.persisting = persisting
            self.regressed = regressed
            self.acknowledged = acknowledged
            self.resolved = resolved
        }

        /// `3 new, 2 resolved, 38 persisting` (and regressed, acknowledged when there are some).
        public var line: String {
            var parts = ["\(new) new", "\(resolved.count) resolved", "\(persisting) persisting"]
            if regressed > 0 { parts.append("\(regressed) regressed") }
            if acknowledged > 0 { parts.append("\(acknowledged) acknowledged") }
            return parts.joined(separator: ", ")
        }
    }

    /// The lead when the run has a history: what changed, then what was resolved since.
    static func changesSection(_ changes: Changes) -> String {
        var html = "<p class=\"changes\"><b>Since the previous run:</b> \(escape(changes.line)).</p>\n"
        guard !changes.resolved.isEmpty else { return html }
        html += "<details><summary>Resolved since the previous run (\(changes.resolved.count))</summary><ul class=\"resolved\">"
        html += changes.resolved.map { "<li><code>\(escape($0.id))</code>: \(escape($0.why))</li>" }.joined()
        return html + "</ul></details>\n"
    }

    /// The completeness matrix: every expected submission against what arrived.
    static func submissionsTable(_ expected: [ExpectedSubmission]) -> String {
        guard !expected.isEmpty else { return "" }
        var html = "<h3>Submissions</h3>\n<table class=\"submissions\"><thead><tr><th>expected</th><th>state</th><th>workbook</th><th>notes</th></tr></thead><tbody>\n"
        for e in expected {
            let state = e.state.rawValue + (e.late ? " (late)" : "") + (e.since.map { " since \($0)" } ?? "")
            html += "<tr class=\"\(e.state == .missing ? "error" : "")\"><td>\(escape(e.slot))</td><td>\(escape(state))</td>"
            html += "<td>\(escape(e.file ?? "—"))</td><td>\(e.notes.map(escape).joined(separator: "<br>"))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
