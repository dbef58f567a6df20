import Foundation
import Testing
@testable import Reconcile
import Results

/// docs/rules.md's "caused_by links" table (generated from `RuleDescriptions.links`, kept equal to
/// the page by `RuleDocsTests`) lists exactly the links the rules declare: every entry a rule
/// `reads` besides its own is the cause of a link to each entry it emits.
@Suite struct RuleLinkDocsTests {
    struct Pair: Hashable, CustomStringConvertible {
        var cause: String, effect: String
        var description: String { "\(cause) → \(effect)" }
    }

    static func documentedPairs() throws -> Set<Pair> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        guard let start = page.range(of: "\n## caused_by links\n") else { return [] }
        let section = page[start.upperBound...]
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        var pairs = Set<Pair>()
        for line in section[..<end].split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, RuleID(rawValue: cells[0]) != nil, RuleID(rawValue: cells[1]) != nil else { continue }
            pairs.insert(Pair(cause: cells[0], effect: cells[1]))
        }
        return pairs
    }

    @Test func theDocumentedLinksAreTheDeclaredOnes() throws {
        var declared = Set<Pair>()
        for rule in RuleCatalogue.all {
            for cause in rule.reads where !rule.emits.contains(cause) {
                for effect in rule.emits { declared.insert(Pair(cause: cause.rawValue, effect: effect.rawValue)) }
            }
        }
        let documented = try Self.documentedPairs()
        #expect(!declared.isEmpty)
        #expect(documented == declared, "documented only: \(documented.subtracting(declared)); declared only: \(declared.subtracting(documented))")
    }
}
