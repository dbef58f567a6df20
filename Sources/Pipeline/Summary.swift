import Foundation
import Results

/// The short text a run prints: files, rows, findings by severity, where the outputs are.
public enum Summary {
    public static func render(_ report: BatchRun.Report) -> String {
        let m = report.manifest
        var lines: [String] = []
        let archived = m.inputs.filter { $0.fate == .archived }.count
        let quarantined = m.inputs.filter { $0.fate == .quarantined }
        let superseded = m.inputs.filter { $0.fate == .superseded }.count
        let carried = m.inputs.filter { $0.fate == .current }.count
        lines.append("rbm \(m.rbmVersion) — \(m.pipeline)")
        if let c = m.changes {
            let against = c.previousRun.map { "against run \($0) of \(c.previousRunStartedAt ?? "?")" } ?? "the first run of this pipeline here"
            var extra = [c.regressed > 0 ? "\(c.regressed) regressed" : nil, c.acknowledged > 0 ? "\(c.acknowledged) acknowledged" : nil].compactMap { $0 }.joined(separator: ", ")
            if !extra.isEmpty { extra = ", " + extra }
            lines.append("changes: \(c.new) new, \(c.resolved) resolved, \(c.persisting) persisting\(extra) (\(against))")
            for r in m.resolved ?? [] { lines.append("  resolved \(r.id)\(r.delta.isEmpty ? "" : " (was \(r.delta))"): \(r.why)") }
        }
        lines.append("files: \(m.inputs.count) (\(archived) accepted, \(quarantined.count) quarantined, \(superseded) superseded, \(carried) current from earlier runs)")
        for q in quarantined { lines.append("  quarantined \(FileNames.display(q.file)): \(FileNames.display(q.reason ?? ""))") }
        let kept = m.inputs.filter { $0.keptInInbox == true }.count
        if kept > 0 {
            lines.append("  kept in the inbox (--keep-inputs): \(kept) \(kept == 1 ? "file" : "files"), nothing moved to archive/ or quarantine/, no workbook made current")
        }
        for name in m.leftInInbox { lines.append("  left in the inbox (still being written, or open in an editor): \(FileNames.display(name))") }
        let sheets = m.inputs.flatMap(\.sheets)
        let read = sheets.map(\.read).reduce(0, +), loaded = sheets.map(\.loaded).reduce(0, +)
        let skipped = sheets.map(\.skipped).reduce(0, +), rejected = sheets.map(\.rejected).reduce(0, +)
        let sheetsSkipped = report.model.submissions.flatMap { sub in sub.unloaded.filter { sub.didNotLoad($0.table) != nil } }.count
        let columns = sheets.flatMap(\.columns)
        let ignored = columns.filter { $0.role == .ignored }.count
        lines.append("rows: \(read) read = \(loaded) loaded + \(skipped) skipped + \(rejected) rejected; "
                     + "sheets: \(sheets.count) loaded, \(sheetsSkipped) skipped; columns: \(columns.count - ignored) read, \(ignored) ignored")
        let s = m.findingsBySeverity
        let gaps = notChecked(report.coverage)
        let incomplete = gaps.isEmpty ? "" : "; coverage incomplete: \(gaps.count) \(gaps.count == 1 ? "check" : "checks") not run"
        lines.append("findings: \(report.findings.count) (\(s["error", default: 0]) error, \(s["warning", default: 0]) warning, \(s["info", default: 0]) info; \(m.rootCauses) root causes)\(incomplete)")
        if !gaps.isEmpty {
            lines.append("not checked (rule, scope: why; every rule's coverage in manifest.json):")
            for line in gaps.prefix(Self.notCheckedLines) { lines.append("  " + line) }
            if gaps.count > Self.notCheckedLines { lines.append("  … and \(gaps.count - Self.notCheckedLines) more") }
        }
        lines.append("notes: \(m.notes.count) (see manifest.json)")
        lines.append("outputs: \(report.outputFolder)/")
        for o in m.outputs { lines.append("  \(o)") }
        for (name, error) in (m.failedOutputs ?? [:]).sorted(by: { $0.key < $1.key }) { lines.append("  NOT WRITTEN \(name): \(error)") }
        return lines.joined(separator: "\n")
    }

    /// How many "not checked" lines the summary prints before pointing at the manifest.
    static let notCheckedLines = 12

    /// One line per scope a rule could not check: `FIN-009 TSB: no fte column in OP_TSB.xlsx!Plan (caused by …)`.
    public static func notChecked(_ coverage: [Coverage]) -> [String] {
        coverage.flatMap { entry in
            entry.skipped.map { gap in
                let cause = gap.causedBy.isEmpty ? "" : " (caused by \(gap.causedBy.map(\.description).joined(separator: ", ")))"
                return "\(entry.rule.rawValue) \(gap.scope): \(gap.reason)\(cause)"
            }
        }
    }
}
