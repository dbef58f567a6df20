import Foundation
import Normalise
import Yams

/// rbm's shipped defaults (`Defaults/defaults.yaml`, a package resource): the value aliases of
/// domain.md b.3 and the header aliases of each table. Pipeline files add words to them.
struct ShippedDefaults: Decodable, Sendable {
    var aliases: PipelineFile.Aliases
    /// Table kind → field → header aliases, as the file spells them (checked by ``fields(of:)``).
    var fields: [String: [String: [String]]]

    /// The header aliases of one table kind, each key parsed into the table's ``Field``.
    /// - Throws: ``PipelineError`` naming `defaults.yaml` when a key is not a field of the table
    ///   (a broken install or a bad edit of the resource).
    func fields(of kind: TableKind) throws -> [Field: [String]] {
        var typed: [Field: [String]] = [:]
        for (name, words) in fields[kind.rawValue] ?? [:] {
            do { typed[try kind.field(named: name)] = words } catch {
                throw PipelineError(file: "defaults.yaml", "rbm's shipped defaults: \(error)")
            }
        }
        return typed
    }

    /// The shipped defaults, parsed once per process (issue 11): every pipeline file a process
    /// loads (each run of `rbm watch`, each worker's) merges the same resource into itself.
    /// - Throws: ``PipelineError`` when the resource is missing or unreadable (a broken install).
    static func load() throws -> ShippedDefaults {
        try parsed.get()
    }

    private static let parsed = Result { try read() }

    /// Reads and parses the resource.
    private static func read() throws -> ShippedDefaults {
        guard let url = Bundle.module.url(forResource: "defaults", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw PipelineError(file: "defaults.yaml", "rbm's shipped defaults are missing from this installation")
        }
        do { return try YAMLDecoder().decode(ShippedDefaults.self, from: text) } catch {
            throw PipelineError(file: url.path, "rbm's shipped defaults cannot be read: \(error)")
        }
    }
}
