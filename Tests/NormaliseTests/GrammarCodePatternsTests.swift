@testable import Normalise
import Testing
import TestSupport

/// The code grammar's output, compact and objective patterns read on bytes (`CodePatterns`) give
/// exactly what their regular expressions give: the same texts matched, the same groups.
@Suite struct GrammarCodePatternsTests {
    /// Every byte the patterns tell apart, and a few they do not.
    static let alphabet: [String] = ["D", "R", "T", "I", "E", "X", "G", "0", "1", "2", "9", " ", ".", "-", "_", "/", "\t", "\n", ":",
                                     "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}"]

    static func agree(_ text: String, _ pattern: CodeGrammar.Pattern) -> Bool {
        CodeGrammar.groups(of: text, pattern) == CodeGrammar.regexGroups(of: text, pattern)
    }

    @Test("Every text of up to four characters of the alphabet", arguments: CodeGrammar.Pattern.allCases)
    func everyShortText(pattern: CodeGrammar.Pattern) {
        var texts = [""]
        var disagreements: [String] = []
        var matched = 0
        for _ in 1...4 {
            texts = texts.flatMap { prefix in Self.alphabet.map { prefix + $0 } }
            for text in texts {
                if !Self.agree(text, pattern) { disagreements.append(text) }
                if CodeGrammar.regexGroups(of: text, pattern) != nil { matched += 1 }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(matched > 100)   // the comparison saw matches, not only refusals
    }

    /// A code-shaped text: a sector letter, spaces and separators, zeros and digits in the
    /// output pattern's order, each part's length drawn (often beyond what the pattern takes), or
    /// a letter and digits (the compact form), then one time in two a character inserted,
    /// dropped or replaced.
    static func codeShaped(_ random: inout SeededRandom) -> String {
        func some(_ pool: [String], upTo n: Int) -> String {
            (0..<random.below(n + 1)).map { _ in pool[random.below(pool.count)] }.joined()
        }
        let digits = ["0", "1", "2", "5", "9"]
        var text = ["R", "T", "D", "I", "E", "X", "G"][random.below(7)]
        text += some([" ", "\t"], upTo: 2) + some([".", "-", "_", " ", "/"], upTo: 1) + some([" "], upTo: 2)
        text += some(["0"], upTo: 3) + some(digits, upTo: 3)
        text += some([" "], upTo: 2) + some([".", "-", "_", "/", " ", ":"], upTo: 2) + some([" "], upTo: 2)
        text += some(["0"], upTo: 3) + some(digits, upTo: 3)
        if random.below(4) == 0 { text = String(text.prefix(1)) + some(digits, upTo: 4) }   // compact: `D12`, `D114`
        var characters = Array(text)
        switch random.below(6) {
        case 0 where !characters.isEmpty: characters.remove(at: random.below(characters.count))
        case 1: characters.insert(Character(alphabet[random.below(alphabet.count)]), at: random.below(characters.count + 1))
        case 2 where !characters.isEmpty: characters[random.below(characters.count)] = Character(alphabet[random.below(alphabet.count)])
        default: break
        }
        return String(characters)
    }

    @Test("Random code-shaped texts", arguments: CodeGrammar.Pattern.allCases)
    func randomTexts(pattern: CodeGrammar.Pattern) {
        var random = SeededRandom(seed: 0x5EED_C0DE)
        var disagreements: [String] = []
        var matched = 0
        for _ in 0..<20_000 {
            let text = Self.codeShaped(&random)
            if !Self.agree(text, pattern) { disagreements.append(text) }
            if CodeGrammar.regexGroups(of: text, pattern) != nil { matched += 1 }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(matched > 300)   // the comparison saw matches, not only refusals
    }

    @Test("Texts the bytes do not read go to the regexes", arguments: [
        "D.1-2\u{301}",          // a combining mark makes the last character no digit
        "D.\u{0661}-2",          // an Arabic-Indic digit
        "D.1\r\n-2",             // CR LF is one character
        "D." + String(repeating: "0", count: 70) + "1-2",   // longer than a code
    ])
    func textsLeftToTheRegexes(text: String) {
        // The claim itself (the comparison below agrees by construction for such texts).
        #expect(CodeGrammar.PatternInput(text).bytes == nil)
        #expect(CodeGrammar.PatternInput("D.1-2").bytes != nil)
        for pattern in CodeGrammar.Pattern.allCases {
            #expect(Self.agree(text, pattern), "\(pattern)")
        }
    }

    @Test func theGroupsAreTheRegexesOwn() {
        #expect(CodeGrammar.groups(of: "D.001-014", .output) == ["D", "1", "14"])
        #expect(CodeGrammar.groups(of: "D 000", .objective) == ["D", "0"])
        #expect(CodeGrammar.groups(of: "T114", .compact) == ["T", "1", "14"])
        #expect(CodeGrammar.groups(of: "D.0100-1", .output) == nil)
    }
}
