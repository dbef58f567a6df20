import Foundation
import Testing

@testable import Results

/// A finding keeps its status beside its shared box (issue 11): setting it changes the finding set
/// only, takes part in equality and hashing, and is coded in the finding's one keyed form.
@Suite struct FindingStatusTests {
    static func finding() -> Finding {
        Finding(id: Finding.ID(.fin003, [.output(OutputCode("T.4-1")), .year(2023)]), severity: .error,
                message: .riskUnknownObjective(risk: "R", objective: "X"), sources: [SourceRef(file: "FP.xlsx", sheet: "Plan", cell: "B7")])
    }

    @Test func aStatusSetOnACopyLeavesTheOriginal() {
        let original = Self.finding()
        var copy = original
        copy.status = .persisting
        #expect(copy.status == .persisting)
        #expect(original.status == nil)
        #expect(copy.idText == original.idText && copy.sources == original.sources)
        var list = [original, original]
        list[1].status = .acknowledged
        #expect(list.map(\.status) == [nil, .acknowledged])
    }

    @Test func theStatusTakesPartInEqualityAndHashing() {
        let plain = Self.finding()
        var new = plain
        new.status = .new
        #expect(plain != new)
        var again = Self.finding()   // another box, the same fields
        again.status = .new
        #expect(again == new)
        #expect(Set([plain, new, again]).count == 2)
        var regressed = new
        regressed.status = .regressed
        #expect(regressed != new)
    }

    @Test func theStatusIsCodedWithTheFields() throws {
        var finding = Self.finding()
        finding.status = .regressed
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(finding)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["status"] as? String == "regressed")
        let decoded = try JSONDecoder().decode(Finding.self, from: data)
        #expect(decoded == finding && decoded.status == .regressed)
        #expect(try encoder.encode(decoded) == data)
        // Without a status the key is left out, as before, and a decoded finding has none.
        let plain = try encoder.encode(Self.finding())
        let plainObject = try #require(JSONSerialization.jsonObject(with: plain) as? [String: Any])
        #expect(plainObject["status"] == nil)
        #expect(try JSONDecoder().decode(Finding.self, from: plain).status == nil)
    }
}
