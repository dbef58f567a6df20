import Foundation
import Testing
import Results

/// The tolerance table is the one place a tolerance is named: every stored tolerance has exactly one
/// key, keys reach distinct values, and defaults are the catalogue's.
@Suite struct TolerancesTests {
    @Test func everyToleranceHasExactlyOneKey() {
        let stored = Mirror(reflecting: Tolerances()).children.count
        #expect(Tolerances.keys.count == stored)
        #expect(Set(Tolerances.keys.map(\.name)).count == stored)
        // Each key writes its own field: give each a distinct value and read all of them back.
        var t = Tolerances()
        for (i, key) in Tolerances.keys.enumerated() { t[key] = Exact(i + 1) }
        #expect(Tolerances.keys.enumerated().allSatisfy { t[$1] == Exact($0 + 1) })
    }

    @Test func defaultsAreTheCatalogues() {
        let t = Tolerances()
        #expect(t.amountAbs == 1000 && t.amountRel == Exact(string: "0.005") && t.bureauWarnRel == Exact(string: "0.01"))
        #expect(t.bureauErrorRel == Exact(string: "0.05") && t.fteCostMin == 120_000 && t.riskError == 15)
        #expect(Tolerances.keys.allSatisfy { t[$0] == $0.defaultValue })
    }

    @Test(arguments: [("bureau.errorRel", "1.5", true), ("bureau.errorRel", "1", false), ("amount.abs", "2000000", false),
                      ("amount.abs", "-1", true), ("risk.warn", "30", true), ("split.points", "12", false)])
    func valuesAreCheckedByKind(name: String, value: String, refused: Bool) throws {
        let key = try #require(Tolerances.key(named: name))
        #expect((key.problem(with: Exact(string: value)!) != nil) == refused)
    }
}
