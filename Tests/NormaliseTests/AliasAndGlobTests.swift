import Testing
@testable import Normalise

@Suite struct AliasAndGlobTests {
    let priorities = AliasTable(["HIGH": ["High", "Élevée", "Alta", "1"], "LOW": ["Faible", "3"]])
    let directions = AliasTable(["up": ["↑", "+"], "down": ["↓", "-"], "maintain": ["=", "→"]])

    @Test(arguments: [("élevée", "HIGH"), ("ELEVEE", "HIGH"), (" Alta ", "HIGH"), ("1", "HIGH"), ("faible", "LOW")])
    func aliasesMatchIgnoringCaseAccentsAndSpaces(text: String, canonical: String) {
        #expect(priorities.canonical(text) == canonical)
    }

    @Test(arguments: [("↑", "up"), ("↓", "down"), ("=", "maintain"), ("-", "down")])
    func symbolOnlyAliasesStayDistinct(text: String, canonical: String) {
        #expect(directions.canonical(text) == canonical)
    }

    @Test func findLocatesTheLongestAliasInsideATitle() {
        let bureaus = AliasTable(["BDT": ["Telecommunication Development Bureau", "ITU-D"], "TSB": ["Telecommunication Standardization Bureau"]])
        #expect(bureaus.find(in: "Telecommunication Development Bureau — Operational Plan 2022-2025") == "BDT")
        #expect(bureaus.find(in: "Operational Plan 2022-2025") == nil)
    }

    @Test(arguments: [("OP_*.xlsx", "OP_BR_2022-2025_v2.xlsx", true), ("*Operational Plan*.xlsx", "BDT Operational Plan 2022-2025 (final).xlsx", true),
                      ("FP_*.xlsx", "RF_ITU.xlsx", false), ("RR_?TU*.xlsx", "RR_ITU_2022.xlsx", true), ("*.xlsx", "x.xls", false)])
    func globsMatchFileNames(pattern: String, name: String, matches: Bool) {
        #expect(Glob.matches(pattern, name) == matches)
    }

    @Test(arguments: [("Planned cost 2022 (CHF)", "planned cost"), ("Coût prévu 2022 (kCHF)", "cout prevu"), ("Total 2022-2023", "total"),
                      ("2022", ""), ("Budget 2022 (CHF '000)", "budget"), ("Producto / Output", "producto output")])
    func headerKeysDropYearsUnitsAndAccents(header: String, key: String) {
        #expect(HeaderKey.field(header) == key)
    }
}
