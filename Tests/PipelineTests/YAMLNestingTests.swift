import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// A pipeline text nested thousands of levels deep overflowed the YAML library's recursive parser
/// and killed the process (found by `FuzzPipelineFile`): it is refused before parsing, at its line.
@Suite struct YAMLNestingTests {
    @Test(arguments: [
        (String(repeating: "{", count: 900), 1),                                                     // the fuzzer's input, flow mappings (shortened below the bound)
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

    /// A quote inside a plain scalar opens nothing: `x' y: [[[…` nested thousands of levels while
    /// an earlier scan took everything after `x'` for quoted text (fuzzing, on the fixed build).
    @Test(arguments: [
        "x' y: " + String(repeating: "[", count: 900),
        "a, 'b: " + String(repeating: "[", count: 900),
        "k: [a'b, " + String(repeating: "[", count: 900),
        "k: ['a\n', " + String(repeating: "[", count: 900),
        "k: !t " + String(repeating: "[", count: 900),
        "k: &x " + String(repeating: "[", count: 900),
        "k: [\"a\\\"\", " + String(repeating: "[", count: 900),                     // an escaped quote does not close
        "k: ['it''s', " + String(repeating: "[", count: 900),
    ])
    func aQuoteInsidePlainTextHidesNoBracket(text: String) throws {
        #expect(YAMLNesting.firstTooDeep(text) != nil, "\(text.prefix(20))")
        #expect(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "deep.yaml") }
    }

    /// Marks nest at their own columns, so lines indented under them add to them: eight lines of
    /// `- - - - - - - - a:`, each indented under the last, are over 64 levels.
    @Test func marksAddUpOverIndentedLines() {
        let text = (0..<8).map { String(repeating: " ", count: $0 * 18) + String(repeating: "- ", count: 8) + "a:" }.joined(separator: "\n")
        #expect(YAMLNesting.firstTooDeep(text)?.line == 8)
    }

    /// The YAML scanner breaks lines at NEL, U+2028 and U+2029 and at a lone `\r` too.
    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\r", "\r\n"])
    func everyLineBreakOfYAMLBreaksALine(breaking: String) {
        let text = "!" + breaking + "  " + String(repeating: "? ", count: 70) + "a"
        #expect(YAMLNesting.firstTooDeep(text)?.line == 2)
        #expect(YAMLNesting.lines(of: "a" + breaking + "b").count == 2)
    }

    @Test func quotedScalarsStillHideTheirBrackets() {
        #expect(YAMLNesting.firstTooDeep("a: '" + String(repeating: "[", count: 100) + "'\nb: \"" + String(repeating: "{", count: 100) + "\"\n") == nil)
        #expect(YAMLNesting.firstTooDeep("a: ['x, [[[[', \"]]]\", 'it''s [[[[']\n") == nil)
        #expect(YAMLNesting.firstTooDeep("a: 'multi\n  line [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  end'\n") == nil)
    }

    @Test func aFileBeyondTheBoundIsRefusedWhateverItsQuotes() throws {
        let many = "a: '" + String(repeating: "[", count: 1_001) + "'\n"
        #expect(YAMLNesting.beyondBound(many) != nil)
        let error = try #require(throws: PipelineError.self) { try PipelineFile.load(yaml: many, path: "p.yaml") }
        #expect(error.message.contains("'[' and '{'"), "\(error)")
        #expect(YAMLNesting.beyondBound(String(repeating: "#", count: (1 << 20) + 1)) != nil)
        #expect(YAMLNesting.beyondBound("a: 'x\n" + String(repeating: "- ", count: 257) + "1\n'") != nil)   // even inside quoted text
        #expect(YAMLNesting.beyondBound(String(repeating: "- ", count: 200) + "1") == nil)
    }

    @Test(arguments: ["crash-61db8a9b", "crash-9649dabd", "crash-1fecf21d", "crash-e9c0dd12"].map { $0 + "-nested-after-quote-in-plain.yaml" }
                      + ["explicit-keys-after-a-line-separator.yaml"])
    func theFuzzersInputsAreRefusedNotFatal(name: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("Fuzz/Regressions/FuzzPipelineFile/\(name)"))), as: UTF8.self)
        #expect(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "fuzz.yaml") }
    }
}
