import Foundation
import Results

/// The normalised model and the findings as plain tables (`tables/*.csv` and `tables/datapackage.json`),
/// for an engine such as DuckDB or Spark that consolidates many runs or organisations (docs/scale.md).
///
/// Every row carries the run, the organisation and the plan, so files of many runs can be read as one
/// table. Amounts are exact decimals in CHF written as plain text (`12345.5`), never floating point;
/// codes are rbm's canonical forms; `source_cell` is `file!sheet!A1`, so each figure still leads back
/// to its cell. The schema is a Frictionless Data Package (`datapackage.json`, tabular-data-package
/// profile): one resource per CSV with its fields, types and descriptions.
public enum ModelTables {
    /// Who and what a run is about: the columns every row starts with.
    public struct Context: Sendable {
        /// The run's start, ISO 8601 (the manifest's `startedAt`).
        public var run: String
        /// The organisation (the pipeline file's `document.company`, else its `name`).
        public var organisation: String
        /// The plan's id (`SP2020-2023`) and biennium (`2022-2023`).
        public var plan: String
        public var biennium: String

        public init(run: String, organisation: String, plan: String, biennium: String) {
            self.run = run
            self.organisation = organisation
            self.plan = plan
            self.biennium = biennium
        }
    }

    /// A field's type in the data package (Frictionless Table Schema types).
    public enum FieldType: String, Sendable {
        case string, number, integer, boolean
    }

    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        public var description: String
    }

    /// One table: its name (the CSV's base name), what a row is, its fields and its rows (nil for an
    /// empty cell).
    public struct Table: Sendable {
        public var name: String
        public var description: String
        public var fields: [Field]
        public var rows: [[String?]]

        public var fileName: String { name + ".csv" }
    }

    /// The fields every table starts with.
    static let runFields = [
        Field(name: "run", type: .string, description: "the run's start (ISO 8601), as in manifest.json's startedAt"),
        Field(name: "organisation", type: .string, description: "the organisation whose plans the run reconciled"),
        Field(name: "plan", type: .string, description: "the strategic plan's id"),
        Field(name: "biennium", type: .string, description: "the biennium reconciled"),
    ]

    /// Every table of the model and the findings, in a fixed order.
    public static func tables(model: ResultsModel, findings: [Finding], context: Context, language: Language = .en) -> [Table] {
        let lead: [String?] = [context.run, context.organisation, context.plan, context.biennium]
        return [objectives(model), outputs(model), allocations(model), budgetLines(model), kpis(model), kpiActuals(model),
                risks(model), self.findings(findings, language: language)]
            .map { table in
                var table = table
                table.fields = runFields + table.fields
                table.rows = table.rows.map { lead + $0 }
                return table
            }
    }

    /// The table as CSV: UTF-8, LF, a header line, RFC 4180 quoting only where needed; an empty
    /// cell is an empty field.
    public static func csv(_ table: Table) -> String {
        var out = table.fields.map(\.name).map(DiscrepancyCSV.quote).joined(separator: ",") + "\n"
        out.reserveCapacity(out.utf8.count + table.rows.count * table.fields.count * 12)
        for row in table.rows {
            out += row.map { DiscrepancyCSV.quote($0 ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// `datapackage.json`: the Frictionless Data Package describing every table.
    public static func dataPackage(_ tables: [Table], context: Context) throws -> String {
        struct Package: Encodable {
            var profile = "tabular-data-package"
            var name: String
            var title: String
            var created: String
            var resources: [Resource]
        }
        struct Resource: Encodable {
            var name: String
            var path: String
            var profile = "tabular-data-resource"
            var format = "csv"
            var mediatype = "text/csv"
            var encoding = "utf-8"
            var description: String
            var schema: Schema
        }
        struct Schema: Encodable {
            var fields: [SchemaField]
            var missingValues = [""]
        }
        struct SchemaField: Encodable {
            var name: String
            var type: String
            var description: String
        }
        let package = Package(
            name: "rbm-model", title: "\(context.organisation): \(context.plan), biennium \(context.biennium)", created: context.run,
            resources: tables.map { table in
                Resource(name: table.name, path: table.fileName, description: table.description,
                         schema: Schema(fields: table.fields.map { SchemaField(name: $0.name, type: $0.type.rawValue, description: $0.description) }))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(package), as: UTF8.self) + "\n"
    }
}
