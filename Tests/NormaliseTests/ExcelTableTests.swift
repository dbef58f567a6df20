import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXWriter

/// Excel tables (ListObjects) locate a sheet's header row, wherever it is, and `excelTable:` in a
/// pipeline file chooses the sheet by the table's name.
@Suite struct ExcelTableTests {
    static let fields: [Field: [String]] = [
        .output: ["Produit"], .objective: ["Objectif"], .amount: ["Coût prévu"], .funding: ["Source de financement"],
    ]

    /// `OP_TSB.xlsx`: a first sheet of notes, then `Plan` with 34 rows of instructions above its
    /// header (row 35), two data rows and, when `withTable`, the Excel table `OpPlan` over them.
    static func workbook(withTable: Bool) throws -> String {
        let path = Fixtures.temporaryDirectory("excel-table").appendingPathComponent("OP_TSB.xlsx").path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let book = try WorkbookWriter(path: path)
        let notes = try book.addSheet("Notes")
        try notes.writeRow(["Read the instructions on the Plan sheet."])
        let plan = try book.addSheet("Plan")
        for n in 1...34 { try plan.writeRow([Cell(.string("Instruction \(n): fill in one row per output and funding source."))]) }
        let header = ["Objectif", "Produit", "Coût prévu 2022 (CHF)", "Source de financement"]
        try plan.writeRow(header.map { Cell(.string($0)) })
        try plan.writeRow(["T.1", "T.1-1", 1200, "Budget ordinaire"])
        try plan.writeRow(["T.1", "T.1-2", 800, "Budget ordinaire"])
        if withTable { try plan.addTable(Table(range: "A35:D37", name: "OpPlan", columns: header)) }
        try book.close()
        return path
    }

    static func load(_ path: String, _ table: TableProfile) throws -> ResultsModel {
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["OP_*.xlsx"], bureau: BureauRule(fixed: .tsb), tables: [table])
        return try WorkbookLoader(sources: [source], settings: SheetLoaderTests.settings).load(path: path, as: source)
    }

    @Test func anExcelTablesHeaderRowIsFoundBelowTheFirstThirtyRows() throws {
        let model = try Self.load(try Self.workbook(withTable: true), TableProfile(sheet: "Plan", table: .allocations, fields: Self.fields))
        #expect(model.loadFindings.isEmpty)
        #expect(model.allocations.map(\.output.text) == ["T.1-1", "T.1-2"])
        let account = try #require(model.submissions.first?.sheets.first)
        #expect(account.headerRow == "35" && account.read == 2 && account.loaded == 2)
    }

    @Test func withoutTheTableTheSameHeaderIsTooFarDown() throws {
        // No table of its kind is found, so the workbook is refused (issue 14), with the reasons.
        let refusal = try #require(throws: NoTable.self) {
            try Self.load(try Self.workbook(withTable: false), TableProfile(sheet: "Plan", table: .allocations, fields: Self.fields))
        }
        #expect(refusal.sheetsSeen == ["Notes", "Plan"] && refusal.hasWorksheet)
        #expect(refusal.details.count == 2 && refusal.details.allSatisfy {
            if case .missingColumn("OP_TSB.xlsx", "Plan", _, _, _, _, _) = $0 { true } else { false }
        })
    }

    @Test func excelTableChoosesTheSheetIgnoringCase() throws {
        let model = try Self.load(try Self.workbook(withTable: true), TableProfile(excelTable: "opplan", table: .allocations, fields: Self.fields))
        #expect(model.loadFindings.isEmpty)
        #expect(model.allocations.count == 2)
        #expect(model.submissions.first?.sheets.first?.sheet == "Plan")
    }

    @Test func aMissingExcelTableIsNamedWithTheTablesThereAre() throws {
        // The source's only table is missing: the workbook is refused, naming the tables there are.
        let refusal = try #require(throws: NoTable.self) {
            try Self.load(try Self.workbook(withTable: true), TableProfile(excelTable: "Budget", table: .allocations, fields: Self.fields))
        }
        let place = TablePlace(source: 0, sourceName: "op", table: 0, kind: "allocations")
        let missing = Message.missingExcelTable(file: "OP_TSB.xlsx", name: "Budget", tables: [Message.NamedTable(name: "OpPlan", sheet: "Plan")],
                                                place: place)
        #expect(refusal.details == [missing])
        #expect(refusal.reason(rendering: { _ in "why" }) == "OP_TSB.xlsx: no OP table found (sheets seen: 'Notes', 'Plan') — why")

        let none = try #require(throws: NoTable.self) {
            try Self.load(try Self.workbook(withTable: false), TableProfile(excelTable: "Budget", table: .allocations, fields: Self.fields))
        }
        #expect(none.details == [.missingExcelTable(file: "OP_TSB.xlsx", name: "Budget", tables: [], place: place)])
    }
}
