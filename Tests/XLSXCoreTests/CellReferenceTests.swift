import Testing
import TestSupport
import XLSXCore

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

    /// The worksheet reads `r=` from the parser's bytes: the same grammar as from text.
    @Test func bytesReadAsTextDoes() {
        var samples = ["A1", "B7", "$AB$12", "XFD1048576", "", "A", "7", "A0", "XFE1", "A1048577", "1A", "HXHXAAAAXHXAAA1", "A-1",
                       "a1", "$a$1", "A$1", "$$A1", "A1$", "AAA999999", "A01", "A 1", "Ä1", "ZZZZ9", String(repeating: "A", count: 40) + "1"]
        var random = SeededRandom(seed: 20_240_601)
        let alphabet = Array("AZaz$019 .-".utf8)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 9)
            samples.append(String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        for text in samples {
            let bytes = Array(text.utf8)
            #expect(CellReference(utf8: bytes.span) == CellReference(text), "\(text)")
        }
    }

    @Test func rangesNormaliseTheirCorners() throws {
        let range = try #require(CellRange("D4:A1"))
        #expect(range.description == "A1:D4")
        #expect(range.contains(CellReference(row: 2, column: 3)))
    }
}

extension CellReferenceTests {
    /// Every column's name (the short ones made once, issue 11) reads back as its number.
    @Test func everyColumnNameReadsBack() {
        for column in 1...16_384 {
            let name = CellReference.columnName(column)
            #expect(CellReference.columnNumber(name) == column, "\(column) → \(name)")
            #expect(name.utf8.allSatisfy { (65...90).contains($0) })
        }
        #expect(CellReference.columnName(26) == "Z" && CellReference.columnName(27) == "AA" && CellReference.columnName(703) == "AAA")
    }
}
