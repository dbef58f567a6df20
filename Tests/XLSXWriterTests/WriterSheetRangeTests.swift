import Testing

@testable import XLSXWriter

/// A cell reference is read on its UTF-8 bytes (`SheetRange.parseCell`): it accepts and refuses
/// exactly what reading it character by character did.
@Suite struct WriterSheetRangeTests {
    /// The character-by-character reading the byte reading replaced.
    static func byCharacters(_ text: Substring) -> (row: Int, column: Int)? {
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        let digits = text.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count),
            digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0", let row = Int(digits)
        else { return nil }
        let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        guard row <= WorksheetPart.maxRows, column < WorksheetPart.maxColumns else { return nil }
        return (row - 1, column)
    }

    static let cases: [String] = [
        "A1", "a1", "B2", "Z9", "AA10", "ab12", "XFD1048576", "XFD1048577", "XFE1", "xfd1", "ZZZ1", "AAAA1", "A0", "A01",
        "A", "1", "", "A1048576", "A10485760", "A1234567", "A12345678", "1A", "A1A", "A 1", " A1", "A1 ", "$A$1", "A-1",
        "Á1", "A\u{301}1", "A1\u{301}", "\r\n", "A\r\n1", "Ａ1", "A１", "K1", "\u{212A}1", "ß1", "A٣", "AB٣", "IV65536",
    ]

    @Test(arguments: cases)
    func aCellIsReadAsCharacterByCharacter(text: String) {
        let bytes = SheetRange.parseCell(Substring(text)), characters = Self.byCharacters(Substring(text))
        #expect(bytes?.row == characters?.row)
        #expect(bytes?.column == characters?.column)
    }

    @Test func randomReferencesAreReadAsCharacterByCharacter() {
        let alphabet = Array("AZaz09158XFD$:é\u{301} ")
        var state: UInt64 = 0x5EED
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for n in 0..<Int(state >> 61) + 1 {
                text.append(alphabet[Int((state >> UInt64(8 + 5 * n)) % UInt64(alphabet.count))])
            }
            let bytes = SheetRange.parseCell(Substring(text)), characters = Self.byCharacters(Substring(text))
            #expect(bytes?.row == characters?.row && bytes?.column == characters?.column, "\(text)")
        }
    }
}
