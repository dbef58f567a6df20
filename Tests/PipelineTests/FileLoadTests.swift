import Foundation
import Testing
import TestSupport
@testable import Pipeline
import XLSXReader

/// The per-file unit of work: a file is refused for its real cause, even when its name matches no
/// source (issue 14: all of these were `not-recognised`).
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbook fixtures"))
struct FileLoadTests {
    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)

    static func perform(_ path: String) throws -> FileLoad {
        let pipeline = try PipelineFile.load(path: Fixtures.path("pipelines/itu-2022-2023.yaml"))
        return FileLoad.perform(path: path, loader: pipeline.workbookLoader, pipelineName: "itu-2022-2023.yaml")
    }

    static func write(_ bytes: Data, named name: String) throws -> String {
        let path = Fixtures.temporaryDirectory("file-load").appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func category(_ outcome: FileLoad) -> String {
        if case .refused(let category, _) = outcome { category } else { "loaded" }
    }

    /// `budget notes.xlsx` matches no source pattern of the demo pipeline.
    static let unmatched = "budget notes.xlsx"

    @Test func anEncryptedWorkbookIsRefusedAsEncrypted() throws {
        let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let outcome = try Self.perform(try Self.write(Data(Self.ole2 + marker), named: Self.unmatched))
        guard case .refused(let category, let reason) = outcome else { Issue.record("loaded"); return }
        #expect(category == "encrypted")
        #expect(reason == "budget notes.xlsx: error: the workbook is password-protected; save it without a password")
    }

    @Test func aLegacyXLSIsRefusedAsUnsupported() throws {
        #expect(Self.category(try Self.perform(try Self.write(Data(Self.ole2), named: Self.unmatched))) == "unsupported-format")
    }

    @Test func aTruncatedUploadIsRefusedAsIncomplete() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox/OP_BR_2022-2025_v2.xlsx")))
        let outcome = try Self.perform(try Self.write(whole.prefix(whole.count / 2), named: Self.unmatched))
        guard case .refused(let category, let reason) = outcome else { Issue.record("loaded"); return }
        #expect(category == "incomplete-file")
        #expect(reason.contains("truncated"))
    }

    @Test func aHostileWorkbookIsRefusedForItsPayload() throws {
        var fixture = WorkbookFixture(rows: "")
        fixture.workbookXML = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>"#
        let outcome = try Self.perform(try fixture.write(named: Self.unmatched))
        #expect(Self.category(outcome) == "forbidden-xml")
    }

    @Test func aHostileFirstSheetIsRefusedForItsPayload() throws {
        let fixture = WorkbookFixture(sheetXML: #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>"#)
        #expect(Self.category(try Self.perform(try fixture.write(named: Self.unmatched))) == "forbidden-xml")
    }

    @Test func aReadableWorkbookNoSourceDescribesIsStillNotRecognised() throws {
        let fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>Lunch menu</t></is></c></row>"#)
        let outcome = try Self.perform(try fixture.write(named: Self.unmatched))
        guard case .refused(let category, let reason) = outcome else { Issue.record("loaded"); return }
        #expect(category == "not-recognised")
        #expect(reason == "neither the file name nor the title rows match a source of itu-2022-2023.yaml")
    }
}
