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
        let make = { (id: Finding.ID) in Finding(id: id, severity: .error, message: .riskUnknownObjective(risk: "R", objective: "X"), sources: []) }
        let list = [make(Finding.ID(.rf001, .source(SourceTag(.financialPlan)), .output(OutputCode("D.5-1")))),
                    make(Finding.ID(.fin004, .bureau(.br), .year(2022))), make(Finding.ID(.fin004, .bureau(.bdt), .year(2022))),
                    make(Finding.ID(.sub001, .kind(.operationalPlan), .bureau(.bdt)))]
        #expect(list.sorted(by: Finding.logOrder).map(\.id.description) == ["SUB-001/OP/BDT", "FIN-004/BDT/2022", "FIN-004/BR/2022", "RF-001/FP/D.5-1"])
    }
}
