import Testing

@testable import Results

/// A finding keeps its id's text beside its fields (issue 11): the text follows every change of
/// the id, on the finding changed only, and a decoded finding has it too.
@Suite struct FindingIDTextTests {
    static func finding(_ parts: [Finding.ID.Part]) -> Finding {
        Finding(id: Finding.ID(.fin003, parts), severity: .error, message: .riskUnknownObjective(risk: "R", objective: "X"), sources: [])
    }

    @Test func theTextIsTheIDsDescription() {
        let f = Self.finding([.output(OutputCode("T.4-1")), .year(2023)])
        #expect(f.idText == "FIN-003/T.4-1/2023")
        #expect(f.idText == f.id.description)
    }

    @Test func theTextFollowsAChangedIDOnTheChangedCopyOnly() {
        let original = Self.finding([.bureau(.tsb), .year(2022)])
        var copy = original
        copy.id.occurrence = 2
        #expect(copy.idText == "FIN-003/TSB/2022#2" && copy.idText == copy.id.description)
        #expect(original.idText == "FIN-003/TSB/2022")
        var unique = Self.finding([.text("Plan!B7")])
        unique.id = Finding.ID(.dat002, [.text("Plan!B8")])
        #expect(unique.idText == "DAT-002/Plan!B8")
        unique.severity = .warning   // another field's change keeps the text
        #expect(unique.idText == "DAT-002/Plan!B8")
    }
}
