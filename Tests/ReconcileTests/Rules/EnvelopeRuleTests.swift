import Foundation
import Testing
@testable import Reconcile
import Results

/// FIN-012: the RB lines' year columns against the approved envelope (from the FP's Parameters
/// sheet or the pipeline file): error above it, info more than 1 % below.
@Suite struct EnvelopeRuleTests {
    static func severity(_ findings: [Finding], _ rule: RuleID) -> Severity? { findings.first { $0.rule == rule }?.severity }

    @Test(arguments: [(Exact(1_000_001), Severity.error as Severity?), (Exact(1_000_000), nil), (Exact(990_000), nil), (Exact(989_999), .info)])
    func fin012EnvelopeBands(total: Exact, expected: Severity?) {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: total])
        b.plan("R.1-1", total: [2022: total])
        #expect(Self.severity(b.findings { $0.envelope = 1_000_000 }, .fin012) == expected)
    }

    /// The same edges with the envelope from the model (the Parameters sheet) and from the settings;
    /// only the model's envelope has a cell to cite.
    @Test(arguments: [
        (Exact(166_050_000), true, Severity.error as Severity?),       // the domain example: +50 000
        (Exact(166_050_000), false, .error),
        (Exact(164_339_999), true, .info),                             // 1.0300 % below
        (Exact(164_340_000), false, nil),                              // 1 % below exactly
        (Exact(164_339_999), false, .info),
        (Exact(166_000_000), true, nil),
    ])
    func theEnvelopeComesFromTheModelOrTheSettings(total: Exact, fromModel: Bool, severity: Severity?) throws {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: total - 80_000_000, 2023: 40_000_000])
        b.line("R.1-2", [2022: 20_000_000, 2023: 20_000_000])
        b.line("R.1-3", funding: "XB", [2022: 9_000_000, 2023: 9_000_000], biennium: 99_000_000)     // XB: never in the total
        if fromModel { b.model.envelope = Envelope(amount: 166_000_000, source: ModelBuilder.cell("FP.xlsx", 2, 2)) }
        let all = b.findings(of: .fin012) { if !fromModel { $0.envelope = 166_000_000 } }
        guard let severity else { #expect(all.isEmpty); return }
        let f = try #require(all.first)
        #expect(all.count == 1)
        #expect(f.id == Finding.ID(.fin012, .biennium(Biennium(2022, 2023))))
        #expect(f.severity == severity && f.bureau == nil && f.output == nil && f.period == .biennium(Biennium(2022, 2023)))
        #expect(f.expected.text == "≤ 166000000" && f.actual == .amount(total) && f.delta == .signed(total - 166_000_000))
        #expect(f.sourceTexts == (fromModel ? ["FP.xlsx!S!B2"] : []) + ["FP.xlsx!S!G5:H6"])
        #expect(f.causedBy == [])
        #expect(f.message == .envelope(biennium: Biennium(2022, 2023), total: total, envelope: 166_000_000))
    }

    /// Stated biennium cells are checksums, never summed; the range spans every summed year cell.
    @Test func statedBienniumCellsAreNotSummed() throws {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: 600_000, 2023: 400_000], biennium: 900_000)
        b.line("R.1-2", funding: "XB", [2022: 5_000_000])
        b.line("R.1-3", funding: "RB-CR", [2023: 100_000])
        let f = try #require(b.findings(of: .fin012) { $0.envelope = 1_000_000 }.first)
        #expect(f.actual == .amount(1_100_000) && f.delta == .signed(100_000))
        #expect(f.sourceTexts == ["FP.xlsx!S!G5:H7"])
    }

    @Test func noEnvelopeNoFinding() {
        var b = ModelBuilder()
        b.line("R.1-1", [2022: 600_000_000])
        #expect(b.findings(of: .fin012).isEmpty)
    }
}
