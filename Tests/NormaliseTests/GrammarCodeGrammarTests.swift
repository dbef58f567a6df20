import Normalise
import Testing

@Suite struct GrammarCodeGrammarTests {
    let grammar = CodeGrammar()

    @Test("Goal cells read as G<n>", arguments: [
        ("1", "G1"),
        ("G1", "G1"),
        ("Goal 1", "G1"),
        ("GOAL 1 – GROWTH", "G1"),
        ("But 1", "G1"),
        ("Objetivo estratégico 1", "G1"),
        ("SG1", "G1"),
        ("Strategic goal 2", "G2"),
        ("But stratégique 5", "G5"),
        ("g3", "G3"),
        ("G 4", "G4"),
        ("Goal: 2 - Inclusiveness", "G2"),
        ("6", "G6"),
    ])
    func goals(raw: String, expected: String) {
        #expect(grammar.parse(raw, as: .goal) == .code(expected))
    }

    @Test("Goal cells that are not one goal number are rejected", arguments: [
        ("12", "12"),
        ("2.1", "2.1"),
        ("Growth", "GROWTH"),
        ("GOAL1", "GOAL1"),
        ("Goal x1", "X1"),
    ])
    func rejectedGoals(raw: String, shown: String) {
        #expect(grammar.parse(raw, as: .goal) == .rejected(reason: "unrecognised goal code '\(shown)'"))
    }

    @Test("Cells holding only spaces or label words are empty", arguments: CodeGrammar.Kind.allCases)
    func emptyCells(kind: CodeGrammar.Kind) {
        for raw in ["", "   ", "\u{00A0}", "Output", "Goal:", "ITU-R"] {
            #expect(grammar.parse(raw, as: kind) == .empty)
        }
    }

    @Test("Target cells read as g.n[.L], never with a T prefix", arguments: [
        ("Target 2.1.A", "2.1.A"),
        ("2.1A", "2.1.A"),
        ("2.1 a", "2.1.A"),
        ("2.1-A", "2.1.A"),
        ("2.1.b", "2.1.B"),
        ("Cible 3.2", "3.2"),
        ("Meta 2.4", "2.4"),
        ("TARGET: 1.4", "1.4"),
        ("1.1", "1.1"),
        ("1.10", "1.10"),
        ("3 . 5", "3.5"),
        ("1-2", "1.2"),
        ("2.01", "2.1"),
    ])
    func targets(raw: String, expected: String) {
        #expect(grammar.parse(raw, as: .target) == .code(expected))
    }

    @Test("Target cells outside the grammar are rejected", arguments: [
        "T2.1", "T.2-1", "2", "21.1", "2.1.AB", "2.123", "2.1.1",
    ])
    func rejectedTargets(raw: String) {
        #expect(grammar.parse(raw, as: .target) == .rejected(reason: "unrecognised target code '\(raw)'"))
    }

    @Test("Objective cells read as P.n", arguments: [
        ("R1", "R.1"),
        ("R.1", "R.1"),
        ("R-1", "R.1"),
        ("r 1", "R.1"),
        ("Objective R.1", "R.1"),
        ("Obj. R1", "R.1"),
        ("Objectif T.3", "T.3"),
        ("Objetivo D.4", "D.4"),
        ("ITU-R R.1", "R.1"),
        ("R.01", "R.1"),
        ("E_2", "E.2"),
        ("I.3", "I.3"),
        ("D.12", "D.12"),
        ("D12", "D.12"),
    ])
    func objectives(raw: String, expected: String) {
        #expect(grammar.parse(raw, as: .objective) == .code(expected))
    }

    @Test("An output code in an objective column is another kind, not a rejection", arguments: [
        ("D.1-2", "D.1-2"),
        ("Output R.2-1", "R.2-1"),
        ("T1-1", "T.1-1"),
    ])
    func outputInObjectiveColumn(raw: String, expected: String) {
        #expect(grammar.parse(raw, as: .objective) == .otherKind(code: expected, kind: .output))
    }

    @Test("Objective cells outside the grammar are rejected", arguments: ["X.1", "R", "R.123", "R.1.A"])
    func rejectedObjectives(raw: String) {
        #expect(grammar.parse(raw, as: .objective) == .rejected(reason: "unrecognised objective code '\(raw)'"))
    }

    @Test("Output and outcome cells read as P.n-m", arguments: [
        ("D.1-2", "D.1-2"),
        ("D1.2", "D.1-2"),
        ("D 1-2", "D.1-2"),
        ("D.1.2", "D.1-2"),
        ("D-1-2", "D.1-2"),
        ("d1-2", "D.1-2"),
        ("D.01-02", "D.1-2"),
        ("Output D.1.2", "D.1-2"),
        ("Produit T.2.1", "T.2-1"),
        ("Producto D2.2", "D.2-2"),
        ("D.1/2", "D.1-2"),
        ("T1-1", "T.1-1"),
        ("R.1-3", "R.1-3"),
        ("D.1-14", "D.1-14"),
        ("Outcome R.1-1", "R.1-1"),
        ("ITU-D D.2-9", "D.2-9"),
        ("Out D_1_2", "D.1-2"),
        ("D.1 – 2", "D.1-2"),
        ("I 1 2", "I.1-2"),
    ])
    func outputs(raw: String, expected: String) {
        #expect(grammar.parse(raw, as: .output) == .code(expected))
        #expect(grammar.parse(raw, as: .outcome) == .code(expected))
    }

    @Test("Output cells that cannot be read say why", arguments: [
        ("D12", CodeGrammar.Kind.output, "ambiguous compact code D12"),
        ("d114", .output, "ambiguous compact code D114"),
        ("D.1", .output, "objective code where output expected"),
        ("R1", .output, "objective code where output expected"),
        ("D.12", .output, "objective code where output expected"),
        ("D.1", .outcome, "objective code where outcome expected"),
        ("X.1-2", .output, "unrecognised output code 'X.1-2'"),
        ("D.1-123", .output, "unrecognised output code 'D.1-123'"),
        ("D.1-2-3", .output, "unrecognised output code 'D.1-2-3'"),
        ("2.1.A", .output, "unrecognised output code '2.1.A'"),
    ])
    func rejectedOutputs(raw: String, kind: CodeGrammar.Kind, reason: String) {
        #expect(grammar.parse(raw, as: kind) == .rejected(reason: reason))
    }

    @Test("Compact output codes read with a single-digit objective when the pipeline says so", arguments: [
        ("D12", CodeParse.code("D.1-2")),
        ("D114", .code("D.1-14")),
        ("r34", .code("R.3-4")),
        ("D.12", .rejected(reason: "objective code where output expected")),
        ("D.1-2", .code("D.1-2")),
    ])
    func singleDigitCompactCodes(raw: String, expected: CodeParse) {
        let grammar = CodeGrammar(options: .init(compactCodes: .singleDigit))
        #expect(grammar.parse(raw, as: .output) == expected)
    }

    @Test("Pipeline label words extend the default list")
    func extendedLabels() {
        let extended = CodeGrammar(labels: CodeText.defaultLabels + ["Réalisation"])
        #expect(extended.parse("Réalisation D.1-2", as: .output) == .code("D.1-2"))
        #expect(grammar.parse("Réalisation D.1-2", as: .output)
            == .rejected(reason: "unrecognised output code 'RÉALISATION D.1-2'"))
        #expect(extended.labels.last == "Réalisation")
        #expect(extended.options.compactCodes == .ambiguous)
    }

    @Test("A goals list cell splits into tokens as typed", arguments: [
        ("1, 2", ["1", "2"]),
        ("2, 6", ["2", "6"]),
        ("G4, G5", ["G4", "G5"]),
        ("1;2", ["1", "2"]),
        ("1 2", ["1", "2"]),
        ("g1/ g2", ["g1", "g2"]),
        ("1\n2", ["1", "2"]),
        (" 1 ,, 2 ", ["1", "2"]),
        ("Goal 1 – Growth, Goal 2", ["Goal 1 - Growth", "Goal 2"]),
        ("3", ["3"]),
        ("", []),
        (" , ", []),
    ])
    func goalTokens(raw: String, expected: [String]) {
        #expect(grammar.goalTokens(raw) == expected)
    }

    @Test("Every goal token reads with the goal grammar")
    func goalTokensParse() {
        let parsed = grammar.goalTokens("2, 6").map { grammar.parse($0, as: .goal) }
        #expect(parsed == [.code("G2"), .code("G6")])
    }

    @Test("Only a code result exposes a code")
    func codeAccessor() {
        #expect(CodeParse.code("R.1").code == "R.1")
        #expect(CodeParse.empty.code == nil)
        #expect(CodeParse.rejected(reason: "x").code == nil)
        #expect(CodeParse.otherKind(code: "D.1-2", kind: .output).code == nil)
    }
}
