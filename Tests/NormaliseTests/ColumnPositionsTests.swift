import Testing
@testable import Normalise
import XLSXCore
import XLSXReader

/// A row's cells found by column (issue 11 replaced a dictionary per row with `ColumnPositions`).
struct ColumnPositionsTests {
    static func cells(_ columns: [Int]) -> [SheetCell] {
        columns.enumerated().map { i, c in SheetCell(reference: CellReference(row: 7, column: c), value: .string("v\(i)")) }
    }

    @Test(arguments: [[1, 2, 3], [3, 1, 2], [2, 5, 9], [1, 16_384], [16_384], [70], [1, 2, 2], []])
    func eachColumnFindsItsLastCellAsADictionaryWould(columns: [Int]) {
        let cells = Self.cells(columns)
        var expected: [Int: Int] = [:]
        for (i, cell) in cells.enumerated() { expected[cell.reference.column] = i }
        let positions = ColumnPositions(cells)
        for column in [-1, 0, 1, 2, 3, 4, 5, 9, 10, 69, 70, 71, 16_383, 16_384, 16_385] {
            #expect(positions.position(of: column) == expected[column], "column \(column)")
        }
    }
}
