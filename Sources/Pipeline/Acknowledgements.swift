import Foundation
import History
import Results
import Yams

/// `<pipeline>.acks.yaml` beside the pipeline file: findings a reviewer has accepted, each with why,
/// who, when, an optional expiry date and an optional cap on the finding's delta. Reviewed in
/// version control like the pipeline file itself (README, Acknowledgements).
public struct Acknowledgements: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The finding's stable id, `RULE/key`.
        public var id: String
        public var reason: String
        public var who: String
        /// ISO date (`2026-11-20`) it was given.
        public var date: String
        /// ISO date after which it no longer holds (the finding reopens).
        public var expires: String?
        /// The absolute delta the finding may reach and stay acknowledged.
        public var cap: Exact?
    }

    public var entries: [Entry]
    /// The file they came from (nil when there is none).
    public var path: String?

    /// The acknowledgements file of a pipeline: `pipelines/itu-2022-2023.yaml` → `pipelines/itu-2022-2023.acks.yaml`.
    public static func path(forPipeline pipelinePath: String) -> String {
        let url = URL(fileURLWithPath: pipelinePath)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(base).acks.yaml").path
    }

    /// Loads the pipeline's acknowledgements; none when the file does not exist.
    /// - Throws: `PipelineError` naming the file and the entry when it is not a list of complete entries.
    public static func load(forPipeline pipelinePath: String) throws -> Acknowledgements {
        let path = path(forPipeline: pipelinePath)
        guard let data = FileManager.default.contents(atPath: path) else { return Acknowledgements(entries: [], path: nil) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let text = String(data: data, encoding: .utf8) else { throw PipelineError(file: name, "not UTF-8 text") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw PipelineError(file: name, "not YAML: \(error)") }
        guard let root else { return Acknowledgements(entries: [], path: path) }
        guard let list = root["acknowledgements"]?.sequence else {
            throw PipelineError(file: name, "expected a list under `acknowledgements:`")
        }
        var entries: [Entry] = []
        for (index, node) in list.enumerated() {
            let line = node.mark?.line
            func field(_ key: String) -> String? { node[key]?.string.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
            func required(_ key: String) throws -> String {
                guard let value = field(key) else { throw PipelineError(file: name, line: line, "acknowledgement \(index + 1): `\(key):` is missing") }
                return value
            }
            func isoDate(_ key: String, _ value: String?) throws -> String? {
                guard let value else { return nil }
                guard value.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                    throw PipelineError(file: name, line: line, "acknowledgement \(index + 1): `\(key): \(value)` is not a date (YYYY-MM-DD)")
                }
                return value
            }
            var cap: Exact?
            if let text = field("cap") {
                guard let value = Exact(string: text), value >= 0 else {
                    throw PipelineError(file: name, line: line, "acknowledgement \(index + 1): `cap: \(text)` is not an amount")
                }
                cap = value
            }
            entries.append(Entry(id: try required("id"), reason: try required("reason"), who: try required("who"),
                                 date: try isoDate("date", try required("date"))!, expires: try isoDate("expires", field("expires")), cap: cap))
        }
        return Acknowledgements(entries: entries, path: path)
    }

    /// What applying the acknowledgements to a run's findings gave: the findings (those covered
    /// `acknowledged`), one record per entry (its state in this run) and notes for reopened and
    /// unmatched entries.
    struct Applied {
        var findings: [Finding]
        var records: [AcknowledgementRecord]
        var notes: [Note]
    }

    /// Applies each entry on `today` (ISO date): in force, it marks its finding `acknowledged`;
    /// expired or with the finding's delta past its cap, the finding keeps its status and a
    /// warning says why it reopened; an id no finding has is an info note.
    func apply(to findings: [Finding], today: String) -> Applied {
        var findings = findings
        var records: [AcknowledgementRecord] = [], notes: [Note] = []
        let file = SourceRef(file: path.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "acks.yaml")
        for entry in entries {
            func record(_ state: String) {
                records.append(AcknowledgementRecord(findingID: entry.id, reason: entry.reason, who: entry.who, date: entry.date, expires: entry.expires,
                                                     cap: entry.cap.map { $0.doubleValue }, state: state))
            }
            guard let index = findings.firstIndex(where: { $0.idText == entry.id }) else {
                record("unmatched")
                notes.append(Note(.acknowledgementUnmatched, source: file, "\(entry.id) is acknowledged (\(entry.who), \(entry.date)) but no finding of this run has that id"))
                continue
            }
            if let expires = entry.expires, today > expires {
                record("expired")
                notes.append(Note(.acknowledgementReopened, source: file, "\(entry.id) reopened: its acknowledgement (\(entry.who), \(entry.date)) expired on \(expires)"))
                continue
            }
            if let cap = entry.cap, let delta = findings[index].delta.number, abs(delta) > cap {
                record("over-cap")
                notes.append(Note(.acknowledgementReopened, source: file,
                                  "\(entry.id) reopened: its delta \(findings[index].delta.text) is past the acknowledged cap of \(cap.plainText) (\(entry.who), \(entry.date))"))
                continue
            }
            record("in-force")
            findings[index].status = .acknowledged
        }
        return Applied(findings: findings, records: records, notes: notes)
    }
}
