import Foundation
import TestSupport
import Testing
import ZipIO

@Suite struct WriterZipArchiveWriterTests {
    private func temporaryPath() -> String {
        Fixtures.temporaryDirectory("rbm-zip-writer-tests").appendingPathComponent("test.zip").path
    }

    /// The first local file header: compression method, DOS time and date, name, stored bytes.
    private func firstEntry(of path: String) throws -> (method: Int, time: Int, date: Int, name: String, data: Data) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        func uint16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func uint32(_ offset: Int) -> Int { uint16(offset) | uint16(offset + 2) << 16 }
        #expect(uint32(0) == 0x0403_4B50)
        let nameLength = uint16(26)
        let extraLength = uint16(28)
        let start = 30 + nameLength + extraLength
        return (
            uint16(8), uint16(10), uint16(12), String(decoding: bytes[30..<(30 + nameLength)], as: UTF8.self),
            bytes[start..<(start + uint32(18))]
        )
    }

    @Test(arguments: [(0, 0), (1, 8), (6, 8), (9, 8)])
    func entriesUseTheGivenLevelAndAFixedTime(level: Int, method: Int) throws {
        let path = temporaryPath()
        let archive = try ZipArchiveWriter(path: path, compressionLevel: level)
        try archive.addEntry(name: "a.txt", data: Array("hello hello hello".utf8))
        try archive.addEntry(name: "b.txt", chunks: [Array("two ".utf8), Array("chunks".utf8)])
        try archive.close()
        let entry = try firstEntry(of: path)
        #expect(entry.method == method)
        #expect(entry.time == 0)
        #expect(entry.date == 0x21)  // 1980-01-01
        #expect(entry.name == "a.txt")
        if method == 0 { #expect(entry.data == Data("hello hello hello".utf8)) }
    }

    /// Entries given in memory are deflated by igzip (level 1) or libdeflate and copied by libzip as they are: their
    /// method, sizes and CRC-32 must be what an independent reader (Python's `zipfile`, which
    /// checks the CRC of each entry it reads) and ours find, for an empty entry, a tiny one, text
    /// that compresses and bytes that do not, beside an entry deflated by libzip from a spool file.
    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"), arguments: [1, 6, 9])
    func entriesDeflatedInMemoryReadBackWhole(level: Int) throws {
        let python = try #require(Fixtures.python)
        let path = temporaryPath()
        var random = SystemRandomNumberGenerator()
        let noise = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let text = Array((0..<40_000).map { "<c r=\"A\($0)\"><v>\($0 * 7)</v></c>" }.joined().utf8)
        let entries: [(String, [UInt8])] = [("empty", []), ("one", [65]), ("sheet.xml", text), ("noise.bin", noise)]
        let archive = try ZipArchiveWriter(path: path, compressionLevel: level)
        for (name, bytes) in entries { try archive.addEntry(name: name, data: bytes) }
        let spool = try ZipSpoolFile()
        try spool.append(text)
        try archive.addEntry(name: "spooled.xml", segments: [.bytes(Array("head".utf8)), .spool(spool)])
        try archive.close()

        let expected = entries + [("spooled.xml", Array("head".utf8) + text)]
        let reader = try ZipArchive(path: path)
        for (name, bytes) in expected {
            let entry = try #require(reader.entry(named: name))
            #expect(try reader.readAll(entry) == bytes, "\(name)")
        }
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                print(i.filename, i.compress_type, i.file_size, sum(z.read(i)))
            """
        let result = try Subprocess.run(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines == expected.map { name, bytes in
            "\(name) 8 \(bytes.count) \(bytes.reduce(0) { $0 + Int($1) })"
        })
    }

    @Test func theSameEntriesGiveTheSameBytes() throws {
        let paths = [temporaryPath(), temporaryPath()]
        for path in paths {
            let archive = try ZipArchiveWriter(path: path)
            try archive.addEntry(name: "[Content_Types].xml", data: Array(repeating: 65, count: 10_000))
            try archive.addEntry(name: "empty", data: [])
            try archive.close()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: paths[0])) == Data(contentsOf: URL(fileURLWithPath: paths[1])))
    }

    @Test func aDuplicateNameIsRejectedWithLibzipsReason() throws {
        let archive = try ZipArchiveWriter(path: temporaryPath())
        try archive.addEntry(name: "a.txt", data: [1])
        #expect {
            try archive.addEntry(name: "a.txt", data: [2])
        } throws: { error in
            let error = error as? ZipIOError
            return error?.code == .addEntryFailed && error?.entry == "a.txt"
                && error?.description.hasSuffix("[a.txt]: error: cannot add entry: File already exists") == true
        }
    }

    @Test func anArchiveThatIsNotClosedLeavesNoFile() throws {
        let path = temporaryPath()
        do {
            let archive = try ZipArchiveWriter(path: path)
            try archive.addEntry(name: "a.txt", data: [1])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aClosedArchiveRefusesMoreWork() throws {
        let archive = try ZipArchiveWriter(path: temporaryPath())
        try archive.addEntry(name: "a.txt", data: [1])
        try archive.close()
        #expect { try archive.addEntry(name: "b.txt", data: [1]) } throws: { ($0 as? ZipIOError)?.code == .alreadyClosed }
        #expect { try archive.close() } throws: { ($0 as? ZipIOError)?.code == .alreadyClosed }
    }

    @Test func levelsOutsideZeroToNineAreRejected() {
        #expect {
            _ = try ZipArchiveWriter(path: "x.zip", compressionLevel: -1)
        } throws: { error in
            (error as? ZipIOError)?.description == "x.zip: error: compression level -1 is outside 0...9"
        }
    }
}
