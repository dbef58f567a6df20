import Foundation
@testable import Pipeline
import Reports
import Results
import TestSupport
import Testing

/// `tables: true`: the normalised model and the findings as CSV tables with a data package
/// (docs/scale.md), read back and compared with the run's own model.
@Suite struct ModelTablesTests {
    /// Splits an RFC 4180 text into records (quoted fields may hold commas, quotes and newlines).
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.append(c) }
        }
        return records
    }

    static func runDemo(tables: Bool) throws -> (BatchRun.Report, URL) {
        let work = Fixtures.temporaryDirectory("rbm-tables")
        let pipeline = work.appendingPathComponent("tables.yaml")
        let text = try String(contentsOfFile: DemoScenarioTests.pipeline, encoding: .utf8)
        try (text + "\ntables: \(tables)\n").write(to: pipeline, atomically: true, encoding: .utf8)
        let (report, runWork) = try FeedbackWorkbookTests.run(pipeline: pipeline.path)
        try? FileManager.default.removeItem(at: work)
        return (report, runWork)
    }

    @Test func theModelAndTheFindingsAreExportedWithTheirSchema() throws {
        let (report, work) = try Self.runDemo(tables: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("out/tables")
        let package = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as? [String: Any]
        let resources = try #require(package?["resources"] as? [[String: Any]])
        #expect(resources.map { $0["name"] as? String } == ["objectives", "outputs", "allocations", "budget_lines", "kpis", "kpi_actuals", "risks", "findings"])
        var tables: [String: [[String: String]]] = [:]
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            let records = Self.records(try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8))
            #expect(records.first == fields, "\(path): the header is the schema's fields")
            #expect(records.dropFirst().allSatisfy { $0.count == fields.count }, "\(path): every row has every field")
            tables[path] = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(fields, $0)) }
            #expect(report.manifest.outputs.contains("tables/" + path))
        }
        let model = report.model
        // every row of the model, one per year for the plans; every finding
        #expect(tables["allocations.csv"]?.count == model.allocations.reduce(0) { $0 + $1.years.count })
        #expect(tables["budget_lines.csv"]?.count == model.budgetLines.reduce(0) { $0 + $1.years.count })
        #expect(tables["outputs.csv"]?.count == model.outputs.count)
        #expect(tables["risks.csv"]?.count == model.risks.count)
        #expect(tables["findings.csv"]?.map { $0["id"] } == report.findings.map(\.id.description))
        // exact amounts: the CSV's CHF sums equal the model's, per year
        for year in [2022, 2023] {
            let csv = (tables["budget_lines.csv"] ?? []).filter { $0["year"] == String(year) }.compactMap { Exact(string: $0["chf"] ?? "") }.reduce(0, +)
            let exact = model.budgetLines.compactMap { $0.years[year]?.chf }.reduce(0, +)
            #expect(csv == exact && exact > 0)
            let planned = (tables["allocations.csv"] ?? []).filter { $0["year"] == String(year) }.compactMap { Exact(string: $0["chf"] ?? "") }.reduce(0, +)
            #expect(planned == model.allocations.compactMap { $0.years[year]?.chf }.reduce(0, +))
        }
        // each row leads back to its cell, and says whose run it is
        let first = try #require(tables["allocations.csv"]?.first)
        #expect(first["source_cell"]?.split(separator: "!").count == 3)
        #expect(first["organisation"] == "International Telecommunication Union" && first["plan"] == "SP2020-2023" && first["biennium"] == "2022-2023")
    }

    @Test func tablesAreOffUnlessAskedForAndAStaleSetIsWithdrawn() throws {
        let (report, work) = try Self.runDemo(tables: false)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(!report.manifest.outputs.contains { $0.hasPrefix("tables/") })
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out/tables").path))
        let stale = ["tables/allocations.csv", "tables/datapackage.json", "feedback/XX-old.xlsx"]
        #expect(BatchRun.staleOutputs(in: work.appendingPathComponent("out"), keeping: report.manifest.outputs).isEmpty)
        for name in stale {
            let url = work.appendingPathComponent("out").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)
        }
        #expect(BatchRun.staleOutputs(in: work.appendingPathComponent("out"), keeping: report.manifest.outputs) == stale.sorted())
    }
}
