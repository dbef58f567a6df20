import Foundation
import Results
import Normalise
import Yams

/// The keys a pipeline file may use at each level, checked before decoding so that a typo gets
/// its line and a suggestion instead of being ignored.
enum PipelineSchema {
    static let top = ["name", "language", "document", "plan", "inbox", "output", "defaults", "aliases", "tolerances", "rules", "feedback", "tables", "sources"]
    static let rules = ["costRecoveryOverrun"]
    static let document = ["title", "subject", "creator", "company"]
    static let plan = ["id", "predecessor", "goals", "biennium", "bureaus", "envelope", "deadline"]
    static let defaults = ["unit", "dashMeans", "compactCodes"]
    static let aliases = ["bureau", "funding", "costCategory", "priority", "kpiUnit", "kpiDirection", "riskCategory", "extrabudgetaryNotes"]
    static let source = ["name", "kind", "files", "titles", "bureau", "unit", "tables"]
    static let bureauRule = ["fixed", "fileName", "fromTitle"]
    static let table = ["sheet", "excelTable", "table", "headerRow", "unit", "fields"]

    static func check(_ node: Node, file: String) throws {
        try keys(node, allowed: top, file: file, at: "")
        if let plan = node["plan"] { try keys(plan, allowed: self.plan, file: file, at: "plan") }
        if let document = node["document"] { try keys(document, allowed: self.document, file: file, at: "document") }
        if let defaults = node["defaults"] { try keys(defaults, allowed: self.defaults, file: file, at: "defaults") }
        if let aliases = node["aliases"] { try keys(aliases, allowed: self.aliases, file: file, at: "aliases") }
        if let rules = node["rules"] { try keys(rules, allowed: self.rules, file: file, at: "rules") }
        for (key, value) in node["tolerances"]?.mapping ?? [:] { try number(value, file: file, at: "tolerances.\(key.string ?? "?")") }
        if let envelope = node["plan"]?["envelope"] { try number(envelope, file: file, at: "plan.envelope") }
        for (i, source) in (node["sources"]?.sequence ?? []).enumerated() {
            try keys(source, allowed: self.source, file: file, at: "sources[\(i)]")
            if let rule = source["bureau"] { try keys(rule, allowed: bureauRule, file: file, at: "sources[\(i)].bureau") }
            for (j, table) in (source["tables"]?.sequence ?? []).enumerated() {
                try keys(table, allowed: self.table, file: file, at: "sources[\(i)].tables[\(j)]")
                let at = "sources[\(i)].tables[\(j)]"
                guard let kindNode = table["table"], let kind = kindNode.string else { continue }
                guard let tableKind = TableKind(rawValue: kind) else {
                    let valid = TableKind.allCases.map(\.rawValue)
                    let suggestion = closest(kind, in: valid).map { " (did you mean '\($0)'?)" } ?? ""
                    throw PipelineError(file: file, line: kindNode.mark.map { $0.line }, column: kindNode.mark.map { $0.column },
                                        "unknown table '\(kind)' in \(at)\(suggestion): the tables are \(valid.joined(separator: ", "))")
                }
                if let fields = table["fields"] { try self.fields(fields, of: tableKind, file: file, at: "\(at).fields") }
            }
        }
    }

    /// Each key of a table's `fields:` must be one of that table's fields; an unknown one is
    /// refused with the table's fields listed, so the fix can be read off the message.
    private static func fields(_ node: Node, of table: TableKind, file: String, at path: String) throws {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string else { continue }
            do { _ = try table.field(named: name) } catch {
                throw PipelineError(file: file, line: key.mark.map { $0.line }, column: key.mark.map { $0.column },
                                    error.message(at: path, suggestion: closest(name, in: table.fields.map(\.rawValue))))
            }
        }
    }

    /// A number the rules compute with is written as one (`1000`, `0.005`, `-2`, `1e6`): the
    /// decoder would read the leading digits of `1 000 CHF` as 1 and say nothing.
    private static func number(_ node: Node, file: String, at path: String) throws {
        guard let text = node.scalar?.string, text.wholeMatch(of: Self.plainNumber) == nil else { return }
        throw PipelineError(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
                            "\(path): expected \(PipelineError.expectation(Exact.self, at: [])); found '\(text)'")
    }

    nonisolated(unsafe) private static let plainNumber = #/[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?/#

    private static func keys(_ node: Node, allowed: [String], file: String, at path: String) throws {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            let suggestion = closest(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw PipelineError(file: file, line: key.mark.map { $0.line }, column: key.mark.map { $0.column },
                                "unknown key '\(name)'\(path.isEmpty ? "" : " in \(path)")\(suggestion)")
        }
    }

    /// The allowed word nearest to `word` by edit distance, when close enough to be a typo.
    static func closest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, Levenshtein.distance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, word.count / 3) else { return nil }
        return best
    }

    /// The node a decoding path points at, for its line.
    static func node(at path: [CodingKey], in root: Node) -> Node? {
        var current: Node? = root
        for key in path {
            if let index = key.intValue { current = current?.sequence.flatMap { index < $0.count ? $0[index] : nil } }
            else { current = current?[key.stringValue] }
        }
        return current
    }
}
