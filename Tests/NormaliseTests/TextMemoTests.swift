import Testing
@testable import Normalise

/// Readings of repeated cell texts are remembered (issue 11): the same answer as a first reading,
/// for every kind apart, and a memo that stops growing at its capacity.
@Suite struct TextMemoTests {
    @Test func aTextReadAgainGivesTheSameParseForEachKind() {
        let grammar = CodeGrammar()
        let texts = ["D.1-14", "Output D 1 14", "R.2", "D12", "", "G1", "2.1.A", "nonsense"]
        for kind in CodeGrammar.Kind.allCases {
            let first = texts.map { grammar.parse($0, as: kind) }
            #expect(texts.map { grammar.parse($0, as: kind) } == first)
            #expect(texts.map { CodeGrammar().parse($0, as: kind) } == first)
        }
        // One text, two kinds: each keeps its own reading.
        #expect(grammar.parse("R.1", as: .objective) == .code("R.1"))
        #expect(grammar.parse("R.1", as: .output) != .code("R.1"))
    }

    @Test func anAliasLookedUpAgainGivesTheSameValue() {
        let table = AliasTable(["RB": ["Regular budget", "Budget ordinaire"], "XB": ["Extra-budgetary"]])
        for text in ["regular BUDGET", "Budget  ordinaire", "extra budgetary", "other", "regular BUDGET"] {
            #expect(table.canonical(text) == AliasTable(table.entries).canonical(text))
        }
        #expect(table.canonical("Budget ordinaire") == "RB")
        #expect(table.canonical("other") == nil)
    }

    @Test func theMemoStopsGrowingAtItsCapacity() {
        let memo = TextMemo<String, Int>(capacity: 3)
        var made = 0
        for text in ["a", "b", "c", "d", "a", "d"] { _ = memo.value(text) { made += 1; return $0.count } }
        // a, b, c remembered; d made twice (no room); a found again.
        #expect(made == 5)
    }
}
