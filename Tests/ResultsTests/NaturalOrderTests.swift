import Testing
@testable import Results

@Suite struct NaturalOrderTests {
    @Test(arguments: [
        ("BDT/2022", "BR/2022"),
        ("D.1-2", "D.1-14"),
        ("OP-BR/Operational plan!F9", "OP-BR/Operational plan!F11"),
        ("01", "1"),
        ("R.1-2/2022", "R.1-2/2023"),
        ("A", "AB"),
    ])
    func firstKeySortsBeforeSecond(a: String, b: String) {
        #expect(NaturalOrder.less(a, b))
        #expect(!NaturalOrder.less(b, a))
    }

    @Test func findingsSortByRuleThenKey() {
        let make = { (id: String, rule: RuleID) in Finding(id: id, rule: rule, severity: .error, message: "", sources: []) }
        let list = [make("RF-001/FP/D.5-1", .rf001), make("FIN-004/BR/2022", .fin004), make("FIN-004/BDT/2022", .fin004), make("SUB-001/OP/BDT", .sub001)]
        #expect(list.sorted(by: Finding.logOrder).map(\.id) == ["SUB-001/OP/BDT", "FIN-004/BDT/2022", "FIN-004/BR/2022", "RF-001/FP/D.5-1"])
    }
}
