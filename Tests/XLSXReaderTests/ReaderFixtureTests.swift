import Testing
import TestSupport
@testable import XLSXReader

/// The reader's value types on the demo workbooks (XlsxWriter: shared strings; openpyxl: inline).
@Suite struct ReaderFixtureTests {
    static func inbox(_ name: String) -> String { Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/\(name)") }

    static func cells(_ file: String, _ sheet: String) throws -> [String: SheetCell] {
        let book = try Workbook(path: inbox(file))
        let grid = try book.grid(for: try #require(book.sheet(named: sheet)))
        return Dictionary(uniqueKeysWithValues: grid.rows.flatMap(\.cells).map { ($0.reference.description, $0) })
    }

    @Test func sharedStringsNumbersAndACachedFormulaValue() throws {
        let c = try Self.cells("OP_TSB_2022-2025_v3.xlsx", "Plan opérationnel")
        #expect(c["B4"]?.value == .string("Produit"))
        #expect(c["F8"]?.value == .number(470000, text: "470000"))
        #expect(c["G9"]?.value == .string("0,5"))
        #expect(c["F11"]?.formula == "SUM(F5:F9)")
        #expect(c["F11"]?.value == .number(474950, text: "474950"))
    }

    @Test func inlineStringsDatesAndEmptyCells() throws {
        let c = try Self.cells("RR_ITU_2022-2023_v1.xlsx", "Risk register")
        #expect(c["A5"]?.value == .string("RSK-BR-01"))
        #expect(c["M5"]?.value == .date(serial: 44834, iso: "2022-09-30"))
        #expect(c["K8"] == nil)
    }

    @Test func mergedRangesAndSheetOrder() throws {
        let book = try Workbook(path: Self.inbox("OP_GS_2022-2025_v2.xlsx"))
        #expect(book.sheets.map(\.name) == ["GS OpPlan"])
        let grid = try book.grid(for: book.sheets[0])
        #expect(Set(grid.mergedRanges.map(\.description)) == ["A1:J1", "A2:J2", "D4:E4", "F4:G4"])
    }

    @Test(arguments: [("yyyy-mm-dd", true), ("#,##0", false), ("0.0%", false), ("[Red]0.00", false), ("[h]:mm", true),
                      ("\"d\"0", false), ("dd/mm/yy;@", true), ("General", false)])
    func dateFormatsAreRecognisedOutsideQuotesAndBrackets(code: String, isDate: Bool) {
        #expect(NumberFormat.isDate(code: code) == isDate)
    }

    @Test(arguments: [(1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"), (44834.0, "2022-09-30"), (44834.5, "2022-09-30T12:00:00")])
    func serialsBecomeISODatesIn1900(serial: Double, iso: String) {
        #expect(DateSerial.iso(serial: serial, date1904: false) == iso)
    }
}
