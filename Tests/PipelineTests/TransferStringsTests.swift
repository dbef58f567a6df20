import Foundation
import Testing

@testable import Pipeline

/// The transfer's string table tells texts apart by their bytes: each reads back exactly as it was
/// written, canonically equivalent spellings included, and equal texts share one entry.
@Suite struct TransferStringsTests {
    static let composed = "Caf\u{E9} r\u{E9}gional", decomposed = "Cafe\u{301} re\u{301}gional"

    @Test func canonicallyEquivalentTextsReadBackAsWritten() throws {
        #expect(Self.composed == Self.decomposed, "Swift's == makes them one text")
        let texts = [Self.composed, Self.decomposed, "Ω", "\u{2126}", "K", "\u{212A}", Self.composed]
        let decoded = try TransferDecoder().decode([String].self, from: TransferEncoder().encode(texts))
        #expect(decoded.map { Array($0.utf8) } == texts.map { Array($0.utf8) })
    }

    @Test func equalTextsShareAnEntryAndIndexesFollowFirstUse() {
        var table = TransferStrings()
        let many = (0..<20_000).map { "row \($0 % 7_000) of sheet \($0 % 3)" }
        let indexes = many.map { table.index(of: $0) }
        var first: [String: UInt32] = [:]
        var expected: [UInt32] = []
        for text in many {
            if first[text] == nil { first[text] = UInt32(first.count) }
            expected.append(first[text]!)
        }
        #expect(indexes == expected)
        #expect(table.strings.count == first.count)
        // The same text in another string's storage (a substring made whole) finds its entry.
        let copy = String(("x" + many[42]).dropFirst())
        #expect(table.index(of: copy) == expected[42] && table.strings.count == first.count)
        #expect(table.index(of: Self.composed) != table.index(of: Self.decomposed))
    }

    /// Texts of every length to 40 bytes, short and long, equal and differing in any one byte
    /// (the comparison goes eight bytes at a time, then byte by byte).
    @Test func bytesDifferingAnywhereAreTold() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasSameBytes(as: String(decoding: bytes, as: UTF8.self)))
            for position in 0..<length {
                var changed = bytes
                changed[position] = UInt8(ascii: "Z")
                let other = String(decoding: changed, as: UTF8.self)
                #expect(!text.hasSameBytes(as: other) && !other.hasSameBytes(as: text), "\(length) \(position)")
            }
        }
    }
}
