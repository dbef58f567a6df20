import Foundation
import SystemIO
import Testing

/// A scratch file holds exactly the bytes written, replaces a longer one, and names its path when
/// it cannot be written.
@Suite struct ScratchFileTests {
    @Test func theBytesWrittenAreTheFilesWholly() throws {
        let folder = try TestFolder("scratch")
        defer { folder.remove() }
        let path = folder.file("result.rbmt")
        try Array(repeating: UInt8(7), count: 100_000).withUnsafeBytes { try ScratchFile.write($0, to: path) }
        let bytes: [UInt8] = Array((0..<70_000).map { UInt8(truncatingIfNeeded: $0) })
        try bytes.withUnsafeBytes { try ScratchFile.write($0, to: path) }
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        let status = try FileStatus(ofEntry: path)
        #expect(status.size == 70_000)
        try [UInt8]().withUnsafeBytes { try ScratchFile.write($0, to: path) }
        #expect(try FileStatus(ofEntry: path).size == 0)
    }

    @Test func aFileThatCannotBeMadeNamesItsPath() throws {
        let folder = try TestFolder("scratch-missing")
        defer { folder.remove() }
        let path = folder.file("gone/result.rbmt")
        let error = try #require(throws: SystemCallError.self) { try [1, 2, 3].withUnsafeBytes { try ScratchFile.write($0, to: path) } }
        #expect(error.call == "open" && error.path == path && error.kind == .notFound)
    }
}
