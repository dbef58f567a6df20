import Foundation
import Results
import Normalise
import Testing

@Suite struct GrammarUnitTokensTests {
    @Test("Headers and titles name their unit", arguments: [
        ("en milliers de CHF", AmountUnit.kchf),
        ("Budget 2022 (CHF '000)", .kchf),
        ("Budget 2022 (CHF ’000)", .kchf),
        ("Coût prévu 2022 (kCHF)", .kchf),
        ("Planned cost 2022 (CHF)", .chf),
        ("Biennial budget 2022-2023 — resources by output, cost category and funding source (in CHF)", .chf),
        ("Resource requirements (in thousands of CHF)", .kchf),
        ("Presupuesto 2022 (CHF)", .chf),
        ("Amount (MCHF)", .mchf),
        ("Amount (CHF m)", .mchf),
        ("M CHF", .mchf),
        ("in CHF millions", .mchf),
        ("Presupuesto (millones de CHF)", .mchf),
        ("1 million", .mchf),
        ("K CHF", .kchf),
        ("KCHF", .kchf),
        ("Budget (CHF (000))", .kchf),
        ("Budget (000)", .kchf),
        ("Budget '000", .kchf),
        ("CHF'000", .kchf),
        ("Thousands of CHF", .kchf),
        ("en miles de CHF", .kchf),
        ("Importe en miles", .kchf),
        ("en\u{00A0}milliers de CHF", .kchf),
        ("Montant en francs suisses", .chf),
        ("Importe en francos suizos", .chf),
        ("chf", .chf),
        ("Item CHF", .chf),
        ("2022 en CHF", .chf),
    ])
    func detect(text: String, unit: AmountUnit) {
        #expect(AmountUnit.detect(in: text) == unit)
    }

    @Test("Texts without a whole unit token name no unit", arguments: [
        "2022", "", "Output title", "Budget '0000", "CHFX", "Millionaire", "Kilo CHFs", "mchfx", "20000",
    ])
    func noUnit(text: String) {
        #expect(AmountUnit.detect(in: text) == nil)
    }

    @Test("Each unit scales to CHF by its factor", arguments: [
        (AmountUnit.chf, "1"), (.kchf, "1000"), (.mchf, "1000000"),
    ])
    func factors(unit: AmountUnit, factor: String) throws {
        #expect(unit.factor == (try #require(Exact(string: factor))))
    }

    @Test("Units are named as in the domain and tried from the largest")
    func namesAndOrder() {
        #expect(AmountUnit.allCases.map(\.rawValue) == ["CHF", "kCHF", "MCHF"])
        #expect(AmountUnit.detectionOrder == [.mchf, .kchf, .chf])
    }
}
