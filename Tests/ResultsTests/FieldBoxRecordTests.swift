import Foundation
import Testing

@testable import Results

/// Allocations, budget lines, KPIs and risks keep their fields in a shared ``FieldBox`` (issue
/// 11): they must still behave as values. A copy changed in place (a field, a dictionary entry
/// inside one) leaves the original as it was; equal fields make equal records, hashed alike; the
/// coded form is the fields' own.
@Suite struct FieldBoxRecordTests {
    static let cell = CellSource(file: "FP.xlsx", sheet: "Budget", position: CellPosition(row: 7, column: 3))
    static func amount(_ value: Int) -> Amount { Amount(chf: Exact(value), unit: .chf, source: cell) }
    static let line = BudgetLine(bureau: .br, sector: TextCell(text: "BR", source: cell), statedObjective: nil, output: OutputCode("R.1-1"),
                                 outputCell: cell, title: "Spectrum", category: CostCategory("STAFF"), funding: FundingSource("RB"),
                                 fundingCell: cell, years: [2022: amount(100), 2023: amount(200)], biennium: nil, notes: nil, row: 7)
    static let allocation = Allocation(bureau: .tsb, output: OutputCode("T.2-11"), outputCell: cell, statedObjective: nil, title: "Standards",
                                       years: [2022: YearCost(total: amount(5))], biennium: nil, fte: nil, priority: nil, priorityCell: nil,
                                       funding: FundingSource("RB"), fundingCell: nil, notes: nil, row: 3)

    @Test func aChangedCopyLeavesTheOriginal() {
        var copy = Self.line
        copy.years[2023] = Self.amount(250)
        copy.title = "Spectrum management"
        #expect(Self.line.years[2023]?.chf == Exact(200) && Self.line.title == "Spectrum")
        #expect(copy.years[2023]?.chf == Exact(250) && copy.title == "Spectrum management")
        #expect(copy != Self.line)
        var lines = [Self.line, Self.line]
        lines[1].years[2022] = nil
        #expect(lines[0] == Self.line && lines[1].years.count == 1)

        var allocation = Self.allocation
        allocation.years[2022]?.total = Self.amount(6)
        #expect(Self.allocation.years[2022]?.total?.chf == Exact(5) && allocation.years[2022]?.total?.chf == Exact(6))
    }

    @Test func equalFieldsMakeEqualRecordsHashedAlike() throws {
        var rebuilt = Self.line
        rebuilt.title = "other"
        rebuilt.title = "Spectrum"   // its own box now, the same fields
        #expect(rebuilt == Self.line && rebuilt.hashValue == Self.line.hashValue)
        #expect(Set([Self.line, rebuilt]).count == 1)
    }

    @Test func theCodedFormIsTheFieldsForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.line)
        let keys = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        // The synthesized keys of the fields, nil ones left out, as the struct's own were.
        #expect(keys == ["bureau", "category", "funding", "fundingCell", "output", "outputCell", "row", "sector", "title", "years"])
        #expect(try JSONDecoder().decode(BudgetLine.self, from: data) == Self.line)
        #expect(try JSONDecoder().decode(Allocation.self, from: encoder.encode(Self.allocation)) == Self.allocation)
    }
}
