import Foundation
import Normalise
import Yams

/// The keys a pipeline file may use at each level, checked before decoding so that a typo gets
/// its line and a suggestion instead of being ignored.
enum PipelineSchema {
    static let top = ["name", "document", "plan", "inbox", "output", "defaults", "aliases", "tolerances", "rules", "sources"]
    static let rules = ["costRecoveryOverrun"]
    static let document = ["title", "subject", "creator", "company"]
    static let plan = ["id", "predecessor", "goals", "biennium", "bureaus", "envelope"]
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
        for (i, source) in (node["sources"]?.sequence ?? []).enumerated() {
            try keys(source, allowed: self.source, file: file, at: "sources[\(i)]")
            if let rule = source["bureau"] { try keys(rule, allowed: bureauRule, file: file, at: "sources[\(i)].bureau") }
            for (j, table) in (source["tables"]?.sequence ?? []).enumerated() {
                try keys(table, allowed: self.table, file: file, at: "sources[\(i)].tables[\(j)]")
                if let kind = table["table"]?.string, let tableKind = TableKind(rawValue: kind), let fields = table["fields"] {
                    try keys(fields, allowed: tableKind.fields, file: file, at: "sources[\(i)].tables[\(j)].fields")
                }
            }
        }
    }

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
