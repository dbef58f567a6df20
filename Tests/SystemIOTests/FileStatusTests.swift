import Foundation
import Glibc
import SystemIO
import Testing

/// `FileStatus` says what Foundation's `attributesOfItem` says of an entry's kind, size and last
/// modification, without following a symbolic link.
@Suite struct FileStatusTests {
    @Test func aFileItsSizeAndTimeAsFoundationSeesThem() throws {
        let folder = try TestFolder("status-file")
        defer { folder.remove() }
        try Data(repeating: 7, count: 12_345).write(to: URL(fileURLWithPath: folder.file("a.xlsx")))
        // A time with a fraction of a second, as a copy from another machine keeps it.
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789)]
        #expect(utimensat(AT_FDCWD, folder.file("a.xlsx"), &times, 0) == 0)
        let status = try FileStatus(ofEntry: folder.file("a.xlsx"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file("a.xlsx"))
        #expect(status.kind == .regular)
        #expect(status.size == 12_345)
        #expect(status.size == (attributes[.size] as? NSNumber)?.intValue)
        #expect(status.modified.seconds == 1_700_000_000 && status.modified.nanoseconds == 123_456_789)
        let foundation = try #require(attributes[.modificationDate] as? Date)
        #expect(abs(status.modifiedSince1970 - foundation.timeIntervalSince1970) < 1e-6)
    }

    @Test func aSymbolicLinkIsJudgedItselfAndAFolderIsAFolder() throws {
        let folder = try TestFolder("status-kinds")
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file("target.xlsx")))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.xlsx"), withDestinationPath: folder.file("target.xlsx"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("dangling.xlsx"), withDestinationPath: folder.file("gone.xlsx"))
        #expect(mkfifo(folder.file("pipe.xlsx"), 0o644) == 0)
        #expect(try FileStatus(ofEntry: folder.file("link.xlsx")).kind == .symbolicLink)
        #expect(try FileStatus(ofEntry: folder.file("dangling.xlsx")).kind == .symbolicLink)
        #expect(try FileStatus(ofEntry: folder.file("pipe.xlsx")).kind == .fifo)
        #expect(try FileStatus(ofEntry: folder.path).kind == .directory)
        #expect(FileStatus.exists(folder.file("dangling.xlsx")))
    }

    @Test func anEntryThatIsNotThereIsAnError() throws {
        let folder = try TestFolder("status-missing")
        defer { folder.remove() }
        let error = try #require(throws: SystemCallError.self) { try FileStatus(ofEntry: folder.file("none.xlsx")) }
        #expect(error.code == ENOENT)
        #expect(!FileStatus.exists(folder.file("none.xlsx")))
    }
}

/// `FileMark` makes an empty file, keeps one that is there, and says when it cannot.
@Suite struct FileMarkTests {
    @Test func aMarkIsMadeOnceAndKept() throws {
        let folder = try TestFolder("mark")
        defer { folder.remove() }
        #expect(FileMark.make(at: folder.file(".read")))
        #expect(try FileStatus(ofEntry: folder.file(".read")).kind == .regular)
        #expect(try FileStatus(ofEntry: folder.file(".read")).size == 0)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: folder.file(".read")))
        #expect(FileMark.make(at: folder.file(".read")))
        #expect(try FileStatus(ofEntry: folder.file(".read")).size == 4)
        #expect(!FileMark.make(at: folder.file("no-such-folder/.read")))
        #expect(try folder.names() == [".read"])
    }
}
