import Normalise
import Testing

@Suite struct GrammarHeaderPatternsTests {
    @Test("Headers naming one year read as that year", arguments: [
        ("2022", 2022),
        ("FY2022", 2022),
        ("Year 2022", 2022),
        ("2022 (CHF)", 2022),
        ("Coût prévu 2022 (kCHF)", 2022),
        ("Presupuesto 2022", 2022),
        ("Planned cost 2023 (CHF)", 2023),
        ("Actual 2022", 2022),
        ("2022a", 2022),
        ("2022 and 2022", 2022),
        ("Budget 2022 (CHF '000)", 2022),
    ])
    func years(header: String, year: Int) {
        #expect(HeaderYear.classify(header) == .year(year))
    }

    @Test("Biennium headers are tried first and read as both years", arguments: [
        "2022-23", "2022/2023", "2022–2023", "2022—23", "2022 - 2023", "2022 / 23",
        "Biennium 2022-2023", "Total 2022-2023", "Bienio 2022-2023", "Exercice biennal 2022-2023",
        "Budget 2022-23 (2022-2023)",
    ])
    func bienniums(header: String) {
        #expect(HeaderYear.classify(header) == .biennium(2022, 2023))
    }

    @Test("Bienniums of other even years are valid too", arguments: [
        ("2020-21", 2020), ("2024-2025", 2024),
    ])
    func otherBienniums(header: String, first: Int) {
        #expect(HeaderYear.classify(header) == .biennium(first, first + 1))
    }

    @Test("Headers naming different years are ambiguous", arguments: [
        ("2022 vs 2023", [2022, 2023]),
        ("Actual 2022 / Plan 2023", [2022, 2023]),
        ("2022,2023", [2022, 2023]),
        ("FY2023 (FY2022 restated)", [2022, 2023]),
        ("2022-23 and 2024-25", [2022, 2023, 2024, 2025]),
    ])
    func ambiguous(header: String, years: [Int]) {
        #expect(HeaderYear.classify(header) == .ambiguous(years))
    }

    @Test("Biennium-shaped headers that are not ITU bienniums are ignored with a reason", arguments: [
        ("2022-2024", "2022-2024: the second year is not the year after the first"),
        ("Plan 2022-2025", "2022-2025: the second year is not the year after the first"),
        ("2022/21", "2022-2021: the second year is not the year after the first"),
        ("2023-2024", "2023-2024: ITU bienniums start in an even year"),
        ("2021-22", "2021-2022: ITU bienniums start in an even year"),
    ])
    func invalidBienniums(header: String, reason: String) {
        #expect(HeaderYear.classify(header) == .invalidBiennium(reason))
    }

    @Test("Headers without a year read as none", arguments: [
        "", "Output title", "Notes", "120000", "12022", "20222", "1999", "Year 20223", "Cost category",
    ])
    func none(header: String) {
        #expect(HeaderYear.classify(header) == .none)
    }
}
