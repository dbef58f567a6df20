import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// Which of two workbooks of one bureau, dropped into the same batch, is the resubmission.
@Suite struct ResubmissionTests {
    @Test("version numbers are read from the name", arguments: [
        ("OP_BR_2022-2025_v2.xlsx", "op_br_2022-2025.xlsx", 2 as Int?),
        ("OP_BR_2022-2025_V10.xlsx", "op_br_2022-2025.xlsx", 10),
        ("OP BR 2022-2025 version 3 (final).xlsx", "op br 2022-2025 (final).xlsx", 3),
        ("OP_BR_2022-2025_final.xlsx", "op_br_2022-2025_final.xlsx", nil),
        ("OP_BR_v2022.xlsx", "op_br.xlsx", 2022),
        ("Overview.xlsx", "overview.xlsx", nil),
    ])
    func version(name: String, stem: String, version: Int?) {
        let read = Resubmission.version(of: name)
        #expect(read.stem == stem && read.version == version)
    }

    /// Two files in a fresh folder, `a` modified `ageA` seconds ago, `b` `ageB` seconds ago.
    static func pair(_ a: String, _ ageA: TimeInterval, _ b: String, _ ageB: TimeInterval) throws -> (URL, URL) {
        let folder = Fixtures.temporaryDirectory("rbm-resubmission")
        let urls = [folder.appendingPathComponent(a), folder.appendingPathComponent(b)]
        for (url, age) in zip(urls, [ageA, ageB]) {
            try Data("x".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
        }
        return (urls[0], urls[1])
    }

    @Test func theHigherVersionWinsEvenWhenItsFileIsOlder() throws {
        let (v9, v10) = try Self.pair("OP_BR_2022-2025_v9.xlsx", 60, "OP_BR_2022-2025_v10.xlsx", 3600)
        #expect(Resubmission.isEarlier(v9, than: v10) && !Resubmission.isEarlier(v10, than: v9))
    }

    @Test func withoutComparableVersionsTheLaterModifiedWins() throws {
        let (v2, final) = try Self.pair("OP_BR_2022-2025_v2.xlsx", 3600, "OP_BR_2022-2025_final.xlsx", 600)
        #expect(Resubmission.isEarlier(v2, than: final) && !Resubmission.isEarlier(final, than: v2))
    }

    @Test func timesWithinTwoSecondsFallBackToNameOrder() throws {
        let (a, b) = try Self.pair("OP_BR_plan_b.xlsx", 1, "OP_BR_plan_a.xlsx", 0)
        #expect(Resubmission.isEarlier(b, than: a) && !Resubmission.isEarlier(a, than: b))
    }
}
