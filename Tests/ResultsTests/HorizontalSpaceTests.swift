import Foundation
import Testing
import Results

/// `trimmingHorizontalSpace` trims what Foundation's `trimmingCharacters(in: .whitespaces)` trims
/// (issue 11 replaced the one with the other in the rules and the normaliser).
struct HorizontalSpaceTests {
    /// Every scalar of the Basic Multilingual Plane, where every space Unicode has lies (the whole
    /// code space takes Foundation's `CharacterSet` over a minute on Linux), and the other planes'
    /// first and last scalars.
    @Test func everyScalarIsASpaceExactlyWhenFoundationSaysSo() {
        var differing: [String] = []
        for value in Array(UInt32(0)...0xFFFF) + [0x10000, 0x1F600, 0xE0020, 0xE0100, 0x10FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isHorizontalSpace != CharacterSet.whitespaces.contains(scalar) {
                differing.append(String(value, radix: 16))
            }
        }
        #expect(differing.isEmpty, "scalars where the two disagree: \(differing.prefix(20))")
    }

    @Test(arguments: [
        "", " ", "\t", "  \t ", "abc", " abc", "abc ", "  a b  ", "\u{00A0}none\u{3000}", "\u{202F}n/a\t", "x\n", "\n x \n",
        " \u{301}abc", "abc \u{301}", "é ", " e\u{301} ", "\u{2000}\u{200A}tbd\u{205F}\u{1680}", "\u{200B}zero width\u{200B}",
        "\u{85}next line\u{85}", "Total I.1 ", "–", " — ", "\u{FEFF}bom ", "日本 語 ",
    ])
    func textsAreTrimmedAsFoundationTrimsThem(text: String) {
        #expect(text.trimmingHorizontalSpace == text.trimmingCharacters(in: .whitespaces))
        let sub = ("<" + text + ">").dropFirst().dropLast()
        #expect(sub.trimmingHorizontalSpace == sub.trimmingCharacters(in: .whitespaces))
    }
}
