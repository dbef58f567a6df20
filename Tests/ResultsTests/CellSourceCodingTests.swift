import Foundation
import Results
import Testing

/// A worker's result names its file once (issue 11): cells of that file round-trip through the
/// compact form, any other cell through the keyed form, and without the key nothing changes.
@Suite struct CellSourceCodingTests {
    static let cells = [
        CellSource(file: "OP_BR.xlsx", sheet: "Operational Plan", position: CellPosition(row: 12, column: 5)),
        CellSource(file: "OP_BR.xlsx", sheet: "Sheet with  two spaces ", position: CellPosition(row: 1_048_576, column: 16_384)),
        CellSource(file: "OP_BR.xlsx", sheet: "", position: CellPosition(row: 1, column: 1)),
        CellSource(file: "FP_ITU.xlsx", sheet: "Financial Plan", position: CellPosition(row: 3, column: 2)),
    ]

    @Test("Cells of the named file are compact and come back equal; others stay keyed")
    func compact() throws {
        let encoder = JSONEncoder()
        encoder.userInfo[CellSource.compactFile] = "OP_BR.xlsx"
        let data = try encoder.encode(Self.cells)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"12 5 Operational Plan\""))
        #expect(text.contains("\"file\":\"FP_ITU.xlsx\""))
        #expect(!text.contains("\"file\":\"OP_BR.xlsx\""))
        let decoder = JSONDecoder()
        decoder.userInfo[CellSource.compactFile] = "OP_BR.xlsx"
        #expect(try decoder.decode([CellSource].self, from: data) == Self.cells)
    }

    @Test("Without the key the keyed form is written and read")
    func keyed() throws {
        let data = try JSONEncoder().encode(Self.cells)
        #expect(String(decoding: data, as: UTF8.self).contains("\"position\""))
        #expect(try JSONDecoder().decode([CellSource].self, from: data) == Self.cells)
    }
}

/// A source's text forms (issue 11: made without arrays, the short column letters made once).
@Suite struct SourceTextTests {
    /// Bijective base 26, as Excel numbers columns: 1 → A, 26 → Z, 27 → AA, 702 → ZZ, 703 → AAA.
    static func referenceLetters(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 {
            s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
            n = (n - 1) / 26
        }
        return s
    }

    @Test func columnLettersForEveryColumn() {
        for column in 0...16_384 { #expect(CellPosition.letters(column) == Self.referenceLetters(column), "\(column)") }
        #expect(CellPosition.letters(702) == "ZZ" && CellPosition.letters(703) == "AAA" && CellPosition.letters(-1) == "")
        #expect(CellPosition(row: 12, column: 28).a1 == "AB12")
    }

    @Test func aReferenceJoinsWhatItHasWithBangs() {
        #expect(SourceRef(file: "FP.xlsx", sheet: "Plan", cell: "E5:E9").description == "FP.xlsx!Plan!E5:E9")
        #expect(SourceRef(file: "FP.xlsx", sheet: "Plan").description == "FP.xlsx!Plan")
        #expect(SourceRef(file: "FP.xlsx", cell: "E5").description == "FP.xlsx!E5")
        #expect(SourceRef(file: "FP.xlsx").description == "FP.xlsx")
        #expect(SourceRef(file: "", sheet: "", cell: "").description == "!!")
    }
}

extension SourceTextTests {
    /// A finding's key and id appended in place (issue 11) read as the parts joined did.
    @Test func findingKeysReadAsThePartsJoined() {
        let parts: [Finding.ID.Part] = [.output(OutputCode("T.4-1")), .year(2023), .biennium(Biennium(2022, 2023)), .bureau(.tsb),
                                        .kind(.operationalPlan), .source(SourceTag(.operationalPlan, bureau: .br)), .text("Sheet 1!E5"), .text("")]
        var ids = [Finding.ID(.fin003, []), Finding.ID(.sub001, [], occurrence: 3)]
        for n in 0..<parts.count {
            ids.append(Finding.ID(.fin003, Array(parts[n...])))
            ids.append(Finding.ID(.rsk002, Array(parts[..<n]), occurrence: n + 1))
        }
        for id in ids {
            let joined = id.parts.map(\.description).joined(separator: "/") + (id.occurrence > 1 ? "#\(id.occurrence)" : "")
            #expect(id.key == joined)
            #expect(id.description == id.rule.rawValue + "/" + joined)
        }
        #expect(Finding.ID(.fin003, [.output(OutputCode("T.4-1")), .year(2023)], occurrence: 2).description == "FIN-003/T.4-1/2023#2")
    }
}
