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
        #expect(probe.maxHeld == held && !window.reachedEnd)
    }

    @Test func aSheetEndingInsideTheWindowIsHeldWhole() throws {
        let cursor = Self.cursor(500)
        var window = try RowWindow(reading: cursor, headerRow: nil, preferred: [], probe: nil)
        try window.fill(from: cursor)
        #expect(window.rows.count == 500 && window.reachedEnd)
    }

    @Test func aLongerSheetFillsTheWindowAndLeavesTheRestToStream() throws {
        let cursor = Self.cursor(5 * RowWindow.maxRows)
        let probe = RowWindowProbe()
        var window = try RowWindow(reading: cursor, headerRow: nil, preferred: [], probe: probe)
        try window.fill(from: cursor)
        #expect(window.rows.map(\.number) == Array(1...RowWindow.maxRows))
        #expect(!window.reachedEnd)
        #expect(probe.maxHeld == RowWindow.maxRows)
        #expect(try cursor.nextRow()?.number == RowWindow.maxRows + 1, "the rest of the sheet is left to the cursor")
    }

    /// The window's rows, then the cursor's: each row once, in order; the cursor's error is kept.
    @Test func aContinuedCursorHandsOutTheHeldRowsThenTheRest() throws {
        let cursor = Self.cursor(1_500)
        var window = try RowWindow(reading: cursor, headerRow: nil, preferred: [], probe: nil)
        try window.fill(from: cursor)
        let continued = ContinuedRowCursor(window.rows, then: cursor)
        var numbers: [Int] = []
        while let row = try continued.nextRow() { numbers.append(row.number) }
        #expect(numbers == Array(1...1_500))
        #expect(continued.reachedEnd && continued.readFailure == nil)
        #expect(try continued.nextRow() == nil)
    }

    final class FailingCursor: RowCursor {
        struct Broken: Error {}
        var left: Int
        init(rows: Int) { left = rows }
        let mergedRanges: [CellRange] = []
        func nextRow() throws -> SheetRow? {
            guard left > 0 else { throw Broken() }
            left -= 1
            return SheetLoaderTests.row(1_000 - left, [("A", SheetLoaderTests.V.n(1))])
        }
    }

    @Test func aContinuedCursorKeepsTheErrorOfReadingTheSheet() throws {
        let continued = ContinuedRowCursor([], then: FailingCursor(rows: 2))
        #expect(try continued.nextRow() != nil)
        #expect(try continued.nextRow() != nil)
        #expect(throws: FailingCursor.Broken.self) { try continued.nextRow() }
        #expect(continued.readFailure is FailingCursor.Broken && !continued.reachedEnd)
    }

    @Test func aShortSheetEndsTheSearchEarly() throws {
        let window = try RowWindow(reading: Self.cursor(7), headerRow: nil, preferred: [20], probe: nil)
        #expect(window.rows.count == 7 && window.reachedEnd)
    }
}
