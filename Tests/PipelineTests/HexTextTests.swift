import Foundation
import Testing

@testable import Pipeline

/// A digest's hex is what `String(format: "%02x")` wrote for each byte before (the manifest's and
/// the history's SHA-256s must not change form between runs), and `Load.sha256` gives it.
@Suite struct HexTextTests {
    @Test(arguments: [[], [0], [0x0F], [0xF0], [0xFF, 0x00, 0x7F, 0x80, 0x10, 0x01], Array(0...255)] as [[UInt8]])
    func bytesAreTwoLowerCaseDigitsEach(bytes: [UInt8]) {
        #expect(HexText.lowercase(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
    }

    @Test func aFilesHashIsItsSHA256InHex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rbm-hex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.xlsx")
        try Data("abc".utf8).write(to: file)
        let (hash, size) = try BatchRun.sha256(of: file)
        #expect(hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(size == 3)
    }
}
