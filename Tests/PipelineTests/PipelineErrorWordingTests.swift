import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// issue 15, "messages that teach": a pipeline file's YAML syntax error points at the line and
/// column where the fix goes and says it in plain words; a value of the wrong kind says what was
/// expected, with an example, and what was found — never the decoder's words.
@Suite struct PipelineErrorWordingTests {
    /// Words of the YAML decoder that no message may show.
    static let jargon = ["typeMismatch", "codingPath", "Swift.", "Node", "Expected to decode", "Sequence", "Scalar", "Mapping<",
                         "scanner:", "parser:", "while scanning", "did not find expected"]

    @Test(arguments: [
        // A glob that starts with `*` is a YAML alias.
        ("    files: [\"RF_*.xlsx\"]", "    files: [*.xlsx]", "files: [*.xlsx]", 13,
         "`*.xlsx` starts with `*`, which YAML reads as an alias (a reference to an `&anchor`): quote it, \"*.xlsx\""),
        ("    files: [\"RF_*.xlsx\"]", "    files: *RF*.xlsx", "files: *RF", 12,
         "`*RF*.xlsx` starts with `*`, which YAML reads as an alias (a reference to an `&anchor`): quote it, \"*RF*.xlsx\""),
        // A tab used to indent.
        ("  biennium: 2022-2023", "\tbiennium: 2022-2023", "\tbiennium", 1,
         "this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces (as many as the lines around it use)"),
        // A bracket left open: the error is at the bracket, not at the next line libyaml stumbles on.
        ("  bureaus: [BR, TSB, BDT, GS]", "  bureaus: [BR, TSB, BDT, GS", "bureaus: [BR", 12,
         "the list opened with [ here is not closed: end it with ] on the same line (and quote an item that holds a comma, ] or ': ')"),
        // A quote left open: libyaml reports it twenty lines below, where the next `"` is.
        ("name: ITU 2022-2023 consolidation", "name: \"ITU 2022-2023 consolidation", "name: \"ITU", 7,
         "the quote \" opened here is not closed on its line: add the closing \" at the end of the value"),
        ("  title: ITU 2022-2023 consolidation", "  title: Consolidation: 2022-2023", "title: Consolidation", 23,
         "a ': ' inside a value starts a new key: quote the whole value, e.g. title: \"Budget: 2022\""),
    ])
    func aSyntaxErrorSaysWhatToDoAtItsLine(old: String, new: String, lineWith: String, column: Int, message: String) throws {
        let error = try PipelineValidationTests.error(replacing: old, with: new)
        let text = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8).replacingOccurrences(of: old, with: new)
        #expect(error.message == message)
        #expect(error.line == PipelineValidationTests.line(of: lineWith, in: text), "\(error)")
        #expect(error.column == column, "\(error)")
        for word in Self.jargon { #expect(!error.description.contains(word), "\(error)") }
    }

    @Test(arguments: [
        ("  bureaus: [BR, TSB, BDT, GS]", "  bureaus: BR", "bureaus: BR",
         "plan.bureaus: expected a list, e.g. [BR, TSB, BDT, GS]; found 'BR'"),
        ("  goals: 5", "  goals: five", "goals: five", "plan.goals: expected a whole number, e.g. 5; found 'five'"),
        ("- {sheet: Goals, table: goals}", "- {sheet: Goals, table: goals, fields: [Goal]}", "table: goals, fields",
         "sources[0].tables[0].fields: expected a mapping of field: [headers], e.g. fte: [ETP prévus]; found a list"),
        ("- {sheet: Goals, table: goals}", "- {sheet: Goals, table: goals, fields: {code: Goal}}", "table: goals, fields",
         "sources[0].tables[0].fields.code: expected a list, e.g. [Output no., Code]; found 'Goal'"),
        ("  amount.abs: 1000", "  amount.abs: 1 000 CHF", "amount.abs",
         "tolerances.amount.abs: expected a number, e.g. 0.005 or 1000 (no unit, no thousands separator); found '1 000 CHF'"),
        ("  amount.abs: 1000", "  amount.abs: [1000]", "amount.abs",
         "tolerances.amount.abs: expected a single value (a word, a text or a number), not a list or a mapping; found a list"),
        ("  bureaus: [BR, TSB, BDT, GS]", "  bureaus: [BR, XX]", "bureaus: [BR, XX]", "plan.bureaus[1]: 'XX' is not a valid value; valid: BR, TSB, BDT, GS"),
        ("  bureau: {GS: [SG]}", "  bureau: {GS: SG}", "bureau: {GS: SG}", "aliases.bureau.GS: expected a list, e.g. [SG, Secrétariat général]; found 'SG'"),
        ("  bureau: {GS: [SG]}", "  bureau: [GS, SG]", "bureau: [GS, SG]",
         "aliases.bureau: expected a mapping of value: [words], e.g. GS: [SG, Secrétariat général]; found a list"),
        ("- {sheet: Goals, table: goals}", "- {sheet: Goals, table: goal}", "table: goal}",
         "unknown table 'goal' in sources[0].tables[0] (did you mean 'goals'?): the tables are goals, targets, objectives, outputs, kpis, crosswalk, budgetLines, sectorSummary, parameters, allocations, risks"),
    ])
    func aValueOfTheWrongKindSaysWhatWasExpected(old: String, new: String, lineWith: String, message: String) throws {
        let error = try PipelineValidationTests.error(replacing: old, with: new)
        let text = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8).replacingOccurrences(of: old, with: new)
        #expect(error.message == message)
        #expect(error.line == PipelineValidationTests.line(of: lineWith, in: text), "\(error)")
        for word in Self.jargon { #expect(!error.description.contains(word), "\(error)") }
    }

    /// `rbm validate` prints the same sentence, with the file, line and column, and fails.
    @Test func validatePrintsThePlainWords() throws {
        let work = Fixtures.temporaryDirectory("rbm-yaml")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let original = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
        let path = work.appendingPathComponent("p.yaml").path
        try original.replacingOccurrences(of: "    files: [\"RR_*.xlsx\"]", with: "    files: [*.xlsx]").write(toFile: path, atomically: true, encoding: .utf8)
        let (status, output) = try #require(try CommandLineTests.rbm(["validate", path]))
        #expect(status != 0)
        let line = try #require(PipelineValidationTests.line(of: "files: [*.xlsx]", in: try String(contentsOfFile: path, encoding: .utf8)))
        #expect(output.contains("p.yaml:\(line):13: error: `*.xlsx` starts with `*`, which YAML reads as an alias (a reference to an `&anchor`): quote it, \"*.xlsx\""),
                "\(output)")
    }
}
