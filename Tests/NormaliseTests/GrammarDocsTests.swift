import Foundation
import Results
import Testing
import Normalise

/// The examples of docs/grammars.md, read by the grammars they describe: if a grammar changes, the
/// page's examples fail here and the page is corrected with it.
@Suite struct GrammarDocsTests {
    @Test(arguments: [
        ("1", CodeGrammar.Kind.goal, "G1"), ("G1", .goal, "G1"), ("SG1", .goal, "G1"), ("Goal 1", .goal, "G1"),
        ("Strategic goal 1", .goal, "G1"), ("But stratégique 1", .goal, "G1"), ("1 (Connect)", .goal, "G1"),
        ("2.1", .target, "2.1"), ("2-1", .target, "2.1"), ("2.01", .target, "2.1"), ("2.1.A", .target, "2.1.A"),
        ("2.1A", .target, "2.1.A"), ("Target 2.1 a", .target, "2.1.A"),
        ("D.1", .objective, "D.1"), ("D1", .objective, "D.1"), ("D-01", .objective, "D.1"), ("D_1", .objective, "D.1"),
        ("D 1", .objective, "D.1"), ("Objective D.1", .objective, "D.1"), ("obj. d1", .objective, "D.1"),
        ("D.1-14", .output, "D.1-14"), ("D1-14", .output, "D.1-14"), ("D.1.14", .output, "D.1-14"), ("D-01-14", .output, "D.1-14"),
        ("D1/14", .output, "D.1-14"), ("D 1 14", .output, "D.1-14"), ("Output D.1-14", .output, "D.1-14"),
        ("ITU-D D.1-14", .output, "D.1-14"), ("D.01-04", .output, "D.1-4"), ("Ｄ.１-１４", .output, "D.1-14"),
    ])
    func codesReadAsThePageSays(typed: String, kind: CodeGrammar.Kind, canonical: String) {
        #expect(CodeGrammar().parse(typed, as: kind) == .code(canonical), "\(typed)")
    }

    @Test func refusedCodesAndCompactCodes() {
        let grammar = CodeGrammar()
        #expect(grammar.parse("2.1", as: .goal).code == nil)
        #expect(grammar.parse("Q.1-2", as: .output).code == nil)
        #expect(grammar.parse("D.123-1", as: .output).code == nil)
        #expect(grammar.parse("D.1", as: .output) == .rejected(reason: "objective code where output expected"))
        #expect(grammar.parse("D.1-14", as: .objective) == .otherKind(code: "D.1-14", kind: .output))
        #expect(grammar.parse("D12", as: .output) == .rejected(reason: "ambiguous compact code D12"))
        let single = CodeGrammar(options: .init(compactCodes: .singleDigit))
        #expect(single.parse("D12", as: .output) == .code("D.1-2"))
        #expect(single.parse("D114", as: .output) == .code("D.1-14"))
        #expect(grammar.goalTokens("1, 2") == ["1", "2"] && grammar.goalTokens("G4; G5") == ["G4", "G5"] && grammar.goalTokens("1 2") == ["1", "2"])
    }

    @Test(arguments: [
        ("1234567", "1234567"), ("+1234567", "1234567"), ("1,234,567", "1234567"), ("1.234.567", "1234567"), ("1 234 567", "1234567"),
        ("1'234'567", "1234567"), ("1’234’567", "1234567"), ("1\u{A0}234\u{A0}567", "1234567"), ("1,234.50", "1234.5"),
        ("1.234,50", "1234.5"), ("1 234,50", "1234.5"), ("1,234", "1234"), ("0,5", "0.5"), ("1234,5", "1234.5"), ("0,500", "0.5"),
        ("1.234", "1.234"), (".5", "0.5"), (",5", "0.5"), ("-1 200", "-1200"), ("−1 200", "-1200"), ("–1 200", "-1200"), ("(1 200)", "-1200"),
    ])
    func amountsReadAsThePageSays(typed: String, value: String) {
        #expect(AmountGrammar().parse(typed) == .value(Exact(string: value)!), "\(typed)")
    }

    @Test func placeholdersAndRefusedAmounts() {
        for placeholder in ["-", "–", "—", "n/a", "N/A", "s.o."] {
            #expect(AmountGrammar(dashMeans: .zero).parse(placeholder) == .value(0), "\(placeholder)")
            #expect(AmountGrammar(dashMeans: .null).parse(placeholder) == .null, "\(placeholder)")
        }
        #expect(AmountGrammar().parse("   ") == .null)
        for bad in ["1 000 CHF", "1 O50", "0,5x", "1e3", "1,234 567", "12,34,567.5", "1 000,", "1,2,3"] {
            #expect(AmountGrammar().parse(bad) == .invalid, "\(bad)")
        }
    }

    @Test func unitsYearsAndBienniums() {
        #expect(AmountUnit.detect(in: "Coût prévu 2022 (kCHF)") == .kchf)
        #expect(AmountUnit.detect(in: "All amounts in thousands of CHF") == .kchf)
        #expect(AmountUnit.detect(in: "en milliers de CHF") == .kchf)
        #expect(AmountUnit.detect(in: "Budget (CHF m)") == .mchf)
        #expect(AmountUnit.detect(in: "Budget 2022") == nil)
        #expect(HeaderYear.classify("FY2022") == .year(2022))
        #expect(HeaderYear.classify("Coût prévu 2022 (kCHF)") == .year(2022))
        for biennium in ["2022-2023", "2022-23", "2022/23", "Total 2022–2023", "2022-23 (2022-2023)"] {
            #expect(HeaderYear.classify(biennium) == .biennium(2022, 2023), "\(biennium)")
        }
        if case .invalidBiennium = HeaderYear.classify("2022-2024") {} else { Issue.record("2022-2024") }
        if case .invalidBiennium = HeaderYear.classify("2023-2024") {} else { Issue.record("2023-2024") }
        #expect(HeaderYear.classify("2022 vs 2023") == .ambiguous([2022, 2023]))
    }
}
