import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXReader

/// Issue 15 through the whole read: numbers stored with more digits than a double holds
/// (`0.6899999999999999`, `2.2999999999999998`, `1.8400000000000001`) load as the exact decimals the
/// spreadsheet shows, in percent cells, in thousands and millions columns, and in codes typed as
/// numbers, with no binary noise in what a message would quote.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbook fixtures"))
struct NumberFidelityTests {
    static func inline(_ ref: String, _ text: String) -> String { #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }

    /// `name` with one sheet of `rows`; cell format 1 is `0%`.
    static func workbook(_ name: String, _ rows: String) throws -> String {
        var fixture = WorkbookFixture(rows: rows)
        fixture.stylesXML = WorkbookFixture.styles(numberFormats: ["9"])
        return try fixture.write(named: name)
    }

    static func load(_ path: String, kind: WorkbookKind, table: TableKind, fields: [Field: [String]]) throws -> ResultsModel {
        let source = SourceProfile(name: "src", kind: kind, files: ["*.xlsx"], bureau: BureauRule(fixed: .tsb),
                                   tables: [TableProfile(table: table, fields: fields)])
        return try WorkbookLoader(sources: [source], settings: SheetLoaderTests.settings).load(path: path, as: source)
    }

    /// A 69 % actual as openpyxl stores it and a 71 % target as Excel does, both in `0%` cells.
    @Test func aPercentKPIIsItsPercentage() throws {
        let rows = #"<row r="1">"# + Self.inline("A1", "KPI ID") + Self.inline("B1", "Unit") + Self.inline("C1", "Actual 2022")
            + Self.inline("D1", "Target") + #"</row><row r="2">"# + Self.inline("A2", "KPI-1") + Self.inline("B2", "%")
            + #"<c r="C2" s="1" t="n"><v>0.6899999999999999</v></c><c r="D2" s="1"><v>0.70999999999999996</v></c></row>"#
        let model = try Self.load(try Self.workbook("RF.xlsx", rows), kind: .resultsFramework, table: .kpis,
                                  fields: [.id: ["KPI ID"], .unit: ["Unit"], .actual: ["Actual"], .target: ["Target"]])
        let kpi = try #require(model.kpis.first)
        #expect(kpi.unit == "percent")
        #expect(kpi.actuals[2022]?.value == 69)         // was 68.99999999999999
        #expect(kpi.target?.value == 71)                // was 70.999999999999996
        #expect(kpi.actuals[2022]?.value.plainText == "69")
    }

    /// A target code typed as the number 2.3, stored by Excel as 2.2999999999999998.
    @Test func aCodeTypedAsANumberIsTheCodeShown() throws {
        let rows = #"<row r="1">"# + Self.inline("A1", "Target") + Self.inline("B1", "Description")
            + #"</row><row r="2"><c r="A2"><v>2.2999999999999998</v></c>"# + Self.inline("B2", "Broadband") + "</row>"
        let model = try Self.load(try Self.workbook("RF.xlsx", rows), kind: .resultsFramework, table: .targets,
                                  fields: [.code: ["Target"], .description: ["Description"]])
        #expect(model.targets.map(\.code) == ["2.3"])
        #expect(model.loadFindings.isEmpty)
    }

    /// Amounts in thousands and millions, and an FTE, as LibreOffice stores them (17 digits).
    @Test func scaledAmountsAreExact() throws {
        let rows = #"<row r="1">"# + Self.inline("A1", "Produit") + Self.inline("B1", "Coût prévu 2022 (milliers de CHF)")
            + Self.inline("C1", "Coût prévu 2023 (millions)") + Self.inline("D1", "ETP") + Self.inline("E1", "Source de financement")
            + #"</row><row r="2">"# + Self.inline("A2", "T.1-1")
            + #"<c r="B2" t="n"><v>1234.5599999999999</v></c><c r="C2" t="n"><v>1.8400000000000001</v></c><c r="D2" t="n"><v>2.2999999999999998</v></c>"#
            + Self.inline("E2", "Budget ordinaire") + "</row>"
        let model = try Self.load(try Self.workbook("OP_TSB.xlsx", rows), kind: .operationalPlan, table: .allocations,
                                  fields: SheetLoaderTests.opFields)
        let allocation = try #require(model.allocations.first)
        #expect(allocation.years[2022]?.total?.chf == 1_234_560 && allocation.years[2022]?.total?.unit == .kchf)
        #expect(allocation.years[2023]?.total?.chf == 1_840_000 && allocation.years[2023]?.total?.unit == .mchf)
        #expect(allocation.fte?.value == Exact(string: "2.3"))
        #expect(model.loadFindings.isEmpty)
    }

    /// An amount beyond any budget (2.3 × 10^9 millions) is refused quoting the cell's text: the
    /// number the spreadsheet shows.
    @Test func aRejectionQuotesTheNumberWithoutNoise() throws {
        let rows = #"<row r="1">"# + Self.inline("A1", "Produit") + Self.inline("B1", "Coût prévu 2022 (millions)")
            + Self.inline("C1", "Source de financement") + #"</row><row r="2">"# + Self.inline("A2", "T.1-1")
            + #"<c r="B2"><v>2299999999.9999998</v></c>"# + Self.inline("C2", "Budget ordinaire") + "</row>"
        let model = try Self.load(try Self.workbook("OP_TSB.xlsx", rows), kind: .operationalPlan, table: .allocations,
                                  fields: SheetLoaderTests.opFields)
        #expect(model.loadFindings.map(\.actual.text) == ["2300000000"])   // not 2299999999.9999998
    }
}
