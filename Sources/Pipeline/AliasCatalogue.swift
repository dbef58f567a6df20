import Normalise

/// `rbm aliases [TABLE]`: the header and value aliases rbm ships (`Defaults/defaults.yaml`), so
/// nobody has to read Swift sources or the resource to know which words already work. A pipeline
/// file's `fields:` and `aliases:` add words to these.
public enum AliasCatalogue {
    /// The names `rbm aliases` accepts: each table kind (header aliases) and each value-alias table.
    public static var names: [String] { TableKind.allCases.map(\.rawValue) + PipelineFile.Aliases.tables.map(\.name) + ["extrabudgetaryNotes"] }

    /// The shipped aliases of `table` (a table kind or a value-alias table), or of every table.
    /// - Throws: ``PipelineError`` for an unknown name (listing the valid ones) or a broken install.
    public static func render(_ table: String? = nil) throws -> String {
        let defaults = try ShippedDefaults.load()
        if let table, !names.contains(table) {
            let hint = PipelineSchema.closest(table, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw PipelineError(file: "rbm aliases", "unknown table '\(table)'\(hint); the tables are \(names.joined(separator: ", "))")
        }
        var lines: [String] = []
        for kind in TableKind.allCases where table == nil || table == kind.rawValue {
            let fields = defaults.fields[kind.rawValue] ?? [:]
            lines.append("\(kind.rawValue) (header aliases; required: \(kind.required.map(\.rawValue).joined(separator: ", ")))")
            for field in kind.fields {
                let words = fields[field.rawValue] ?? []
                lines.append("  \(field.rawValue): " + (words.isEmpty ? "—" : words.map(quoted).joined(separator: ", ")))
            }
        }
        for entry in PipelineFile.Aliases.tables where table == nil || table == entry.name {
            lines.append("\(entry.name) (value aliases: canonical value: words)")
            let values = defaults.aliases[keyPath: entry.key]?.entries ?? [:]
            for key in values.keys.sorted() { lines.append("  \(key): " + (values[key] ?? []).map(quoted).joined(separator: ", ")) }
        }
        if table == nil || table == "extrabudgetaryNotes" {
            lines.append("extrabudgetaryNotes (words in a regular-budget row's notes that make it a FIN-010)")
            lines.append("  " + (defaults.aliases.extrabudgetaryNotes ?? []).map(quoted).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// Every shipped alias as two Markdown tables (header aliases by table and field, value aliases
    /// by table and canonical value): `docs/aliases.md` carries them, and a test keeps it equal.
    public static func markdown() throws -> String {
        let defaults = try ShippedDefaults.load()
        func cell(_ words: [String]) -> String {
            words.isEmpty ? "—" : words.map { "`\($0.isEmpty ? "\"\"" : $0)`" }.joined(separator: ", ").replacingOccurrences(of: "|", with: "\\|")
        }
        var lines = ["| table | field | header aliases |", "|---|---|---|"]
        for kind in TableKind.allCases {
            let fields = defaults.fields[kind.rawValue] ?? [:]
            for field in kind.fields {
                let name = kind.required.contains(field) ? "**\(field.rawValue)**" : field.rawValue
                lines.append("| `\(kind.rawValue)` | \(name) | \(cell(fields[field.rawValue] ?? [])) |")
            }
        }
        lines += ["", "| table | canonical value | aliases |", "|---|---|---|"]
        for entry in PipelineFile.Aliases.tables {
            let values = defaults.aliases[keyPath: entry.key]?.entries ?? [:]
            for key in values.keys.sorted() { lines.append("| `\(entry.name)` | `\(key)` | \(cell(values[key] ?? [])) |") }
        }
        lines.append("| `extrabudgetaryNotes` | — | \(cell(defaults.aliases.extrabudgetaryNotes ?? [])) |")
        return lines.joined(separator: "\n")
    }

    /// A word as YAML would need it in a flow list: quoted when it holds a comma, a colon or a bracket, or is empty.
    static func quoted(_ word: String) -> String {
        let special = word.isEmpty || Double(word) != nil || word.contains { ",:[]{}#\"'".contains($0) } || word.first.map { "*&!|>%@`-?↑↓".contains($0) } == true
        return special ? "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : word
    }
}
