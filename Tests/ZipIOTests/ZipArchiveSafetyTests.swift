import Foundation
import Testing
import TestSupport
@testable import ZipIO

/// `ZipArchive` on hand-built hostile archives (`reliability.md` §3.3 and catalogue B 14-29):
/// every one fails with its category before anything unbounded happens.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the hostile zip files"))
struct ZipArchiveSafetyTests {
    /// Reads every entry to its end, as the reader does.
    static func readAll(_ path: String, limits: ZipLimits = ZipLimits()) throws {
        let archive = try ZipArchive(path: path, limits: limits)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        for entry in archive.entries {
            let reader = try archive.reader(for: entry)
            while try reader.read(into: &buffer) > 0 {}
        }
    }

    static func failure(_ fixture: ZipFixture, limits: ZipLimits = ZipLimits()) throws -> ZipIOError {
        let path = try fixture.write(named: "t.zip")
        return try #require(throws: ZipIOError.self) { try readAll(path, limits: limits) }
    }

    static let zeros = ZipFixture.Run(String(repeating: "\0", count: 1024), times: 64 * 1024)   // 64 MiB

    @Test func aBombStopsAtTheEntryCap() throws {
        var limits = ZipLimits()
        limits.maxEntryBytes = 4 << 20
        limits.maxCompressionRatio = 1_000_000
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("bomb.xml", runs: [Self.zeros])]), limits: limits)
        #expect(error.code == .resourceLimit)
        #expect(error.description == "t.zip[bomb.xml]: error: part inflates past 4194304 bytes (zip bomb?)")
    }

    @Test func aBombStopsAtTheRatioAfterTheGrace() throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("bomb.xml", runs: [Self.zeros])]))
        #expect(error.code == .resourceLimit)
        #expect(error.message == "compression ratio above 250:1 (zip bomb?)")
    }

    @Test func smallPartsMayCompressWellInsideTheGrace() throws {
        // A 512 KiB run of one byte deflates about 1,000:1: fine below the 1 MiB grace (POI's styles.xml false positive).
        let fixture = ZipFixture([ZipFixture.Entry("xl/styles.xml", runs: [ZipFixture.Run("a", times: 512 << 10)])])
        try Self.readAll(try fixture.write(named: "t.zip"))
    }

    @Test func aBombAcrossEntriesStopsAtTheArchiveBudget() throws {
        var limits = ZipLimits()
        limits.maxTotalBytes = 6 << 20
        limits.maxCompressionRatio = 1_000_000
        let entries = (1...4).map { ZipFixture.Entry("part\($0).xml", runs: [ZipFixture.Run("x", times: 2 << 20)]) }
        let error = try Self.failure(ZipFixture(entries), limits: limits)
        #expect(error.code == .resourceLimit)
        #expect(error.entry == "part4.xml")   // three parts make exactly 6 MiB; the fourth goes past
        #expect(error.message == "the archive inflates past 6291456 bytes (zip bomb?)")
    }

    @Test func aTruncatedArchiveIsNotAZip() throws {
        let entries = [ZipFixture.Entry("a.xml", String(repeating: "<a/>", count: 1000)), ZipFixture.Entry("b.xml", "<b/>")]
        let whole = try ZipFixture(entries).write(named: "whole.zip")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.size] as? Int)
        let error = try Self.failure(ZipFixture(entries, truncateTo: size - 30))
        #expect(error.code == .notAZip)
    }

    @Test func aFileLargerThanTheCapIsNotOpened() throws {
        var limits = ZipLimits()
        limits.maxArchiveBytes = 1000
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("a.xml", String(repeating: "<a/>", count: 1000), method: 0)]), limits: limits)
        #expect(error.code == .resourceLimit)
        #expect(error.message.hasPrefix("the file is 41"))
        #expect(error.message.hasSuffix(" bytes (at most 1000)"))
    }

    @Test func duplicateNamesAreSuspicious() throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("a.xml", "<a/>"), ZipFixture.Entry("a.xml", "<b/>")]))
        #expect(error.code == .suspiciousArchive)
        #expect(error.message == "two entries have the same name (duplicate part)")
    }

    @Test func namesEqualIgnoringASCIICaseAreSuspicious() throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("xl/workbook.xml", "<a/>"), ZipFixture.Entry("XL/Workbook.XML", "<b/>")]))
        #expect(error.code == .suspiciousArchive)
        #expect(error.description == "t.zip[XL/Workbook.XML]: error: duplicate entry name (ignoring case)")
    }

    @Test("unsafe entry names are suspicious", arguments: ["../../x.xml", "/abs.xml", "a/./b.xml", "a//b.xml", "..\\evil.xml",
                                                            String(repeating: "n", count: 2000)])
    func unsafeNames(name: String) throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry(name, "<a/>")]))
        #expect(error.code == .suspiciousArchive)
    }

    @Test func aControlCharacterInANameIsRefused() throws {
        // libzip's own consistency check already refuses the name's encoding; ours would call it suspicious.
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("x\u{1}y.xml", "<a/>")]))
        #expect(error.code == .corruptArchive || error.code == .suspiciousArchive)
    }

    @Test func backslashNamesReadAsFolders() throws {
        let archive = try ZipArchive(path: try ZipFixture([ZipFixture.Entry("xl\\worksheets\\sheet1.xml", "<a/>")]).write(named: "t.zip"))
        let entry = try #require(archive.entry(named: "XL/Worksheets/Sheet1.xml"))
        #expect(entry.name == "xl/worksheets/sheet1.xml")
        #expect(try archive.readAll(entry) == Array("<a/>".utf8))
    }

    @Test("compression methods other than store and deflate are refused", arguments: [1, 9, 12, 14, 93, 95, 98])
    func foreignMethods(method: Int) throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("a.xml", "<a/>", method: method)]))
        #expect(error.code == .suspiciousArchive)
        #expect(error.message == "compression method \(method) (only store and deflate)")
    }

    @Test func aWinZipAESEntryWithoutItsHeaderIsRefused() throws {
        let error = try Self.failure(ZipFixture([ZipFixture.Entry("a.xml", "<a/>", method: 99)]))
        #expect([ZipIOError.Code.corruptArchive, .suspiciousArchive, .encrypted].contains(error.code))
    }

    @Test func anEncryptedEntryIsRefused() throws {
        var entry = ZipFixture.Entry("a.xml", "<a/>", method: 0)
        entry.flags = 1
        let error = try Self.failure(ZipFixture([entry]))
        #expect(error.code == .encrypted)
        #expect(error.description == "t.zip[a.xml]: error: entry is encrypted")
    }

    @Test func tooManyEntriesAreRefusedBeforeAnyInflation() throws {
        var limits = ZipLimits()
        limits.maxEntries = 5
        let error = try Self.failure(ZipFixture((1...6).map { ZipFixture.Entry("p\($0).xml", "<a/>") }), limits: limits)
        #expect(error.code == .suspiciousArchive)
        #expect(error.message == "6 entries (at most 5)")
    }

    @Test("a wrong CRC is found when the entry is read to its end", arguments: [0, 8])
    func crcMismatch(method: Int) throws {
        var entry = ZipFixture.Entry("a.xml", String(repeating: "<row/>", count: 5000), method: method)
        entry.crc = 0xDEAD_BEEF
        let path = try ZipFixture([entry]).write(named: "t.zip")
        let archive = try ZipArchive(path: path)
        let reader = try archive.reader(for: archive.entries[0])
        var buffer = [UInt8](repeating: 0, count: 1024)
        // The first chunks arrive: a CRC can only fail at the end, so callers must not commit early.
        #expect(try reader.read(into: &buffer) == 1024)
        let error = try #require(throws: ZipIOError.self) { while try reader.read(into: &buffer) > 0 {} }
        #expect(error.code == .corruptArchive)
        #expect(error.description == "t.zip[a.xml]: error: cannot inflate: CRC error")
    }

    /// A deflated entry whose compressed bytes stop before its DEFLATE stream ends (the archive
    /// declares fewer than were written) fails as corrupt once the bytes run out, not as a
    /// shorter entry, whichever library inflates it.
    @Test func aDeflateStreamCutShortIsCorrupt() throws {
        let text = (0..<20_000).map { "<c r=\"A\($0)\"><v>\($0 &* 7919 % 10007)</v></c>" }.joined()
        var entry = ZipFixture.Entry("a.xml", text)
        entry.declaredCompressedSize = 2_000
        let error = try Self.failure(ZipFixture([entry, ZipFixture.Entry("b.xml", "<b/>")]))
        #expect(error.code == .corruptArchive)
        #expect(error.message.hasPrefix("cannot inflate") || error.message.contains("header"), "\(error.message)")
    }

    @Test func aDeclaredSizeSmallerThanTheDataStopsEarly() throws {
        var entry = ZipFixture.Entry("a.xml", runs: [ZipFixture.Run("<row/>", times: 200_000)])   // 1.2 MB
        entry.declaredSize = 100
        let error = try Self.failure(ZipFixture([entry]))
        #expect(error.code == .corruptArchive)
        #expect(error.message == "size mismatch: declared 100 bytes, inflates to more")
    }

    @Test func aDeclaredSizeLargerThanTheDataIsFoundAtTheEnd() throws {
        var entry = ZipFixture.Entry("a.xml", String(repeating: "x", count: 96))
        entry.declaredSize = 50_000_000
        let error = try Self.failure(ZipFixture([entry]))
        #expect(error.code == .corruptArchive)
        #expect(error.message.hasPrefix("size mismatch: declared 50000000 bytes, inflated 96") || error.message.hasPrefix("cannot inflate"))
    }

    @Test func aLocalHeaderThatDisagreesWithTheCentralDirectoryIsCorrupt() throws {
        var entry = ZipFixture.Entry("xl/workbook.xml", "<a/>")
        entry.localName = "xl/workbook.xmm"
        let error = try Self.failure(ZipFixture([entry]))
        #expect(error.code == .corruptArchive)
        #expect(error.message == "inconsistent archive: local headers disagree with the central directory")
    }

    @Test func infoZipStreamedEntriesAreRead() throws {
        // libzip's ZIP_CHECKCONS refuses these local headers; the reader's own check follows APPNOTE 4.4.4.
        var first = ZipFixture.Entry("a.xml", String(repeating: "<a/>", count: 500))
        first.streamed = true
        var second = ZipFixture.Entry("b.xml", "<b/>", method: 0)
        second.streamed = true
        let archive = try ZipArchive(path: try ZipFixture([first, second]).write(named: "t.zip"))
        #expect(try archive.readAll(archive.entries[0]) == Array(String(repeating: "<a/>", count: 500).utf8))
        #expect(try archive.readAll(archive.entries[1]) == Array("<b/>".utf8))
    }

    @Test func streamedEntriesStillNeedMatchingNames() throws {
        var entry = ZipFixture.Entry("a.xml", "<a/>")
        entry.streamed = true
        entry.localName = "b.xml"
        let error = try Self.failure(ZipFixture([entry]))
        #expect(error.code == .corruptArchive)
        #expect(error.message == "inconsistent archive: local headers disagree with the central directory")
    }

    @Test func overlappingEntriesAreCorrupt() throws {
        // The first entry's declared data runs over the second entry's header: one byte range, two readings.
        var first = ZipFixture.Entry("a.xml", "<a/>", method: 0)
        first.declaredCompressedSize = 40
        let error = try Self.failure(ZipFixture([first, ZipFixture.Entry("b.xml", "<b/>", method: 0)]))
        #expect(error.code == .corruptArchive)
        #expect(error.message == "inconsistent archive: two entries share bytes (overlapping entries)")
    }

    // MARK: ZIP64 (catalogue B 29): refused as inconsistent by libzip 1.7.3, read by `unzip -t`

    static let zip64Entries = [
        ZipFixture.Entry("a.xml", String(repeating: "<a/>", count: 500)), ZipFixture.Entry("b.xml", "<b/>", method: 0),
    ]

    static func contents(_ path: String) throws -> [String: String] {
        let archive = try ZipArchive(path: path)
        return try Dictionary(uniqueKeysWithValues: archive.entries.map { ($0.name, String(decoding: try archive.readAll($0), as: UTF8.self)) })
    }

    @Test("ZIP64 records read like plain ones", arguments: [ZipFixture.Zip64.localHeaders, .everywhere])
    func zip64ArchivesAreRead(zip64: ZipFixture.Zip64) throws {
        let path = try ZipFixture(Self.zip64Entries, zip64: zip64).write(named: "t.zip")
        #expect(try Self.contents(path) == ["a.xml": String(repeating: "<a/>", count: 500), "b.xml": "<b/>"])
    }

    @Test func pythonsForcedZip64IsRead() throws {
        let path = Fixtures.temporaryDirectory("zip64").appendingPathComponent("t.zip").path
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                for name, text in [("a.xml", "<a/>" * 500), ("b.xml", "<b/>")]:
                    with z.open(name, "w", force_zip64=True) as f: f.write(text.encode())
            """
        let result = try Subprocess.run(try #require(ZipFixture.python), ["-c", script, path])
        try #require(result.status == 0, "\(result.errors)")
        #expect(try Self.contents(path) == ["a.xml": String(repeating: "<a/>", count: 500), "b.xml": "<b/>"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip"), "Info-ZIP zip is not installed"))
    func infoZipForcedZip64IsRead() throws {
        // A folder entry is what libzip refuses: version 1.0 needed in the central directory, 4.5 locally.
        let folder = Fixtures.temporaryDirectory("zip64")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("xl"), withIntermediateDirectories: true)
        try String(repeating: "<a/>", count: 500).write(to: folder.appendingPathComponent("xl/a.xml"), atomically: true, encoding: .utf8)
        try "<b/>".write(to: folder.appendingPathComponent("xl/b.xml"), atomically: true, encoding: .utf8)
        let result = try Subprocess.run("/usr/bin/zip", ["-q", "-X", "-r", "-fz", "t.zip", "xl"], directory: folder)
        try #require(result.status == 0, "\(result.errors)")
        #expect(try Self.contents(folder.appendingPathComponent("t.zip").path)
            == ["xl/a.xml": String(repeating: "<a/>", count: 500), "xl/b.xml": "<b/>"])
    }

    @Test("ZIP64 keeps every check: a local size that disagrees", arguments: [ZipFixture.Zip64.localHeaders, .everywhere])
    func zip64LocalSizesMustAgree(zip64: ZipFixture.Zip64) throws {
        var entry = ZipFixture.Entry("a.xml", String(repeating: "<a/>", count: 500))
        entry.localDeclaredSize = 1999
        let error = try Self.failure(ZipFixture([entry], zip64: zip64))
        #expect(error.code == .corruptArchive)
        #expect(error.message == "inconsistent archive: local headers disagree with the central directory")
    }

    @Test("ZIP64 keeps every check: a size lie, overlapping entries, the ratio", arguments: [ZipFixture.Zip64.localHeaders, .everywhere])
    func zip64KeepsTheSizeAndRatioChecks(zip64: ZipFixture.Zip64) throws {
        var lie = ZipFixture.Entry("a.xml", runs: [ZipFixture.Run("<row/>", times: 200_000)])
        lie.declaredSize = 100
        #expect(try Self.failure(ZipFixture([lie], zip64: zip64)).message == "size mismatch: declared 100 bytes, inflates to more")

        var first = ZipFixture.Entry("a.xml", "<a/>", method: 0)
        first.declaredCompressedSize = 40
        #expect(try Self.failure(ZipFixture([first, ZipFixture.Entry("b.xml", "<b/>", method: 0)], zip64: zip64)).message
            == "inconsistent archive: two entries share bytes (overlapping entries)")

        let bomb = try Self.failure(ZipFixture([ZipFixture.Entry("bomb.xml", runs: [Self.zeros])], zip64: zip64))
        #expect(bomb.code == .resourceLimit && bomb.message == "compression ratio above 250:1 (zip bomb?)")
    }

    @Test func anEmptyBufferNeverTraps() throws {
        let archive = try ZipArchive(path: try ZipFixture([ZipFixture.Entry("a.xml", "<a/>")]).write(named: "t.zip"))
        let reader = try archive.reader(for: archive.entries[0])
        var empty: [UInt8] = []
        #expect(try reader.read(into: &empty) == 4)
        #expect(try reader.read(into: &empty) == 0)
    }
}
