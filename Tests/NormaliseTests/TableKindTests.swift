import Normalise
import Testing

/// Each table kind's fields: which exist, which are required, how each is read.
@Suite struct TableKindTests {
    @Test(arguments: TableKind.allCases)
    func requiredAndOptionalFieldsPartitionTheTablesFields(kind: TableKind) {
        #expect(!kind.required.isEmpty)
        #expect(Set(kind.required).isSubset(of: kind.fields))
        #expect(Set(kind.required + kind.optional) == Set(kind.fields))
        #expect(Set(kind.required).isDisjoint(with: kind.optional))
        #expect(Set(kind.fields).count == kind.fields.count)
        for field in kind.fields { #expect(kind.role(of: field) != nil, "\(kind).\(field)") }
    }

    @Test func everyFieldBelongsToSomeTable() {
        let used = Set(TableKind.allCases.flatMap(\.fields))
        #expect(Set(Field.allCases).subtracting(used).isEmpty)
    }

    @Test(arguments: [
        (TableKind.allocations, Field.amount, Field.Role.yearColumns), (.kpis, .actual, .yearColumns), (.budgetLines, .biennium, .bienniumTotal),
        (.kpis, .unit, .alias), (.targets, .unit, .text), (.allocations, .fte, .number), (.targets, .baselineYear, .year),
        (.allocations, .output, .code), (.allocations, .funding, .alias),
    ])
    func aFieldsRoleDependsOnItsTable(kind: TableKind, field: Field, role: Field.Role) {
        #expect(kind.role(of: field) == role)
    }

    @Test func aFieldOfAnotherTableHasNoRoleThere() {
        #expect(TableKind.goals.role(of: .fte) == nil)
        #expect(TableKind.allocations.yearFields == [.amount])
        #expect(TableKind.kpis.yearFields == [.actual])
        #expect(TableKind.risks.yearFields.isEmpty)
    }

    @Test func aFieldNameIsParsedForItsTable() throws {
        #expect(try TableKind.allocations.field(named: "fte") == .fte)
        #expect(try TableKind.kpis.field(named: "baselineYear") == .baselineYear)
        let other = try #require(throws: UnknownField.self) { try TableKind.goals.field(named: "fte") }
        #expect(other == UnknownField(name: "fte", table: .goals))
        #expect(other.description == "unknown field 'fte' ('fte' is a field of 'allocations'): table 'goals' has the fields code, shortName, title")
        let typo = try #require(throws: UnknownField.self) { try TableKind.crosswalk.field(named: "oldcode") }
        #expect(typo.description == "unknown field 'oldcode': table 'crosswalk' has the fields oldCode, newCode, note")
    }
}
