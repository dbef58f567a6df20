import Testing
@testable import XLSX

@Suite struct CellReferenceTests {
    @Test(arguments: [("A1", 1, 1), ("B7", 7, 2), ("$AB$12", 12, 28), ("XFD1048576", 1_048_576, 16_384)])
    func parsesA1References(text: String, row: Int, column: Int) throws {
        let ref = try #require(CellReference(text))
        #expect(ref.row == row && ref.column == column)
        #expect(ref.description == text.replacingOccurrences(of: "$", with: ""))
    }

    @Test(arguments: ["", "A", "7", "A0", "XFE1", "A1048577", "1A", "HXHXAAAAXHXAAA1", "A-1"])
    func rejectsMalformedOrOutOfGridReferences(text: String) {
        #expect(CellReference(text) == nil)
    }

    @Test func rangesNormaliseTheirCorners() throws {
        let range = try #require(CellRange("D4:A1"))
        #expect(range.description == "A1:D4")
        #expect(range.contains(CellReference(row: 2, column: 3)))
    }
}
