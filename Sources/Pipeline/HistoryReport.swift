import Foundation
import History

/// The text and JSON of `rbm history` and `rbm diff`, from a drop folder's `history.sqlite`.
public enum HistoryReport {
    /// The drop folder a pipeline file's runs use: its inbox's parent (where `archive/` and
    /// `history.sqlite` are).
    /// - Throws: `PipelineError` when the pipeline file does not load.
    public static func dropFolder(forPipeline path: String) throws -> URL {
        let pipeline = try PipelineFile.load(path: path)
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
        let inbox = pipeline.inbox.hasPrefix("/") ? URL(fileURLWithPath: pipeline.inbox)
            : URL(fileURLWithPath: pipeline.inbox, relativeTo: root).standardizedFileURL
        return inbox.deletingLastPathComponent()
    }

    /// Opens the history of `dropFolder`.
    /// - Throws: `PipelineError` when the folder has none.
    public static func open(dropFolder: URL) throws -> RunHistory {
        let path = dropFolder.appendingPathComponent(RunHistory.fileName).path
        guard let history = try RunHistory.existing(at: path) else {
            throw PipelineError(file: path, "no run history here (a run that files its inputs away creates it)")
        }
        return history
    }

    /// `rbm history`: one line per committed run, oldest first.
    public static func list(_ runs: [RunRecord]) -> String {
        var lines = ["run  started               pipeline                inputs  findings (error/warning/info)  new  resolved  persisting  regressed  acknowledged  exit"]
        for r in runs {
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
            lines.append(pad("\(r.id ?? 0)", 5) + pad(r.startedAt, 22) + pad(r.pipeline, 24) + pad("\(r.inputs)", 8)
                         + pad("\(r.findings) (\(r.errors)/\(r.warnings)/\(r.infos))", 31) + pad("\(r.new)", 5) + pad("\(r.resolved)", 10)
                         + pad("\(r.persisting)", 12) + pad("\(r.regressed)", 11) + pad("\(r.acknowledged)", 14) + "\(r.exitCode)")
        }
        if runs.isEmpty { lines.append("(no committed run)") }
        return lines.joined(separator: "\n")
    }

    /// The two runs `rbm diff` compares: none given, the last two (of `pipeline`); one, that run
    /// against the one it was compared with when it ran; two, the first against the second.
    /// - Throws: `PipelineError` when a run does not exist or there are fewer than two.
    public static func runs(_ given: [Int64], in history: RunHistory, pipeline: String?) throws -> (from: RunRecord, to: RunRecord) {
        let all = try history.runs(pipeline: pipeline)
        func find(_ id: Int64) throws -> RunRecord {
            guard let run = try history.run(id) else { throw PipelineError(file: RunHistory.fileName, "no run \(id) in the history") }
            return run
        }
        switch given.count {
        case 0:
            guard all.count >= 2 else { throw PipelineError(file: RunHistory.fileName, "\(all.count) committed run(s): nothing to compare") }
            return (all[all.count - 2], all[all.count - 1])
        case 1:
            let to = try find(given[0])
            let earlier = try history.runs(pipeline: to.pipeline).filter { ($0.id ?? 0) < given[0] }
            guard let from = try to.previousRunID.map(find) ?? earlier.last else {
                throw PipelineError(file: RunHistory.fileName, "run \(given[0]) is the first of its pipeline: nothing to compare")
            }
            return (from, to)
        default:
            return (try find(given[0]), try find(given[1]))
        }
    }

    /// `rbm diff` as text: new, resolved, regressed and changed findings with their amounts.
    public static func text(_ c: RunComparison, from: RunRecord, to: RunRecord) -> String {
        let new = c.findings.filter { $0.status == "new" }, regressed = c.findings.filter { $0.status == "regressed" }
        var lines = ["run \(from.id ?? 0) (\(from.startedAt)) → run \(to.id ?? 0) (\(to.startedAt)), \(to.pipeline): \(new.count) new, \(c.resolved.count) resolved, \(regressed.count) regressed, \(c.changed.count) changed"]
        func amount(_ text: String) -> String { text.isEmpty ? "" : "  delta \(text)" }
        func section(_ title: String, _ rows: [String]) {
            lines.append("")
            lines.append("\(title) (\(rows.count))")
            lines += rows.map { "  " + $0 }
        }
        section("new", new.map { "\($0.id)  \($0.severity)\(amount($0.deltaText))  \($0.message)" })
        section("resolved", c.resolved.map { "\($0.id)  \($0.severity)\($0.deltaText.isEmpty ? "" : "  was \($0.deltaText)")  (\($0.why))" })
        section("regressed", regressed.map { "\($0.id)  \($0.severity)\(amount($0.deltaText))  \($0.message)" })
        section("changed", c.changed.map { pair in
            let change = pair.after.deltaChange.map { " (\(signed($0)))" } ?? ""
            let severity = pair.before.severity == pair.after.severity ? pair.after.severity : "\(pair.before.severity) → \(pair.after.severity)"
            return "\(pair.after.id)  \(severity)  delta \(pair.before.deltaText.isEmpty ? "none" : pair.before.deltaText) → \(pair.after.deltaText.isEmpty ? "none" : pair.after.deltaText)\(change)"
        })
        return lines.joined(separator: "\n")
    }

    /// `rbm diff --format json`: one object, keys sorted.
    public static func json(_ c: RunComparison, from: RunRecord, to: RunRecord) throws -> String {
        struct Item: Encodable {
            var id: String, rule: String, severity: String, bureau: String?, delta: Double?, deltaText: String
            var message: String?, why: String?, before: Side?, change: Double?
            enum CodingKeys: String, CodingKey { case id, rule, severity, bureau, delta, deltaText = "delta_text", message, why, before, change }
        }
        struct Side: Encodable {
            var severity: String, delta: Double?, deltaText: String
            enum CodingKeys: String, CodingKey { case severity, delta, deltaText = "delta_text" }
        }
        struct Run: Encodable { var id: Int64?, startedAt: String, pipeline: String }
        struct Diff: Encodable { var from: Run, to: Run, new: [Item], resolved: [Item], regressed: [Item], changed: [Item] }
        func item(_ f: FindingRecord) -> Item {
            Item(id: f.id, rule: f.rule, severity: f.severity, bureau: f.bureau, delta: f.delta, deltaText: f.deltaText, message: f.message, why: nil, before: nil, change: nil)
        }
        let diff = Diff(
            from: Run(id: from.id, startedAt: from.startedAt, pipeline: from.pipeline), to: Run(id: to.id, startedAt: to.startedAt, pipeline: to.pipeline),
            new: c.findings.filter { $0.status == "new" }.map(item),
            resolved: c.resolved.map { Item(id: $0.id, rule: $0.rule, severity: $0.severity, bureau: $0.bureau, delta: $0.delta, deltaText: $0.deltaText,
                                            message: nil, why: $0.why, before: nil, change: nil) },
            regressed: c.findings.filter { $0.status == "regressed" }.map(item),
            changed: c.changed.map { pair in
                var i = item(pair.after)
                i.before = Side(severity: pair.before.severity, delta: pair.before.delta, deltaText: pair.before.deltaText)
                i.change = pair.after.deltaChange
                return i
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(diff), as: UTF8.self)
    }

    static func signed(_ value: Double) -> String {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return value > 0 ? "+" + text : text
    }

    /// `rbm validate`'s check of `<pipeline>.acks.yaml`: lines for entries whose id no finding of
    /// the pipeline's last committed run has, and for those already expired on `today`.
    public static func acknowledgementProblems(pipelinePath: String, today: Date = Date()) throws -> [String] {
        let acks = try Acknowledgements.load(forPipeline: pipelinePath)
        guard let path = acks.path, !acks.entries.isEmpty else { return [] }
        let name = URL(fileURLWithPath: path).lastPathComponent
        var lines: [String] = []
        let day = BatchRun.isoDay(today)
        for entry in acks.entries {
            if let expires = entry.expires, day > expires { lines.append("\(name): note: \(entry.id) expired on \(expires)") }
        }
        let folder = try dropFolder(forPipeline: pipelinePath)
        guard let history = try RunHistory.existing(at: folder.appendingPathComponent(RunHistory.fileName).path),
              let last = try history.lastRun(pipeline: URL(fileURLWithPath: pipelinePath).lastPathComponent), let id = last.id else {
            return lines
        }
        let ids = Set(try history.findings(run: id).map(\.id))
        for entry in acks.entries where !ids.contains(entry.id) {
            lines.append("\(name): note: \(entry.id) matches no finding of the last committed run (run \(id), \(last.startedAt))")
        }
        return lines
    }
}
