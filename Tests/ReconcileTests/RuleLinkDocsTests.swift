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

    /// A rule declares what it reads for all the entries it emits (PresenceRule reads RF-003 for
    /// FIN-001 and FIN-002 alike, and links only FIN-001), so the check is per rule: the causes the
    /// page gives for the entries a rule emits are exactly the entries it reads besides its own.
    @Test func theDocumentedLinksAreTheDeclaredOnes() throws {
        let documented = try Self.documentedPairs()
        #expect(!documented.isEmpty)
        for rule in RuleCatalogue.all {
            let declared = Set(rule.reads.filter { !rule.emits.contains($0) }.map(\.rawValue))
            let effects = Set(rule.emits.map(\.rawValue))
            let given = Set(documented.filter { effects.contains($0.effect) }.map(\.cause))
            #expect(given == declared, "\(rule.name): the page links \(given.sorted()) to \(effects.sorted()), the rule reads \(declared.sorted())")
        }
    }
}
