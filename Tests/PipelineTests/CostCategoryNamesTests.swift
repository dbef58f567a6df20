import Foundation
@testable import Pipeline
@testable import Reports
import Results
import Testing

/// The names messages give the cost categories (FIN-006: `R.1-3 Contractual services RB`, not
/// `NONSTAFF.CON`) are the shipped aliases of those codes, in each language: a code added to
/// `defaults.yaml` without a name in every catalogue fails here.
@Suite struct CostCategoryNamesTests {
    @Test(arguments: [("en", CostCategoryNames.english), ("fr", CostCategoryNames.french), ("es", CostCategoryNames.spanish)])
    func eachNameIsAShippedAliasOfItsCode(language: String, names: [String: String]) throws {
        let table = try #require(try ShippedDefaults.load().aliases.costCategory)
        #expect(Set(names.keys) == Set(table.entries.keys), "\(language)")
        for (code, name) in names {
            #expect(table.entries[code]?.contains(name) == true, "\(language) \(code): '\(name)' is not one of its aliases")
            #expect(table.canonical(name) == code, "\(language) '\(name)' reads back as \(table.canonical(name) ?? "nothing"), not \(code)")
        }
    }
}
