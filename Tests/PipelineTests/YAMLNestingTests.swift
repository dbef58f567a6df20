import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// A pipeline text nested thousands of levels deep overflowed the YAML library's recursive parser
/// and killed the process (found by `FuzzPipelineFile`): it is refused before parsing, at its line.
@Suite struct YAMLNestingTests {
    @Test(arguments: [
        (String(repeating: "{", count: 3_000), 1),                                                   // the fuzzer's input, flow mappings
        ("name: x\nplan:\n  a: " + String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100), 3),
        ((0..<80).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"), 65),  // block mappings, one level a line
        (String(repeating: "- ", count: 70) + "1", 1),                                                // a sequence per dash
        ("  " + String(repeating: "? ", count: 1_710) + "- 1", 1),                                     // a mapping per `?` (the fuzzer's second input)
    ])
    func deepTextIsRefusedAtItsLineBeforeParsing(text: String, line: Int) throws {
        let error = try #require(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "deep.yaml") }
        #expect(error.line == line, "\(error)")
        #expect(error.message.hasPrefix("the text nests more than 64 levels deep"), "\(error)")
    }

    @Test func everyShippedPipelineNestsAHandfulOfLevels() throws {
        let pipelines = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("pipelines")).filter { $0.hasSuffix(".yaml") }
            .map { Fixtures.path("pipelines/" + $0) } + [Fixtures.path("fixtures/scenarios/new-layout/pipeline.yaml")]
        #expect(!pipelines.isEmpty)
        for path in pipelines {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(YAMLNesting.firstTooDeep(text, limit: 12) == nil, "\(path)")
        }
    }

    @Test func bracketsInsideQuotesAndCommentsDoNotCount() {
        let text = "a: \"{{{{{{{{{{\" # [[[[[[[[[[[[\nb: '[[[[[[[[[[['\n"
        #expect(YAMLNesting.firstTooDeep(text, limit: 2) == nil)
        #expect(YAMLNesting.firstTooDeep("a: {b: {c: {d: 1}}}", limit: 2)?.line == 1)
    }
}
