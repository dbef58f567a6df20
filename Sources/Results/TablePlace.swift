/// Where a table is configured in the pipeline file: the `tables:` entry `sources[2].tables[0]`,
/// with its source's name and its table kind, so that a message can name the exact line to edit
/// (`add fte: ["ETP prévus"] under sources[2].tables[0].fields`).
public struct TablePlace: Hashable, Sendable, Codable {
    /// The source's position in `sources:`, from 0.
    public var source: Int
    /// The source's `name:`.
    public var sourceName: String
    /// The table's position in the source's `tables:`, from 0.
    public var table: Int
    /// The table kind (`allocations`, `budgetLines`, …).
    public var kind: String

    public init(source: Int, sourceName: String, table: Int, kind: String) {
        self.source = source
        self.sourceName = sourceName
        self.table = table
        self.kind = kind
    }

    /// `sources[2].tables[0]`, as `rbm validate` and `rbm check` name it.
    public var path: String { "sources[\(source)].tables[\(table)]" }

    /// `sources[2].tables[0].fields (source 'OP', table 'allocations')`: where a header alias goes.
    public var fieldsBlock: String { "\(path).fields (source '\(sourceName)', table '\(kind)')" }

    /// The `fields:` line that maps `header` to `field`, quoted as YAML needs: `fte: ["ETP prévus"]`.
    public static func fieldsLine(field: String, header: String) -> String {
        "\(field): [\(yamlString(header))]"
    }

    /// A text as a YAML double-quoted scalar (`"` and `\` escaped), safe in any pipeline line.
    public static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
