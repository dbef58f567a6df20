import Foundation
@testable import Pipeline
import Testing
import TestSupport
import Yams

/// The YAML library reads an integer field holding a `:` as a YAML 1.1 base-60 number with
/// arithmetic that traps on overflow: `FuzzPipelineFile` killed the process with one (its input is
/// `Fuzz/Regressions/FuzzPipelineFile/sexagesimal-integer-overflow.yaml`), and again with a value
/// holding `_`, which the library drops before reading it (`sexagesimal-overflow-with-underscores.yaml`).
/// Such a value is refused at its line before anything is decoded; the check's readings are
/// compared with the library's own on random texts.
@Suite struct YAMLSexagesimalTests {
    @Test(arguments: [
        ("1:2:3:4:5:6:7:8:9:10:11", true),            // 60^11 passes Int's range
        ("999999999999999999:59", true),             // the first part times 60
        ("-1:2:3:4:5:6:7:8:9:10:11", true),
        ("1:30", false), ("10:30:00", false), ("Budget 2022: total", false), ("no colon", false),
        ("1:2:3:4:5:6:7:8:9:10", false),              // 60^10 still fits
        ("99_9999999999999999:0", true),              // the library drops `_`: 999…9 times 60
        ("1:2:3:4:5:6:7:8:9:1_0:1_1", true),
        ("0:2:3:4:5:6:7:8:9:10:11", false),           // a leading 0 is read in octal, no base 60
        ("-0x1:2:3:4:5:6:7:8:9:10:11", false),
    ])
    func overflowIsToldAsTheLibraryComputes(text: String, overflows: Bool) {
        #expect((YAMLSexagesimal.reading(of: Node.Scalar(text)) == .overflow) == overflows)
    }

    @Test func aQuotedTextIsNotANumber() {
        #expect(YAMLSexagesimal.reading(of: Node.Scalar("1:2:3:4:5:6:7:8:9:10:11", .implicit, .doubleQuoted)) == .notBase60)
        #expect(YAMLSexagesimal.reading(of: Node.Scalar("1:2:3:4:5:6:7:8:9:10:11", .implicit, .singleQuoted)) == .notBase60)
    }

    /// Every reading the check makes without overflow is the library's own, on 20,000 random texts
    /// of digits, signs, `_`, `:`, radix letters and other characters: the check follows the
    /// library's steps, so a change in the library's reading shows here first.
    @Test func theReadingsAreTheLibrarysOwn() {
        var random = SeededRandom(seed: 0x5EC5)
        let alphabet = Array("0123456789:::__+-xbo a.")
        var compared = 0
        for _ in 0..<20_000 {
            let count = 1 + Int(random.next() % 40)
            let text = String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let scalar = Node.Scalar(text)
            switch YAMLSexagesimal.reading(of: scalar) {
            case .overflow: continue                               // the library would trap
            case .value(let value):
                #expect(Int.construct(from: scalar) == value, "\(text)")
                compared += 1
            case .notBase60:
                if text.contains(":"), !text.replacingOccurrences(of: "_", with: "").drop(while: { $0 == "-" || $0 == "+" }).hasPrefix("0") {
                    Issue.record("'\(text)' holds a ':' and no radix prefix but was not read in base 60")
                }
            }
        }
        #expect(compared > 5_000)
    }

    @Test func aPipelineFileWithOneIsRefusedAtItsLine() throws {
        let text = "name: x\nplan:\n  id: SP2020-2023\n  goals: 1:2:3:4:5:6:7:8:9:10:11\n"
        let error = try #require(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "p.yaml") }
        #expect(error.line == 4, "\(error)")
        #expect(error.message.contains("reads as a YAML base-60 number"), "\(error)")
    }

    @Test(arguments: ["sexagesimal-integer-overflow.yaml", "sexagesimal-integer-overflow-empty-parts.yaml",
                      "sexagesimal-overflow-with-underscores.yaml"])
    func theFuzzersInputIsRefusedNotFatal(name: String) throws {
        let path = Fixtures.path("Fuzz/Regressions/FuzzPipelineFile/\(name)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "fuzz.yaml") }
    }
}
