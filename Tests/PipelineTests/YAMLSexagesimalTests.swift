import Foundation
@testable import Pipeline
import Testing
import TestSupport

/// The YAML library reads an integer field holding a `:` as a YAML 1.1 base-60 number with
/// arithmetic that traps on overflow: `FuzzPipelineFile` killed the process with one (its input is
/// `Fuzz/Regressions/FuzzPipelineFile/sexagesimal-integer-overflow.yaml`). Such a value is refused
/// at its line before anything is decoded.
@Suite struct YAMLSexagesimalTests {
    @Test(arguments: [
        ("1:2:3:4:5:6:7:8:9:10:11", true),            // 60^11 passes Int's range
        ("999999999999999999:59", true),             // the first part times 60
        ("-1:2:3:4:5:6:7:8:9:10:11", true),
        ("1:30", false), ("10:30:00", false), ("Budget 2022: total", false), ("no colon", false),
        ("1:2:3:4:5:6:7:8:9:10", false),              // 60^10 still fits
    ])
    func overflowIsToldAsTheLibraryComputes(text: String, overflows: Bool) {
        #expect(YAMLSexagesimal.overflows(text) == overflows)
    }

    @Test func aPipelineFileWithOneIsRefusedAtItsLine() throws {
        let text = "name: x\nplan:\n  id: SP2020-2023\n  goals: 1:2:3:4:5:6:7:8:9:10:11\n"
        let error = try #require(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "p.yaml") }
        #expect(error.line == 4, "\(error)")
        #expect(error.message.contains("reads as a YAML base-60 number"), "\(error)")
    }

    @Test func theFuzzersInputIsRefusedNotFatal() throws {
        let path = Fixtures.path("Fuzz/Regressions/FuzzPipelineFile/sexagesimal-integer-overflow.yaml")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(throws: PipelineError.self) { try PipelineFile.load(yaml: text, path: "fuzz.yaml") }
    }
}
