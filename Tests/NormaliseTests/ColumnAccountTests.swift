import Foundation
import Testing
@testable import Normalise
import Results
import XLSXCore
@testable import XLSXReader

/// Every non-empty header cell of a loaded sheet is accounted for: mapped (with the alias that
/// matched), a year or biennium column, or ignored and why; near misses and missing fields are named.
@Suite struct ColumnAccountTests {
    typealias S = SheetLoaderTests

    static let header = S.row(4, [("A", "Objectif"), ("B", "Produit"), ("C", "Intitulé"), ("E", "Coût prévu 2022"), ("F", "Coût prévu 2023 (CHF)"),
                                  ("G", "ETP prévus"), ("H", "Priorité"), ("I", "Source de financement"), ("J", "Coût prévu 2024"), ("K", "Divers")])
    static let data = S.row(5, [("A", "T.1"), ("B", "T.1-1"), ("E", 100.0), ("F", 200.0), ("G", 1.0), ("H", "Élevée"), ("I", "Budget ordinaire")])

    @Test func everyHeaderCellIsListedWithWhatBecameOfIt() throws {
        let (_, account) = S.load(S.title + [Self.header, Self.data])
        let columns = try #require(account?.columns)
        #expect(columns.map(\.column) == ["A", "B", "C", "E", "F", "G", "H", "I", "J", "K"])
        let byLetter = Dictionary(uniqueKeysWithValues: columns.map { ($0.column, $0) })
        #expect(byLetter["A"]?.role == .field && byLetter["A"]?.field == "objective" && byLetter["A"]?.alias == "objectif")
        #expect(byLetter["E"]?.role == .year && byLetter["E"]?.year == 2022 && byLetter["E"]?.field == "amount" && byLetter["E"]?.alias == "cout prevu")
        #expect(byLetter["F"]?.unit == "CHF" && byLetter["F"]?.unitOrigin == "header")
        #expect(byLetter["E"]?.unit == "kCHF" && byLetter["E"]?.unitOrigin == "title rows")
        #expect(byLetter["K"]?.role == .ignored && byLetter["K"]?.probably == nil)
        #expect(byLetter["K"]?.reason == "no alias of table 'allocations' matches 'divers'")
    }

    @Test func aHeaderResemblingAnUnprovidedFieldIsAWarningWithThePipelineLine() throws {
        let (model, account) = S.load(S.title + [Self.header, Self.data])
        let g = try #require(account?.columns.first { $0.column == "G" })
        #expect(g.role == .ignored && g.probably == "fte" && g.suggestedLine == #"fte: ["ETP prévus"]"#)
        let c = try #require(account?.columns.first { $0.column == "C" })
        #expect(c.probably == nil, "a header sharing no word and far from every alias is not guessed")
        let warnings = model.notes.filter { $0.kind == .unmappedColumn }
        #expect(warnings.allSatisfy { $0.severity == .warning })
        let fte = try #require(warnings.first { $0.source?.cell == "G4" })
        #expect(fte.text == #"column G 'ETP prévus' matched no alias and was not read; it is probably 'fte' (read by FIN-009): add `fte: ["ETP prévus"]` under sources[0].tables[0].fields (source 'op', table 'allocations')"#)
    }

    @Test func aYearColumnOutsideTheBienniumIsAWarning() throws {
        let (model, account) = S.load(S.title + [Self.header, Self.data])
        let j = try #require(account?.columns.first { $0.column == "J" })
        #expect(j.role == .year && j.year == 2024 && j.reason == "2024 is outside the biennium 2022-2023: not compared")
        #expect(model.notes.contains { $0.kind == .unmappedColumn && $0.source?.cell == "J4" && $0.text.contains("outside the biennium 2022-2023") })
    }

    @Test func fieldsTheRulesNeedAndNoColumnProvidesAreNamed() throws {
        let (model, account) = S.load(S.title + [Self.header, Self.data])
        let missing = try #require(account?.missing)
        #expect(missing == [FieldGap(field: "fte", rules: [.fin009]), FieldGap(field: "notes", rules: [.fin010]),
                            FieldGap(field: FieldGap.staffSplit, rules: [.fin008, .fin009])])
        #expect(model.notes.contains { $0.kind == .missingFields && $0.text.hasPrefix("no column provides fte (FIN-009), notes (FIN-010)") })
    }

    @Test(arguments: [("Prioridad asignada", Field.priority), ("Sourse of funds", .funding), ("Remarques générales", .notes), ("Nombre de ETP", .fte)])
    func resemblanceCrossesLanguagesAndTypos(header: String, field: Field) {
        let mapper = HeaderMapper(table: .allocations, fields: S.opFields.merging([.priority: ["Prioridad"], .funding: ["Source of funds"], .notes: ["Remarques"]]) { $0 + $1 },
                                  categories: S.settings.costCategories, biennium: S.settings.biennium)
        #expect(mapper.resemblance(of: header, excluding: [.output, .amount]) == field)
        #expect(mapper.resemblance(of: header, excluding: [field]) != field, "a field another column provides is not suggested")
    }
}
