import Foundation
import Testing
import TestSupport
@testable import ZipIO

@Suite struct ZipArchiveTests {
    @Test(arguments: ["", "/abs", "a/../b", "a\\b", "a//b", "./x"])
    func rejectsUnsafeEntryNames(name: String) {
        #expect(throws: ZipIOError.self) { try ZipArchive.validate(name: name, path: "t.zip") }
    }

    @Test func acceptsOrdinaryPartNames() throws {
        try ZipArchive.validate(name: "xl/worksheets/sheet1.xml", path: "t.zip")
        try ZipArchive.validate(name: "[Content_Types].xml", path: "t.zip")
    }

    @Test func refusesAFileThatIsNotAZip() throws {
        let url = Fixtures.scratch.appendingPathComponent("rbm-notzip-\(UUID()).zip")
        try Data("id,amount\n1,2\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ZipIOError.self) { try ZipArchive(path: url.path) }
        #expect(error.code == .notAZip)
    }
}
