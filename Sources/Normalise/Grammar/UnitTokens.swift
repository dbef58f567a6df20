import Foundation
import Results

/// The unit an amount column is stated in, found from the unit tokens of its header or title
/// (domain.md b.3, end of "Amount parsing").
public enum AmountUnit: String, Sendable, CaseIterable {
    case chf = "CHF"
    case kchf = "kCHF"
    case mchf = "MCHF"

    /// What a value in this unit is multiplied by to give CHF.
    public var factor: Exact {
        switch self {
        case .chf: 1
        case .kchf: 1_000
        case .mchf: 1_000_000
        }
    }

    /// The tokens of b.3 that name this unit, as written there.
    public var tokens: [String] {
        switch self {
        case .mchf:
            ["MCHF", "CHF m", "M CHF", "millions", "million", "millones"]
        case .kchf:
            ["kCHF", "K CHF", "CHF '000", "CHF (000)", "'000", "(000)", "in thousands",
             "thousands of CHF", "en milliers", "milliers de CHF", "miles de CHF", "en miles"]
        case .chf:
            ["CHF", "en francs suisses", "en francos suizos"]
        }
    }

    /// The order b.3 tries the groups in: the first group that matches wins, so
    /// `en milliers de CHF` is thousands although it also holds the word `CHF`.
    public static let detectionOrder: [AmountUnit] = [.mchf, .kchf, .chf]

    /// Finds the unit a header or title names, or `nil` when it names none.
    ///
    /// Tokens match case-insensitively and as whole words on the text after
    /// `CodeText.normalise(_:)` (NBSP and line breaks become single spaces), with `’` read as `'`.
    /// "Whole word" applies at a token's letter or digit ends only: `'000` must not be followed
    /// by a digit, but its `'` may follow a space or a letter (`CHF'000`).
    public static func detect(in text: String) -> AmountUnit? {
        let haystack = Array(comparable(text))
        for (unit, tokens) in comparableTokens {
            for token in tokens where contains(haystack, wholeWord: token) {
                return unit
            }
        }
        return nil
    }

    /// Each unit's tokens in ``detectionOrder``, made comparable once per process rather than on
    /// every header and title (issue 11: NFKC, `replacingOccurrences` and lower-casing of 21 tokens
    /// a call).
    private static let comparableTokens: [(AmountUnit, [[Character]])] = detectionOrder.map { unit in
        (unit, unit.tokens.map { Array(comparable($0)) })
    }

    private static func comparable(_ text: String) -> String {
        CodeText.apostrophesStraightened(CodeText.normalise(text)).lowercased()
    }

    private static func contains(_ text: [Character], wholeWord token: [Character]) -> Bool {
        guard let head = token.first, let tail = token.last, token.count <= text.count else {
            return false
        }
        for start in 0...(text.count - token.count) where text[start] == head {
            let end = start + token.count
            guard text[start..<end].elementsEqual(token) else { continue }
            if isWordCharacter(head), start > 0, isWordCharacter(text[start - 1]) { continue }
            if isWordCharacter(tail), end < text.count, isWordCharacter(text[end]) { continue }
            return true
        }
        return false
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }
}
