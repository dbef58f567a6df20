import Testing

@testable import Normalise

/// Fields are hashed by their case's place (issue 11): the places written out in `ordinal` must
/// be `allCases`' order, one each, or two fields would share a hash.
@Suite struct FieldOrdinalTests {
    @Test func eachFieldsOrdinalIsItsPlace() {
        #expect(Field.allCases.map(\.ordinal) == Array(Field.allCases.indices))
        let byText = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, $0.rawValue) })
        #expect(byText.count == Field.allCases.count && Field.allCases.allSatisfy { byText[$0] == $0.rawValue })
    }
}
