import Foundation
import Normalise
@testable import Pipeline
import Testing
import TestSupport

/// `fields:` and `table:` in a pipeline file: spelt as strings, parsed into the typed ``Field`` and
/// ``TableKind`` when the file is loaded; a wrong name is refused at its line with the valid ones.
@Suite struct PipelineSchemaTests {
    static let allocationFields = "output, objective, title, activities, amount, biennium, fte, priority, funding, notes"

    @Test(arguments: [
        ("          fte: [Posts (FTE)]", "          ftee: [Posts (FTE)]", "ftee:",
         "unknown field 'ftee' in sources[2].tables[0].fields (did you mean 'fte'?): table 'allocations' has the fields \(allocationFields)"),
        ("          fte: [Posts (FTE)]", "          likelihood: [Posts (FTE)]", "likelihood:",
         "unknown field 'likelihood' in sources[2].tables[0].fields ('likelihood' is a field of 'risks'): table 'allocations' has the fields \(allocationFields)"),
        ("{sheet: Risk register, table: risks}", "{sheet: Risk register, table: risk}", "table: risk}",
         "unknown table 'risk' in sources[3].tables[0] (did you mean 'risks'?): the tables are goals, targets, objectives, outputs, kpis, crosswalk, budgetLines, sectorSummary, parameters, allocations, risks"),
    ])
    func aWrongFieldOrTableListsTheValidOnes(old: String, new: String, at key: String, message: String) throws {
        let error = try PipelineValidationTests.error(replacing: old, with: new)
        let text = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8).replacingOccurrences(of: old, with: new)
        #expect(error.message == message)
        #expect(error.line == PipelineValidationTests.line(of: key, in: text), "\(error)")
    }

    @Test func aPipelinesFieldsAreParsedIntoTypedFieldsOverTheShippedOnes() throws {
        let pipeline = try PipelineFile.load(path: Fixtures.path("pipelines/itu-2022-2023.yaml"))
        let allocations = try #require(pipeline.sources.flatMap(\.tables).first { $0.table == .allocations })
        let fte = try #require(allocations.fields?[.fte])
        #expect(fte.first == "Posts (FTE)")          // the file's own word first
        #expect(fte.contains("ETP"))                  // then the shipped ones
        #expect(allocations.fields?[.output]?.contains("Output ID") == true)
    }

    /// The shipped header aliases stay spelt as strings in `defaults.yaml`; each must be a field of its table.
    @Test(arguments: TableKind.allCases)
    func everyShippedHeaderAliasNamesAFieldOfItsTable(kind: TableKind) throws {
        let defaults = try ShippedDefaults.load()
        let typed = try defaults.fields(of: kind)
        #expect(typed.count == (defaults.fields[kind.rawValue] ?? [:]).count)
        for field in kind.required where kind != .parameters { #expect(typed[field] != nil, "\(kind).\(field)") }
    }

    @Test func aShippedAliasForAnotherTablesFieldIsABrokenInstall() throws {
        var defaults = try ShippedDefaults.load()
        defaults.fields["goals"]?["fte"] = ["FTE"]
        let error = try #require(throws: PipelineError.self) { try defaults.fields(of: .goals) }
        #expect(error.message == "rbm's shipped defaults: unknown field 'fte' ('fte' is a field of 'allocations'): table 'goals' has the fields code, shortName, title")
    }
}
