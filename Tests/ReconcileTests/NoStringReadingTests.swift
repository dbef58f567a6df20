import Foundation
import Results
import Testing

/// Rules compare typed values: none parses a finding's text back into a number or keys a lookup on
/// an id's text. A grep over the Reconcile sources keeps it so.
@Suite struct NoStringReadingTests {
    static let sources: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Reconcile")

    static var files: [(String, String)] {
        let names = (FileManager.default.enumerator(atPath: sources.path)?.allObjects as? [String]) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().compactMap { name in
            (try? String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }

    @Test func theRuleSourcesAreThere() {
        #expect(Self.files.count >= 15, "Reconcile sources not found at \(Self.sources.path)")
    }

    @Test(arguments: [
        "Exact(string:",          // a number parsed back from a finding's text
        "id: \"",                   // an id built as text
        "\"FIN-", "\"RF-", "\"KPI-", "\"RSK-", "\"SUB-", "\"DAT-",   // id prefixes as string literals
        "\"OP-\\(",                 // the OP-<bureau> tag rebuilt as text
        ".rawValue == \"",          // a typed value compared through its text
    ])
    func noRuleReadsAnotherRulesStrings(pattern: String) {
        for (name, text) in Self.files {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(pattern) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                Issue.record("Sources/Reconcile/\(name):\(number + 1) uses \(pattern): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }
}
