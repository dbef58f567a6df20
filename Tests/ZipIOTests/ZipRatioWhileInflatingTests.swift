import Testing
import TestSupport
@testable import ZipIO

/// The ratio limit applies while a part inflates, chunk by chunk, not once it is whole: a bomb
/// is refused as soon as it has inflated `maxCompressionRatio` times its compressed size (issue 14).
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the hostile zip files"))
struct ZipRatioWhileInflatingTests {
    @Test(arguments: [100, 250, 500] as [UInt64])
    func aBombStopsOneChunkPastItsAllowance(ratio: UInt64) throws {
        // 64 MiB of zeros deflate about 1,000:1.
        let path = try ZipFixture([ZipFixture.Entry("xl/worksheets/sheet1.xml", runs: [ZipArchiveSafetyTests.zeros])]).write(named: "bomb.zip")
        var limits = ZipLimits()
        limits.maxCompressionRatio = ratio
        let archive = try ZipArchive(path: path, limits: limits)
        let entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        let reader = try archive.reader(for: entry)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let error = try #require(throws: ZipIOError.self) { while try reader.read(into: &buffer) > 0 {} }
        #expect(error.description == "bomb.zip[xl/worksheets/sheet1.xml]: error: compression ratio above \(ratio):1 (zip bomb?)")
        let allowance = max(ratio * entry.compressedSize, limits.ratioGraceBytes)
        #expect(reader.bytesRead > allowance && reader.bytesRead <= allowance + UInt64(buffer.count),
                "refused after \(reader.bytesRead) of \(entry.declaredSize) bytes")
        #expect(reader.bytesRead < entry.declaredSize)
    }
}
