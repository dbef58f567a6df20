import Foundation
import Pipeline

/// The pipeline-file loader from YAML bytes: refused with a `PipelineError`, or accepted and valid.
enum PipelineFileFuzz {
    static func run(_ bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        do {
            _ = try PipelineFile.load(yaml: text, path: "fuzz.yaml")
        } catch is PipelineError {
        } catch {
            throw FuzzPropertyViolation("the loader threw \(type(of: error)), not a PipelineError: \(error)")
        }
    }
}
