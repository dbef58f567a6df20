import Foundation
import Normalise
import SystemIO
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

    /// Starts parsing the shipped defaults on a thread of its own, so that a run's pipeline file
    /// (parsed and checked on the run's thread meanwhile) finds them ready: 22 M instructions, about
    /// 6 ms, taken off the start of every run, before which no file can be read (issue 11). A
    /// ``load()`` that comes first waits for the parse (the once of a static).
    static func prefetch() {
        Thread.detachNewThread { _ = try? load() }
    }

    /// The resource's file: in SwiftPM's resource folder beside the executable, the place
    /// `Bundle.module` looks first, else through `Bundle.module` (which also knows the build
    /// folder). Asking `Bundle` first cost more than parsing the file: setting up the main bundle
    /// and searching it took 0.1 G instructions a process, 1.6 % of a run at K = 58 (issue 11).
    static func resourceURL() -> URL? {
        if let executable = ProcessControl.executablePath {
            let url = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("rbm_Pipeline.resources").appendingPathComponent("defaults.yaml")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return Bundle.module.url(forResource: "defaults", withExtension: "yaml")
    }

    /// Reads and parses the resource.
    private static func read() throws -> ShippedDefaults {
        guard let url = resourceURL(),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw PipelineError(file: "defaults.yaml", "rbm's shipped defaults are missing from this installation")
        }
        do {
            guard let node = try YAMLNodeDecoding.compose(text) else { throw PipelineError(file: url.path, "the file is empty") }
            return try YAMLNodeDecoding.decode(ShippedDefaults.self, from: node)
        } catch {
            throw PipelineError(file: url.path, "rbm's shipped defaults cannot be read: \(error)")
        }
    }
}
