import Foundation

/// Reads goal, target, objective and output codes into their canonical forms (domain.md b.3).
///
/// Every cell goes through `CodeText.preprocess(_:)` and the label stripping of step 3, then the
/// kind's regex of the b.3 table. The grammar never throws: a cell that does not read is a
/// `CodeParse` value the caller turns into a finding (DAT-002) or a note.
public struct CodeGrammar: Sendable {
    /// The code column being read.
    public enum Kind: String, Sendable, CaseIterable {
        case goal
        case target
        case objective
        /// Read with the output grammar; only the rejection wording differs.
        case outcome
        case output
    }

    /// How an output code without separators (`D12`) is read.
    public enum CompactCodes: String, Sendable, CaseIterable, Codable {
        /// `D12` could be D.1-2 or D.12: the row is rejected.
        case ambiguous
        /// The objective number is one digit, the rest is the output number: `D12` → `D.1-2`,
        /// `D114` → `D.1-14`.
        case singleDigit
    }

    /// Settings a pipeline file may change.
    public struct Options: Sendable, Equatable {
        public var compactCodes: CompactCodes

        public init(compactCodes: CompactCodes = .ambiguous) {
            self.compactCodes = compactCodes
        }
    }

    /// The label words stripped before matching, as given.
    public let labels: [String]
    public let options: Options
    private let preparedLabels: [String]
    /// Each text already read, by kind (codes repeat row after row; a match costs microseconds).
    private let memo = TextMemo<MemoKey, CodeParse>()

    private struct MemoKey: Hashable, Sendable {
        var text: String
        var kind: Kind
    }

    /// Creates a grammar; pass `CodeText.defaultLabels + extra` to extend the label list.
    public init(labels: [String] = CodeText.defaultLabels, options: Options = Options()) {
        self.labels = labels
        self.options = options
        self.preparedLabels = CodeText.prepareLabels(labels)
    }

    /// Reads one code cell's text as the given kind.
    ///
    /// - Returns: `.code` with the canonical form (`G1`, `2.1.A`, `R.1`, `D.1-14`); `.empty` when
    ///   nothing but labels and spaces is left; `.otherKind` for a valid output code in an
    ///   objective column (read as no stated objective, with an info note); `.rejected` otherwise.
    public func parse(_ raw: String, as kind: Kind) -> CodeParse {
        memo.value(MemoKey(text: raw, kind: kind)) { read($0.text, as: $0.kind) }
    }

    private func read(_ raw: String, as kind: Kind) -> CodeParse {
        let text = CodeText.stripLabels(CodeText.preprocess(raw), prepared: preparedLabels)
        if text.isEmpty { return .empty }
        switch kind {
        case .goal: return parseGoal(text)
        case .target: return parseTarget(text)
        case .objective: return parseObjective(text)
        case .outcome, .output: return parseOutput(text, kind: kind)
        }
    }

    /// Splits a goals list cell (`1, 2`, `G4, G5`) into its tokens as typed.
    ///
    /// Tokens are separated by `,`, `;`, `/` or a line break; a token made only of numbers and
    /// spaces (`1 2`) is split at the spaces too, because the goal regex would otherwise read it
    /// as its first number alone. Tokens keep their case but get `CodeText.normalise(_:)`, so
    /// the caller can quote one (RF-002 cites "the goal as typed") and read it with
    /// `parse(_:as: .goal)`.
    public func goalTokens(_ raw: String) -> [String] {
        raw.split(whereSeparator: { ",;/\n\r".contains($0) })
            .map { CodeText.normalise(String($0)) }
            .flatMap { token -> [String] in
                token.wholeMatch(of: Self.numbersAndSpaces) == nil
                    ? [token]
                    : token.split(separator: " ").map(String.init)
            }
            .filter { !$0.isEmpty }
    }

    // MARK: Kinds

    private func parseGoal(_ text: String) -> CodeParse {
        // Swift's default word boundary keeps `2.1` one word, so a target code in a goal
        // column is rejected rather than read as goal 2.
        guard let m = text.wholeMatch(of: Self.goal) else {
            return .rejected(reason: "unrecognised goal code '\(text)'")
        }
        return .code("G\(m.1)")
    }

    private func parseTarget(_ text: String) -> CodeParse {
        guard let m = text.wholeMatch(of: Self.target) else {
            return .rejected(reason: "unrecognised target code '\(text)'")
        }
        var code = "\(m.1).\(Self.number(m.2))"
        if let letter = m.3 { code += ".\(letter)" }
        return .code(code)
    }

    private func parseObjective(_ text: String) -> CodeParse {
        let input = PatternInput(text)
        if let m = Self.groups(of: input, .objective) {
            return .code("\(m[0]).\(Self.number(m[1]))")
        }
        if let m = Self.groups(of: input, .output) {
            return .otherKind(code: "\(m[0]).\(Self.number(m[1]))-\(Self.number(m[2]))", kind: .output)
        }
        return .rejected(reason: "unrecognised objective code '\(text)'")
    }

    private func parseOutput(_ text: String, kind: Kind) -> CodeParse {
        let input = PatternInput(text)
        if let m = Self.groups(of: input, .output) {
            return .code("\(m[0]).\(Self.number(m[1]))-\(Self.number(m[2]))")
        }
        if let m = Self.groups(of: input, .compact) {
            switch options.compactCodes {
            case .singleDigit: return .code("\(m[0]).\(m[1])-\(Self.number(m[2]))")
            case .ambiguous: return .rejected(reason: "ambiguous compact code \(text)")
            }
        }
        if Self.groups(of: input, .objective) != nil {
            return .rejected(reason: "objective code where \(kind.rawValue) expected")
        }
        return .rejected(reason: "unrecognised \(kind.rawValue) code '\(text)'")
    }

    /// The three patterns of the b.3 table read on bytes where a character is a byte.
    package enum Pattern: CaseIterable {
        case output, compact, objective

        package var parts: [CodePatterns.Part] {
            switch self {
            case .output: CodePatterns.output
            case .compact: CodePatterns.compact
            case .objective: CodePatterns.objective
            }
        }
    }

    /// A code's text as the patterns read it: with its bytes when ``CodePatterns`` can read it as
    /// the regexes would (a short ASCII text without `\r`: a code is a few characters), taken once
    /// for the patterns tried in turn.
    package struct PatternInput {
        let text: String
        /// Nil: the text goes to the regexes.
        package let bytes: [UInt8]?

        package init(_ text: String) {
            self.text = text
            bytes = text.utf8.count <= 64 ? CodePatterns.asciiBytes(text) : nil
        }
    }

    /// The groups of `pattern` (its first group first) matching the whole of `text`, nil when it
    /// does not match: on the bytes where ``PatternInput`` has them, else with the regex.
    package static func groups(of text: String, _ pattern: Pattern) -> [Substring]? {
        groups(of: PatternInput(text), pattern)
    }

    static func groups(of input: PatternInput, _ pattern: Pattern) -> [Substring]? {
        guard let bytes = input.bytes else { return regexGroups(of: input.text, pattern) }
        return CodePatterns.wholeMatch(input.text, bytes: bytes, pattern.parts)
    }

    /// ``groups(of:_:)`` with the regex alone (any text; the tests compare both readings).
    package static func regexGroups(of text: String, _ pattern: Pattern) -> [Substring]? {
        switch pattern {
        case .output: text.wholeMatch(of: output).map { [$0.1, $0.2, $0.3] }
        case .compact: text.wholeMatch(of: compact).map { [$0.1, $0.2, $0.3] }
        case .objective: text.wholeMatch(of: objective).map { [$0.1, $0.2] }
        }
    }

    /// Drops leading zeros (`01` → `1`); the regexes guarantee one or two ASCII digits.
    private static func number(_ digits: Substring) -> String {
        String(Int(digits) ?? 0)
    }

    // MARK: Patterns (b.3 table, applied after pre-processing, so letters are uppercase)

    // `Regex` is not `Sendable`, but these are never mutated and the engine publishes its lazily
    // compiled program atomically, so sharing them across tasks is safe. ASCII digits only: NFKC
    // folds full-width digits, but other scripts' digits would match `\d` and then not convert.
    nonisolated(unsafe) private static let goal = #/S?G?\s*(\d)\b.*/#.asciiOnlyDigits()
    nonisolated(unsafe) private static let target =
        #/(\d)\s*[.\-]\s*(\d{1,2})(?:\s*[.\-]?\s*([A-Z]))?/#.asciiOnlyDigits()
    nonisolated(unsafe) private static let objective =
        #/([RTDIE])\s*[.\-_ ]?\s*0*(\d{1,2})/#.asciiOnlyDigits()
    nonisolated(unsafe) private static let output =
        #/([RTDIE])\s*[.\-_ ]?\s*0*(\d{1,2})\s*[.\-_\/ ]\s*0*(\d{1,2})/#.asciiOnlyDigits()
    /// `D12`, `D114`: a letter directly followed by two or three digits.
    nonisolated(unsafe) private static let compact = #/([RTDIE])(\d)(\d{1,2})/#.asciiOnlyDigits()
    nonisolated(unsafe) private static let numbersAndSpaces = #/\d+(?: \d+)+/#.asciiOnlyDigits()
}

/// The outcome of reading one code cell with `CodeGrammar`.
public enum CodeParse: Equatable, Sendable {
    /// The canonical code.
    case code(String)
    /// The text does not read as this kind; the reason goes into the DAT-002 message.
    case rejected(reason: String)
    /// A valid code of another kind (today: an output code in an objective column). The column
    /// is read as holding no value of its own kind; the caller may note the code.
    case otherKind(code: String, kind: CodeGrammar.Kind)
    /// Nothing but spaces and label words.
    case empty

    /// The canonical code, or `nil` for every other case.
    public var code: String? {
        if case .code(let code) = self { return code }
        return nil
    }
}
