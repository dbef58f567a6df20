import Foundation
import Testing
import FuzzEntryPoints

/// Every input a fuzz target ever crashed on (`Fuzz/Regressions/<target>/`), fed through the same
/// entry point the target calls (docs/fuzzing.md). A fixed crash stays fixed: a trap here fails the
/// test run; a property violation fails the test with the property's words.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
        let dir = root.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionInputsStayFixed(target: FuzzTarget) throws {
        for url in Self.inputs("Regressions", target) {
            let bytes = try [UInt8](Data(contentsOf: url))
            #expect(throws: Never.self, "\(target.rawValue)/\(url.lastPathComponent)") { try target.run(bytes) }
        }
    }

    /// The curated seeds are valid inputs of their target: each runs clean (a broken seed would
    /// hide a crash behind a startup failure in `make fuzz`).
    @Test(arguments: FuzzTarget.allCases)
    func seedsRunClean(target: FuzzTarget) throws {
        let seeds = Self.inputs("Seeds", target)
        #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
        for url in seeds.prefix(40) {
            let bytes = try [UInt8](Data(contentsOf: url))
            #expect(throws: Never.self, "\(target.rawValue)/\(url.lastPathComponent)") { try target.run(bytes) }
        }
    }
}
