import Foundation
import Glibc
import Testing
import TestSupport
@testable import Pipeline

/// Names a drop folder can receive: not UTF-8 (a legacy encoding from a Windows share), with a
/// newline, or as long as the file system allows (`reliability.md` 9, E.50).
@Suite struct FileNameTests {
    @Test func badBytesAreEscapedAndGoodCharactersKept() {
        #expect(FileNames.escaped(Array("Plan op".utf8) + [0xE9] + Array("rationnel.xlsx".utf8)) == "Plan op%E9rationnel.xlsx")
        #expect(FileNames.escaped(Array("Genève ".utf8) + [0xFF, 0xC3] + Array(".xlsx".utf8)) == "Genève %FF%C3.xlsx")
    }

    @Test func longNamesAreShortenedWithAHashAndShortOnesKept() {
        let long = String(repeating: "é", count: 120) + ".xlsx"          // 245 bytes
        let fitted = FileNames.fitting(long)
        #expect(fitted.utf8.count <= 200 && fitted.hasSuffix(".xlsx") && fitted.contains("~"))
        #expect(FileNames.fitting(String(repeating: "é", count: 121) + ".xlsx") != fitted)
        #expect(FileNames.fitting("OP_BR_2022-2025_v2.xlsx") == "OP_BR_2022-2025_v2.xlsx")
    }

    @Test func controlCharactersAreShownEscaped() {
        #expect(FileNames.display("new\nline.xlsx") == "new\\u{a}line.xlsx")
    }

    @Test func aRunFilesAwayOddNamesAndStillReadsAWorkbookWithALegacyName() throws {
        let work = Fixtures.temporaryDirectory("rbm-names")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        // BR's plan under a Latin-1 name, a name with a newline, a 250-byte name.
        let latin1 = Array(inbox.path.utf8) + Array("/OP_BR_2022-2025_v3_op".utf8) + [0xE9] + Array("rationnel.xlsx".utf8)
        let data = try Data(contentsOf: inbox.appendingPathComponent("OP_BR_2022-2025_v2.xlsx"))
        let descriptor = creat((latin1 + [0]).map { CChar(bitPattern: $0) }, 0o644)
        #expect(descriptor >= 0)
        _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try Data("hello".utf8).write(to: inbox.appendingPathComponent("new\nline.xlsx"))
        try Data("hello".utf8).write(to: inbox.appendingPathComponent(String(repeating: "x", count: 245) + ".xlsx"))

        let report = try BatchRun(options: .init(pipelinePath: Fixtures.path("pipelines/itu-2022-2023.yaml"), inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let fates = Dictionary(uniqueKeysWithValues: report.manifest.inputs.map { ($0.file, $0.fate) })
        #expect(fates["OP_BR_2022-2025_v3_op%E9rationnel.xlsx"] == .archived)   // read, and it supersedes v2
        #expect(fates["OP_BR_2022-2025_v2.xlsx"] == .superseded)
        #expect(fates["new\nline.xlsx"] == .quarantined)
        #expect(report.manifest.notes.contains("info: inbox: 'OP_BR_2022-2025_v3_op%E9rationnel.xlsx' arrived with a name that is not UTF-8; it was renamed, its bad bytes written as %XX"))
        #expect(report.findings.count == 43)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).isEmpty)
        let quarantined = Filed.names(in: work.appendingPathComponent("quarantine"))
        #expect(quarantined.allSatisfy { $0.utf8.count <= 255 } && quarantined.count == 4)
        #expect(Summary.render(report).contains("quarantined new\\u{a}line.xlsx: "))
    }
}
