import Foundation
import SystemIO
import Testing

@Suite struct DurableTests {
    @Test(arguments: [0, 1, 4096, 3 << 20 | 17])
    func aWriteLeavesTheWholeContentAndNoTemporary(size: Int) throws {
        let folder = try TestFolder("durable")
        defer { folder.remove() }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try Durable.write(bytes, to: folder.file("manifest.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("manifest.json"))) == Data(bytes))
        #expect(try folder.names() == ["manifest.json"])
    }

    @Test func aWriteReplacesTheOldContentWhole() throws {
        let folder = try TestFolder("durable-replace")
        defer { folder.remove() }
        let path = folder.file("current.json")
        try Durable.write(Data(repeating: 0x41, count: 10_000), to: path)
        try Durable.write(Data("short".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "short")
        #expect(try folder.names() == ["current.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o600 } == 0o600)   // 0666 less the umask, as Foundation's atomic write
    }

    @Test func aWriteIntoAMissingFolderFailsAndLeavesNothing() throws {
        let folder = try TestFolder("durable-missing")
        defer { folder.remove() }
        let error = try #require(throws: SystemCallError.self) { try Durable.write(Data("x".utf8), to: folder.file("gone/out.csv")) }
        #expect(error.call == "open" && error.kind == .notFound)
        #expect(error.reason == "No such file or directory")
        #expect(try folder.names().isEmpty)
    }

    @Test func aFailedRenameRemovesTheTemporary() throws {
        let folder = try TestFolder("durable-rename")
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("taken/inside"), withIntermediateDirectories: true)
        let error = try #require(throws: SystemCallError.self) { try Durable.write(Data("x".utf8), to: folder.file("taken")) }
        #expect(error.call == "rename")   // a file cannot replace a folder that is not empty
        #expect(try folder.names() == ["taken"])
    }

    @Test func foldersAndFilesAreFlushedAndAFileIsNoFolder() throws {
        let folder = try TestFolder("durable-flush")
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("a")))
        try Durable.flush(folder: folder.path)
        try Durable.flush(file: folder.file("a"))
        let error = try #require(throws: SystemCallError.self) { try Durable.flush(folder: folder.file("a")) }
        #expect(error.call == "open" && error.kind == .notFound && error.path == folder.file("a"))
    }

    @Test func aRenameReplacesItsTarget() throws {
        let folder = try TestFolder("durable-move")
        defer { folder.remove() }
        try Data("new".utf8).write(to: URL(fileURLWithPath: folder.file(".staging")))
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.file("out.csv")))
        try Durable.rename(folder.file(".staging"), over: folder.file("out.csv"))
        #expect(try String(contentsOfFile: folder.file("out.csv"), encoding: .utf8) == "new")
        #expect(try folder.names() == ["out.csv"])
    }

    /// `/dev/shm` is a tmpfs on Linux; where the temporary folder is on another file system, a
    /// rename between them is `EXDEV`, which rbm turns into a copy.
    @Test(.enabled(if: DurableTests.shmIsAnotherFileSystem, "/dev/shm is missing or on the temporary folder's file system"))
    func aRenameAcrossFileSystemsSaysSo() throws {
        let folder = try TestFolder("durable-xdev")
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("a")))
        let target = "/dev/shm/systemio-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let error = try #require(throws: SystemCallError.self) { try Durable.rename(folder.file("a"), over: target) }
        #expect(error.kind == .crossDevice && error.path == target)
    }

    static var shmIsAnotherFileSystem: Bool {
        let device = { (path: String) in (try? FileManager.default.attributesOfItem(atPath: path))?[.systemNumber] as? NSNumber }
        guard let shm = device("/dev/shm"), let temporary = device(FileManager.default.temporaryDirectory.path) else { return false }
        return shm != temporary
    }
}
