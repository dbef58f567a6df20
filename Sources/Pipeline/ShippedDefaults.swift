import Foundation
import Yams

/// rbm's shipped defaults (`Defaults/defaults.yaml`, a package resource): the value aliases of
/// domain.md b.3 and the header aliases of each table. Pipeline files add words to them.
struct ShippedDefaults: Decodable {
    var aliases: PipelineFile.Aliases
    /// Table kind → field → header aliases.
    var fields: [String: [String: [String]]]

    /// - Throws: ``PipelineError`` when the resource is missing or unreadable (a broken install).
    static func load() throws -> ShippedDefaults {
        guard let url = Bundle.module.url(forResource: "defaults", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw PipelineError(file: "defaults.yaml", "rbm's shipped defaults are missing from this installation")
        }
        do { return try YAMLDecoder().decode(ShippedDefaults.self, from: text) } catch {
            throw PipelineError(file: url.path, "rbm's shipped defaults cannot be read: \(error)")
        }
    }
}
