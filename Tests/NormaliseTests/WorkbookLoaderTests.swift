import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXReader

/// The per-file loader: which sheet a table is read from.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbook fixtures"))
struct WorkbookLoaderTests {
    static func inline(_ ref: String, _ text: String) -> String { #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }

    /// A plan sheet: header in row 1, one allocation of `amount` for T.1-1 in row 2.
    static func planSheet(amount: String) -> String {
        WorkbookFixture.sheet(#"<row r="1">"# + inline("A1", "Objectif") + inline("B1", "Produit") + inline("C1", "Coût prévu 2022 (CHF)")
            + inline("D1", "Source de financement") + #"</row><row r="2">"# + inline("A2", "T.1") + inline("B2", "T.1-1")
            + #"<c r="C2"><v>\#(amount)</v></c>"# + inline("D2", "Budget ordinaire") + "</row>")
    }

    /// `OP_TSB.xlsx` whose first sheet, `Old version`, has `state` and a stale amount, and whose
    /// second, `Plan`, is visible with the current one.
    static func workbook(firstSheetState state: String) throws -> String {
        var fixture = WorkbookFixture(sheetXML: planSheet(amount: "999"))
        fixture.workbookXML = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Old version" sheetId="1" state="\#(state)" r:id="rId1"/><sheet name="Plan" sheetId="2" r:id="rId2"/></sheets></workbook>"#
        fixture.workbookRelsXML = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#
        return try fixture.write(named: "OP_TSB.xlsx") { $0.append(ZipFixture.Entry("xl/worksheets/sheet2.xml", planSheet(amount: "1200"))) }
    }

    static func load(_ path: String) throws -> ResultsModel {
        let table = TableProfile(table: .allocations, fields: ExcelTableTests.fields)
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["OP_*.xlsx"], bureau: BureauRule(fixed: .tsb), tables: [table])
        return try WorkbookLoader(sources: [source], settings: SheetLoaderTests.settings).load(path: path, as: source)
    }

    @Test("without a sheet name the first visible sheet is read, and the hidden one named", arguments: ["hidden", "veryHidden"])
    func hiddenSheetsArePassedOver(state: String) throws {
        let model = try Self.load(try Self.workbook(firstSheetState: state))
        #expect(model.submissions.first?.sheets.map(\.sheet) == ["Plan"])
        #expect(model.allocations.map { $0.years[2022]?.total?.chf } == [1200])
        #expect(model.notes.filter { $0.kind == .hiddenSheet } == [Note(.hiddenSheet, source: SourceRef(file: "OP_TSB.xlsx"),
            "the allocations table was read from 'Plan', the first visible sheet; passed over the hidden sheet 'Old version' (\(state))")])
        #expect(model.notes.first?.severity == .info)
    }

    @Test func aVisibleFirstSheetIsReadWithoutANote() throws {
        let model = try Self.load(try Self.workbook(firstSheetState: "visible"))
        #expect(model.submissions.first?.sheets.map(\.sheet) == ["Old version"])
        #expect(!model.notes.contains { $0.kind == .hiddenSheet })
    }
}
