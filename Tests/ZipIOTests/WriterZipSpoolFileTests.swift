import Foundation
import TestSupport
import Testing
@testable import ZipIO

@Suite struct WriterZipSpoolFileTests {
    private func temporaryFolder() -> String {
        Fixtures.temporaryDirectory("rbm-spool-tests").path
    }

    @Test func aSpoolKeepsWhatIsAppendedAndLeavesNoNameInItsFolder() throws {
        let folder = temporaryFolder()
        let spool = try ZipSpoolFile(directory: folder)
        try spool.append(Array("<row r=\"1\"/>".utf8))
        try spool.append([])
        try spool.append(Array(repeating: UInt8(ascii: "x"), count: 100_000))
        #expect(spool.count == 100_012)
        #expect(try spool.contents() == Array("<row r=\"1\"/>".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Where the file system has nameless files (`O_TMPFILE`: ext4, XFS, Btrfs, tmpfs), the spool
    /// never has a name, so no kill at any instant can leave one behind (the kill harness found an
    /// `rbm-spool-XXXXXX` left by a run killed between creating and unlinking it).
    @Test func aSpoolNeverHasANameWhereTheFileSystemAllowsIt() throws {
        #if os(Linux)
        let folder = temporaryFolder()
        let spool = try ZipSpoolFile(directory: folder)
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(spool.descriptor)")
        #expect(target.hasPrefix(folder + "/#"), "\(target)")   // not `rbm-spool-XXXXXX (deleted)`
        #endif
    }

    @Test func aSpoolInAFolderThatDoesNotExistFailsWithTheReason() {
        #expect {
            _ = try ZipSpoolFile(directory: "/nonexistent-rbm-folder")
        } throws: { error in
            (error as? ZipIOError)?.code == .ioError
                && (error as? ZipIOError)?.description
                    == "nonexistent-rbm-folder: error: cannot create a spool file: No such file or directory"
        }
    }

    @Test(arguments: [0, 1, 6])
    func anEntryWithSpooledSegmentsIsTheSameAsOneBuffer(level: Int) throws {
        let rows = (1...20_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7)</v></c></row>" }.joined()
        let head = Array("<worksheet><sheetData>".utf8)
        let tail = Array("</sheetData></worksheet>".utf8)
        let body = Array(rows.utf8)
        let spool = try ZipSpoolFile(directory: temporaryFolder())
        try spool.append(Array(body[..<300_000]))
        try spool.append(Array(body[300_000...]))

        let paths = [temporaryFolder() + "/one.zip", temporaryFolder() + "/segments.zip"]
        let whole = try ZipArchiveWriter(path: paths[0], compressionLevel: level)
        try whole.addEntry(name: "a.xml", data: Array("first".utf8))
        try whole.addEntry(name: "sheet.xml", data: head + body + tail)
        try whole.close()
        let segmented = try ZipArchiveWriter(path: paths[1], compressionLevel: level)
        try segmented.addEntry(name: "a.xml", segments: [.bytes(Array("first".utf8))])
        try segmented.addEntry(name: "sheet.xml", segments: [.bytes(head), .spool(spool), .bytes([]), .bytes(tail)])
        try segmented.close()

        // Up to `deflateInMemoryLimit` a spooled entry is read back and deflated as one in memory.
        #expect(try Data(contentsOf: URL(fileURLWithPath: paths[0])) == Data(contentsOf: URL(fileURLWithPath: paths[1])))
        let archive = try ZipArchive(path: paths[1])
        #expect(archive.entries.map(\.name) == ["a.xml", "sheet.xml"])
        #expect(archive.entries[1].declaredSize == UInt64(head.count + body.count + tail.count))
    }

    /// Beyond `deflateInMemoryLimit` a spooled entry streams from its spool through libzip's zlib
    /// (memory bounded however large the entry): the same inflated bytes, other compressed ones.
    @Test(arguments: [1, 6])
    func aSpooledEntryBeyondTheLimitStreamsThroughZlib(level: Int) throws {
        let body = Array((1...20_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7)</v></c></row>" }.joined().utf8)
        let spool = try ZipSpoolFile(directory: temporaryFolder())
        try spool.append(body)
        let paths = [temporaryFolder() + "/whole.zip", temporaryFolder() + "/streamed.zip"]
        let whole = try ZipArchiveWriter(path: paths[0], compressionLevel: level)
        try whole.addEntry(name: "sheet.xml", data: body)
        try whole.close()
        let streamed = try ZipArchiveWriter(path: paths[1], compressionLevel: level)
        streamed.deflateInMemoryLimit = body.count - 1
        try streamed.addEntry(name: "sheet.xml", segments: [.spool(spool)])
        try streamed.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: paths[0])) != Data(contentsOf: URL(fileURLWithPath: paths[1])))
        for path in paths {
            let archive = try ZipArchive(path: path)
            #expect(try archive.readAll(archive.entries[0]) == body)
        }
    }

    @Test func anEntryOfOnlyASpoolCanBeEmpty() throws {
        let path = temporaryFolder() + "/empty.zip"
        let archive = try ZipArchiveWriter(path: path)
        try archive.addEntry(name: "empty.xml", segments: [.spool(try ZipSpoolFile(directory: temporaryFolder()))])
        try archive.close()
        #expect(try ZipArchive(path: path).entries.first?.declaredSize == 0)
    }
}
