import Testing
@testable import Normalise
import XLSXCore
import XLSXReader

/// What the loader's window of rows holds: the rows the header search needs, then at most
/// ``RowWindow/maxRows``, whatever the sheet's length.
@Suite struct RowWindowTests {
    /// Rows 1…count, one number cell each.
    static func cursor(_ count: Int) -> ArrayRowCursor {
        ArrayRowCursor(rows: (1...count).map { SheetLoaderTests.row($0, [("A", SheetLoaderTests.V.n(Double($0)))]) }, mergedRanges: [])
    }

    @Test(arguments: [(nil, [], 31), (5, [], 31), (nil, [40], 41), (nil, [40, 12], 41), (nil, [5_000], RowWindow.maxRows), (40, [200], 31)] as [(Int?, [Int], Int)])
    func theHeaderSearchReadsTheFirstRowsAndOnToTheRowUnderAnExcelTableHeader(fixed: Int?, tableHeaders: [Int], held: Int) throws {
        let probe = RowWindowProbe()
        let window = try RowWindow(reading: Self.cursor(10_000), headerRow: fixed, preferred: tableHeaders, probe: probe)
        #expect(window.rows.map(\.number) == Array(1...held))
        #expect(probe.maxHeld == held && !window.reachedEnd && !window.spilled)
    }

    @Test func aSheetEndingInsideTheWindowIsHeldWhole() throws {
        let cursor = Self.cursor(500)
        var window = try RowWindow(reading: cursor, headerRow: nil, preferred: [], probe: nil)
        try window.readToEnd(from: cursor, header: 3)
        #expect(window.rows.count == 500 && window.reachedEnd && !window.spilled)
    }

    @Test func aLongerSheetKeepsOnlyItsRowsDownToTheSubHeader() throws {
        let cursor = Self.cursor(5 * RowWindow.maxRows)
        let probe = RowWindowProbe()
        var window = try RowWindow(reading: cursor, headerRow: nil, preferred: [], probe: probe)
        try window.readToEnd(from: cursor, header: 3)
        #expect(window.rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(window.reachedEnd && window.spilled)
        #expect(probe.maxHeld == RowWindow.maxRows)
        #expect(try cursor.nextRow() == nil, "the sheet was read to its end (its merged ranges are known)")
    }

    @Test func aShortSheetEndsTheSearchEarly() throws {
        let window = try RowWindow(reading: Self.cursor(7), headerRow: nil, preferred: [20], probe: nil)
        #expect(window.rows.count == 7 && window.reachedEnd)
    }
}
