import Foundation
import Testing
import TestSupport
@testable import Normalise
import Results
import XLSXReader

/// Rows stream from the reader's cursor through the normaliser (issue 14): whatever a sheet's
/// length, the loader holds at most a window of rows, finds the header in the first rows, and gives
/// the same results as on a short sheet. Counted with a ``RowWindowProbe``, never timed.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbook fixtures"))
struct StreamingLoadTests {
    static func inline(_ text: String) -> String { #"<c t="inlineStr"><is><t>\#(text)</t></is></c>"# }

    static let header = "<row>" + inline("Objectif") + inline("Produit") + inline("Coût prévu 2022 (CHF)") + inline("Source de financement") + "</row>"
    static let dataRow = "<row>" + inline("T.1") + inline("T.1-1") + "<c><v>1200</v></c>" + inline("Budget ordinaire") + "</row>"
    static let sheetStart = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#

    /// `OP_TSB.xlsx` whose only sheet is made of `runs` (rows without `r`: each takes the next row).
    static func workbook(_ runs: [ZipFixture.Run], name: String = "OP_TSB.xlsx") throws -> String {
        try WorkbookFixture(rows: "").write(named: name) { entries in
            entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
            entries.append(ZipFixture.Entry("xl/worksheets/sheet1.xml", runs: [ZipFixture.Run(sheetStart)] + runs))
        }
    }

    static func load(_ path: String, probe: RowWindowProbe) throws -> ResultsModel {
        let table = TableProfile(table: .allocations, fields: ExcelTableTests.fields)
        let source = SourceProfile(name: "op", kind: .operationalPlan, files: ["OP_*.xlsx"], bureau: BureauRule(fixed: .tsb), tables: [table])
        var loader = WorkbookLoader(sources: [source], settings: SheetLoaderTests.settings)
        loader.probe = probe
        return try loader.load(path: path, as: source)
    }

    /// Plan rows for outputs T.1-1, T.1-2, …, each its own output (99 to an objective).
    static func distinctRows(_ count: Int) -> String {
        (0..<count).map { i in
            "<row>" + inline("T.\(i / 99 + 1)") + inline("T.\(i / 99 + 1)-\(i % 99 + 1)") + "<c><v>\(1000 + i)</v></c>" + inline("Budget ordinaire") + "</row>"
        }.joined()
    }

    @Test func aLongSheetIsNormalisedThroughABoundedWindow() throws {
        let rows = 3 * RowWindow.maxRows
        let path = try Self.workbook([ZipFixture.Run(Self.header), ZipFixture.Run(Self.distinctRows(rows)), ZipFixture.Run("</sheetData></worksheet>")])
        let probe = RowWindowProbe()
        let model = try Self.load(path, probe: probe)
        let account = try #require(model.submissions.first?.sheets.first)
        #expect((account.read, account.loaded, account.skipped, account.rejected) == (rows, rows, 0, 0))
        #expect(model.allocations.count == rows)
        let last = try #require(model.allocations.last)
        #expect(last.output.text == "T.31-30" && last.years[2022]?.total?.chf == Exact(1000 + rows - 1))
        #expect(probe.maxHeld <= RowWindow.maxRows, "held \(probe.maxHeld) rows of \(rows + 1)")
        #expect(probe.opened == 1, "one pass: no merge on the header row, so the rows are normalised as they stream")
    }

    @Test func rowsThatAreMostlyNotDataEndTheSheetWithAReason() throws {
        // A header, then 12,000 copies of one row (numbered, so the part stays under the ratio
        // limit): each repeats the first one's key.
        let copies = (2...12_001).map { Self.dataRow.replacingOccurrences(of: "<row>", with: #"<row r="\#($0)">"#) }.joined()
        let path = try Self.workbook([ZipFixture.Run(Self.header), ZipFixture.Run(copies), ZipFixture.Run("</sheetData></worksheet>")])
        let probe = RowWindowProbe()
        let error = try #require(throws: UnloadableRows.self) { try Self.load(path, probe: probe) }
        #expect(error.description == "OP_TSB.xlsx!Sheet1: 10000 of the first 10001 rows under the header were rejected or repeat another row's key, "
                + "and only 1 loaded; not a table to consolidate (the rest of the sheet was not read)")
        #expect(probe.maxHeld <= RowWindow.maxRows)
    }

    /// A two-row header whose group header spans two columns (the merge is written after the rows).
    static func mergedHeaderSheet(dataRows: Int) throws -> String {
        let top = "<row>" + inline("Objectif") + inline("Produit") + inline("Coût prévu 2022") + "<c/>" + inline("Source de financement") + "</row>"
        let sub = #"<row><c r="C2" t="inlineStr"><is><t>Staff</t></is></c><c r="D2" t="inlineStr"><is><t>Non-staff</t></is></c></row>"#
        let data = "<row>" + inline("T.1") + inline("T.1-1") + "<c><v>100</v></c><c><v>50</v></c>" + inline("Budget ordinaire") + "</row>"
        return try workbook([ZipFixture.Run(top), ZipFixture.Run(sub), ZipFixture.Run(data, times: dataRows),
                             ZipFixture.Run(#"</sheetData><mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells></worksheet>"#)])
    }

    @Test func mergedHeadersReadTheSameOnALongSheetAsOnAShortOne() throws {
        let shortProbe = RowWindowProbe(), longProbe = RowWindowProbe()
        let short = try Self.load(try Self.mergedHeaderSheet(dataRows: 3), probe: shortProbe)
        let long = try Self.load(try Self.mergedHeaderSheet(dataRows: 3 * RowWindow.maxRows), probe: longProbe)
        let a = try #require(short.submissions.first?.sheets.first), b = try #require(long.submissions.first?.sheets.first)
        #expect(a.headerRow == "1-2" && b.headerRow == "1-2")
        #expect(a.columns == b.columns)
        #expect(a.columns.filter { $0.role == .year }.map(\.category) == ["STAFF", "NONSTAFF"])
        #expect(short.allocations == long.allocations && short.allocations.count == 1)
        #expect((shortProbe.opened, longProbe.opened) == (1, 2),
                "a sheet inside the window is read once; a longer one whose header has a merge, again with its merges")
        #expect(longProbe.maxHeld <= RowWindow.maxRows)
    }

    /// Merges away from the header row (a title merged across the table, as the financial plan's
    /// first two rows are) leave the layout as it is: a long sheet is still read once.
    static func titledSheet(dataRows: Int) throws -> String {
        let title = "<row>" + inline("Plan opérationnel TSB") + "</row>"
        return try workbook([ZipFixture.Run(title), ZipFixture.Run(header), ZipFixture.Run(distinctRows(dataRows)),
                             ZipFixture.Run(#"</sheetData><mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A5:A6"/></mergeCells></worksheet>"#)])
    }

    @Test func mergesAwayFromTheHeaderKeepALongSheetToOnePass() throws {
        let shortProbe = RowWindowProbe(), longProbe = RowWindowProbe()
        let rows = 2 * RowWindow.maxRows + 7
        let short = try Self.load(try Self.titledSheet(dataRows: 20), probe: shortProbe)
        let long = try Self.load(try Self.titledSheet(dataRows: rows), probe: longProbe)
        let a = try #require(short.submissions.first?.sheets.first), b = try #require(long.submissions.first?.sheets.first)
        #expect(a.headerRow == "2" && b.headerRow == "2" && a.columns == b.columns)
        #expect(Array(long.allocations.prefix(20)) == short.allocations)
        #expect((b.read, b.loaded) == (rows, rows))
        #expect((shortProbe.opened, longProbe.opened) == (1, 1))
        #expect(longProbe.maxHeld <= RowWindow.maxRows)
    }

    /// A long sheet broken below the window is refused with the reader's error, as when it was
    /// read through before its rows were normalised, and whatever its rows above the break.
    @Test func aLongSheetBrokenBelowTheWindowIsRefusedWithTheReadersError() throws {
        let path = try Self.workbook([ZipFixture.Run(Self.header), ZipFixture.Run(Self.distinctRows(RowWindow.maxRows + 500)),
                                      ZipFixture.Run("<row><c><v>unclosed")])
        let error = try #require(throws: XLSXError.self) { try Self.load(path, probe: RowWindowProbe()) }
        #expect(error.description.hasPrefix("OP_TSB.xlsx[xl/worksheets/sheet1.xml]"))
    }

    @Test func aJunkSheetEndsAfterTheHeaderSearch() throws {
        // 200,000 rows that are no table, then XML that would fail if it were ever parsed.
        let path = try Self.workbook([ZipFixture.Run("<row>" + Self.inline("lorem ipsum") + "<c><v>7</v></c></row>", times: 200_000),
                                      ZipFixture.Run("<row><c><v>unclosed")])
        let probe = RowWindowProbe()
        let error = try #require(throws: NoTable.self) { try Self.load(path, probe: probe) }
        #expect(error.reason { "\($0)" }.hasPrefix("OP_TSB.xlsx: no OP table found (sheets seen: 'Sheet1')"))
        #expect(probe.maxHeld == HeaderMapper.searchedRows + 1, "only the rows the header search needs")
        #expect(probe.opened == 1)
    }

    @Test func aRatioBombUnderAHeaderIsRefusedNamingItsPart() throws {
        // A header, then 5,000 data rows each padded with 40,000 spaces: 200 MB of XML in about 200 KB.
        let path = try Self.workbook([ZipFixture.Run(Self.header), ZipFixture.Run(Self.dataRow + String(repeating: " ", count: 40_000), times: 5_000),
                                      ZipFixture.Run("</sheetData></worksheet>")])
        let probe = RowWindowProbe()
        let error = try #require(throws: XLSXError.self) { try Self.load(path, probe: probe) }
        #expect(error.code == .resourceLimit)
        #expect(error.description == "OP_TSB.xlsx[xl/worksheets/sheet1.xml]: error: compression ratio above 250:1 (zip bomb?)")
        #expect(probe.maxHeld <= RowWindow.maxRows)
    }
}
