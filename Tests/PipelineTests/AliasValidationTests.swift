import Foundation
@testable import Pipeline
import TestSupport
import Testing

/// `rbm validate` checks alias blocks against each table's canonical values; `rbm aliases` prints
/// the shipped header and value aliases.
@Suite struct AliasValidationTests {
    static let original = "  bureau: {GS: [SG]}"

    @Test(arguments: [
        ("priority: {high: [Urgent]}", "'high' is not a priority value (did you mean 'HIGH'?): the keys of aliases.priority are canonical values, spelt exactly; valid: HIGH, LOW, MEDIUM. The words after the colon may be anything"),
        ("funding: {Trust: [Fonds]}", "'Trust' is not a funding value: the keys of aliases.funding are canonical values, spelt exactly; valid: RB, RB-CR, XB, XB-ICTDF, XB-TF, XB-VC. The words after the colon may be anything"),
        ("bureau: {ITU-T: [TSB]}", "'ITU-T' is not a bureau value: the keys of aliases.bureau are canonical values, spelt exactly; valid: BDT, BR, GS, TSB. The words after the colon may be anything"),
    ])
    func aKeyThatIsNotACanonicalValueIsAnErrorAtItsLine(block: String, message: String) throws {
        let replacement = Self.original + "\n  " + block
        let error = try PipelineValidationTests.error(replacing: Self.original, with: replacement)
        #expect(error.message == message)
        let text = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
            .replacingOccurrences(of: Self.original, with: replacement)
        #expect(error.line == PipelineValidationTests.line(of: block, in: text), "\(error)")
    }

    @Test func canonicalKeysWithAnyWordsPass() throws {
        let work = Fixtures.temporaryDirectory("rbm-aliases")
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try String(contentsOfFile: Fixtures.path("pipelines/itu-2022-2023.yaml"), encoding: .utf8)
        let path = work.appendingPathComponent("p.yaml").path
        try original.replacingOccurrences(of: Self.original, with: Self.original + "\n  priority: {HIGH: [Urgent, très haute]}")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let pipeline = try PipelineFile.load(path: path)
        #expect(pipeline.aliases?.priority?.canonical("très haute") == "HIGH")
        #expect(pipeline.aliases?.priority?.canonical("Élevée") == "HIGH", "the shipped words stay")
    }

    @Test func theShippedAliasesArePrintedTableByTable() throws {
        let priority = try AliasCatalogue.render("priority")
        #expect(priority == """
            priority (value aliases: canonical value: words)
              HIGH: High, H, "1", Élevée, Haute, Alta, Critical
              LOW: Low, L, "3", Faible, Baja
              MEDIUM: Medium, M, "2", Moyenne, Media
            """)
        let all = try AliasCatalogue.render()
        let defaults = try ShippedDefaults.load()
        for (table, fields) in defaults.fields {
            for (field, words) in fields where !words.isEmpty {
                #expect(all.contains("  \(field): " + words.map(AliasCatalogue.quoted).joined(separator: ", ")), "\(table).\(field)")
            }
        }
        #expect(throws: PipelineError.self) { try AliasCatalogue.render("prioritty") }
    }
}

/// docs/aliases.md carries the tables `rbm aliases --format markdown` prints, so the documentation
/// never drifts from `defaults.yaml`.
@Suite struct AliasDocsTests {
    @Test func theAliasesPageHoldsTheGeneratedTables() throws {
        let page = try String(contentsOfFile: Fixtures.path("docs/aliases.md"), encoding: .utf8)
        #expect(page.contains(try AliasCatalogue.markdown()), "regenerate with: .build/debug/rbm aliases --format markdown")
    }
}
