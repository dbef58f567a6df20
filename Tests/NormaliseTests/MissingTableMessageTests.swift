import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXWriter

/// issue 15, "messages that teach": a DAT-003 carries what its message needs to say which line of
/// the pipeline file to change — the table's entry (`sources[1].tables[0]`), the sheet nearest to
/// the one named, the header most likely meant.
@Suite struct MissingTableMessageTests {
    /// The second source of a pipeline file, so that its place is not the first by accident.
    static func load(_ table: TableProfile) throws -> NoTable {
        let other = SourceProfile(name: "framework", kind: .resultsFramework, files: ["RF_*.xlsx"], tables: [TableProfile(sheet: "Goals", table: .goals)])
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["OP_*.xlsx"], bureau: BureauRule(fixed: .tsb), tables: [table])
        let path = try ExcelTableTests.workbook(withTable: true)   // its header row (35) is found through the table
        return try #require(throws: NoTable.self) {
            try WorkbookLoader(sources: [other, source], settings: SheetLoaderTests.settings).load(path: path, as: source)
        }
    }

    static let place = TablePlace(source: 1, sourceName: "op", table: 0, kind: "allocations")

    @Test(arguments: [("Plans", "Plan"), ("Plan opérationnel", "Plan"), ("NOTES 2022", "Notes"), ("Budget by output", nil as String?)])
    func aMissingSheetNamesTheNearestSheetAndTheTablesEntry(wanted: String, closest: String?) throws {
        let refusal = try Self.load(TableProfile(sheet: wanted, table: .allocations, fields: ExcelTableTests.fields))
        #expect(Set(refusal.details) == [.missingSheet(file: "OP_TSB.xlsx", sheet: wanted, sheets: ["Notes", "Plan"], closest: closest, place: Self.place)])
    }

    /// Sheets named unlike the pipeline's `sheet:`; each listed name holds the plan's header in row 2.
    static func renamed(_ sheets: [(name: String, holdsPlan: Bool)]) throws -> String {
        let path = Fixtures.temporaryDirectory("renamed-sheet").appendingPathComponent("OP_TSB.xlsx").path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let book = try WorkbookWriter(path: path)
        for sheet in sheets {
            let writer = try book.addSheet(sheet.name)
            try writer.writeRow(["Plan opérationnel du TSB"])
            if sheet.holdsPlan {
                try writer.writeRow(["Objectif", "Produit", "Coût prévu 2022 (CHF)", "Source de financement"].map { Cell(.string($0)) })
                try writer.writeRow(["T.1", "T.1-1", 1200, "Budget ordinaire"])
            } else {
                try writer.writeRow(["Remarques générales"])
            }
        }
        try book.close()
        return path
    }

    static func refusal(_ path: String, wanted: String) throws -> NoTable {
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["OP_*.xlsx"], bureau: BureauRule(fixed: .tsb),
                                   tables: [TableProfile(sheet: wanted, table: .allocations, fields: ExcelTableTests.fields)])
        return try #require(throws: NoTable.self) { try WorkbookLoader(sources: [source], settings: SheetLoaderTests.settings).load(path: path, as: source) }
    }

    @Test func aRenamedSheetIsNamedByTheHeadersItHolds() throws {
        // `Budget by output` is nowhere near `Feuil2` by name; `Feuil2` holds the table's header.
        let path = try Self.renamed([("Notes", false), ("Feuil2", true)])
        let refusal = try Self.refusal(path, wanted: "Budget by output")
        let place = TablePlace(source: 0, sourceName: "op", table: 0, kind: "allocations")
        #expect(Set(refusal.details) == [.missingSheet(file: "OP_TSB.xlsx", sheet: "Budget by output", sheets: ["Notes", "Feuil2"], closest: "Feuil2",
                                                       place: place, byHeaders: true)])
    }

    @Test func twoSheetsHoldingTheHeaderAreNoGuess() throws {
        let path = try Self.renamed([("Feuil1", true), ("Feuil2", true)])
        let refusal = try Self.refusal(path, wanted: "Budget by output")
        #expect(refusal.details.allSatisfy {
            if case .missingSheet(_, _, _, nil, _, false) = $0 { true } else { false }
        }, "\(refusal.details)")
    }

    @Test func aMissingColumnNamesTheHeaderMostLikelyMeant() throws {
        // The pipeline knows `Produits`; the sheet's header is `Produit`, one edit away.
        var fields = ExcelTableTests.fields
        fields[.output] = ["Produits"]
        let refusal = try Self.load(TableProfile(sheet: "Plan", table: .allocations, fields: fields))
        let message = try #require(refusal.details.first)
        guard case .missingColumn(_, "Plan", "output", let headers, _, let likely, let place) = message else { Issue.record("\(message)"); return }
        #expect(headers.contains("Produit"))
        #expect(likely == "Produit")
        #expect(place == Self.place)
    }

    @Test(arguments: [
        (["Produits", "Objectif"], Field.output, "Produits" as String?),   // one edit from the alias `produit`
        (["Code du produit", "Objectif"], .output, "Code du produit"),     // shares the word `produit`
        (["Objectif", "Intitulé"], .output, nil),                          // nothing like it: no guess
        (["Produit", "Objectif"], .amount, nil),                           // a header another field takes is never suggested
    ])
    func theLikelyHeaderResemblesAnAliasOfTheField(headers: [String], field: Field, likely: String?) {
        let mapper = HeaderMapper(table: .allocations, fields: [.output: ["Produit"], .objective: ["Objectif"], .amount: ["Coût prévu"]],
                                  categories: SheetLoaderTests.settings.costCategories, biennium: SheetLoaderTests.settings.biennium)
        #expect(mapper.likelyHeader(among: headers, for: field) == likely)
    }
}
