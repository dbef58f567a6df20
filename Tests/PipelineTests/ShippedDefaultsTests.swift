import Foundation
@testable import Pipeline
import Testing

/// Where the shipped defaults are read from: the file beside the executable when it is there,
/// which is the file `Bundle.module` finds.
@Suite struct ShippedDefaultsTests {
    @Test func theResourceFoundDirectlyIsTheOneTheBundleFinds() throws {
        let direct = try #require(ShippedDefaults.resourceURL())
        let bundled = try #require(Bundle.module.url(forResource: "defaults", withExtension: "yaml"))
        #expect(try Data(contentsOf: direct) == (try Data(contentsOf: bundled)))
        #expect(direct.lastPathComponent == "defaults.yaml")
    }
}
