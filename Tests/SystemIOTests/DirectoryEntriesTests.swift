import Foundation
import Glibc
import SystemIO
import Testing

@Suite struct DirectoryEntriesTests {
    /// A name in Latin-1 from a Windows share: `Plan op\xE9rationnel.xlsx`.
    static let latin1 = Array("Plan op".utf8) + [0xE9] + Array("rationnel.xlsx".utf8)

    /// Creates a file whose name is `bytes` (Foundation cannot spell it; SystemIO is under test).
    static func create(_ bytes: [UInt8], in folder: TestFolder) throws {
        let path = (Array(folder.path.utf8) + [UInt8(ascii: "/")] + bytes + [0]).map { CChar(bitPattern: $0) }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        close(descriptor)
    }

    @Test func namesThatAreNotUTF8AreListedAsTheirBytes() throws {
        let folder = try TestFolder("raw-names")
        defer { folder.remove() }
        try Self.create(Self.latin1, in: folder)
        try Self.create([0xFF, 0xFE, 0x2E, 0x78], in: folder)
        try Data().write(to: URL(fileURLWithPath: folder.file("Genève.xlsx")))
        let names = try DirectoryEntries.names(in: folder.path)
        #expect(Set(names) == [Self.latin1, [0xFF, 0xFE, 0x2E, 0x78], Array("Genève.xlsx".utf8)])
        #expect(names.filter { String(validating: $0, as: UTF8.self) == nil }.count == 2)
    }

    @Test func anEmptyFolderHasNoNamesNotEvenDots() throws {
        let folder = try TestFolder("raw-empty")
        defer { folder.remove() }
        #expect(try DirectoryEntries.names(in: folder.path).isEmpty)
    }

    @Test func aMissingFolderIsAnError() throws {
        let error = try #require(throws: SystemCallError.self) { try DirectoryEntries.names(in: "/nonexistent-\(UUID().uuidString)") }
        #expect(error.call == "opendir" && error.kind == .notFound)
    }

    @Test func anEntryIsRenamedFromItsBytes() throws {
        let folder = try TestFolder("raw-rename")
        defer { folder.remove() }
        try Self.create(Self.latin1, in: folder)
        try DirectoryEntries.rename(entry: Self.latin1, in: folder.path, to: "Plan op%E9rationnel.xlsx")
        #expect(try DirectoryEntries.names(in: folder.path) == [Array("Plan op%E9rationnel.xlsx".utf8)])
        #expect(throws: SystemCallError.self) { try DirectoryEntries.rename(entry: Self.latin1, in: folder.path, to: "again.xlsx") }
    }
}

/// A folder of thousands of entries of every length lists whole: each name read where `readdir`
/// put it, never past its record (a `$TMPDIR` of 6,000 entries crashed the listing that copied
/// the 256 bytes `dirent` declares).
@Suite struct DirectoryEntriesManyTests {
    @Test func thousandsOfNamesOfEveryLengthAreListedExactly() throws {
        let folder = try TestFolder("raw-many")
        defer { folder.remove() }
        var expected = Set<[UInt8]>()
        for index in 0..<3_000 {
            let length = 1 + (index * 37) % 200
            var name = Array(String(index).utf8)
            while name.count < length { name.append(UInt8(ascii: "a") + UInt8(name.count % 26)) }
            try DirectoryEntriesTests.create(name, in: folder)
            expected.insert(name)
        }
        let names = try DirectoryEntries.names(in: folder.path)
        #expect(names.count == expected.count)
        #expect(Set(names) == expected)
    }
}
