import Testing
import TestSupport
import ZipIO

/// `ByteBuffer` must behave as the `[UInt8]` it replaces in the writer: the same bytes for the
/// same appends, value semantics for copies, and digits as Swift prints them.
@Suite struct ByteBufferTests {
    @Test func appendsAsAnArrayDoesAcrossGrowth() {
        var buffer = ByteBuffer(capacity: 1)
        var reference: [UInt8] = []
        var random = SeededRandom(seed: 11)
        for step in 0..<5_000 {
            switch random.next() % 5 {
            case 0:
                let byte = UInt8(truncatingIfNeeded: random.next())
                buffer.append(byte)
                reference.append(byte)
            case 1:
                buffer.append("<c r=\"")
                reference += Array("<c r=\"".utf8)
            case 2:
                let text = "é \(step) 😀"
                buffer.append(text)
                reference += Array(text.utf8)
            case 3:
                let run = (0..<Int(random.next() % 300)).map { UInt8(truncatingIfNeeded: $0 &+ step) }
                buffer.append(contentsOf: run)
                reference += run
            default:
                let value = random.next() >> (random.next() % 64)
                buffer.appendDigits(value)
                reference += Array(String(value).utf8)
            }
            #expect(buffer.count == reference.count)
        }
        #expect(buffer.bytes == reference)
        #expect(buffer[0] == reference[0] && buffer[buffer.count - 1] == reference.last)
    }

    @Test("digits as Swift prints them, padded to the minimum count", arguments: [
        (0, 1, "0"), (0, 3, "000"), (7, 1, "7"), (9, 1, "9"), (10, 1, "10"), (99, 1, "99"), (100, 1, "100"),
        (42, 8, "00000042"), (12_345_678, 8, "12345678"), (123_456_789, 8, "123456789"),
        (UInt64.max, 1, "18446744073709551615"), (10_000_000_000_000_000_000, 1, "10000000000000000000"),
        (5, 22, "0000000000000000000005"),
    ] as [(UInt64, Int, String)])
    func digits(value: UInt64, minimumCount: Int, text: String) {
        var buffer = ByteBuffer()
        buffer.appendDigits(value, minimumCount: minimumCount)
        #expect(buffer.bytes == Array(text.utf8))
    }

    @Test func aCopyKeepsItsBytesWhenEitherSideWrites() {
        var first = ByteBuffer(capacity: 4)
        first.append("<row>")
        var second = first
        second.append("<c/>")
        first.append("</row>")
        #expect(first.bytes == Array("<row></row>".utf8))
        #expect(second.bytes == Array("<row><c/>".utf8))
        var third = first
        third.removeSuffix(from: 0)
        #expect(third.isEmpty && first.count == 11)
        let fourth = second
        second.removeAll()
        #expect(second.isEmpty && fourth.bytes == Array("<row><c/>".utf8))
    }

    @Test func takeAndRemoveSuffixKeepWhatCameBefore() {
        var buffer = ByteBuffer()
        buffer.append("<sheetData>")
        let row = buffer.count
        buffer.append("<row r=\"1\"><c r=\"A1\"")
        buffer.removeSuffix(from: row)
        #expect(buffer.bytes == Array("<sheetData>".utf8))
        #expect(buffer.take() == Array("<sheetData>".utf8))
        #expect(buffer.isEmpty)
        buffer.append("</sheetData>")
        #expect(buffer.bytes == Array("</sheetData>".utf8))
        #expect(buffer == { var other = ByteBuffer(); other.append("</sheetData>"); return other }())
    }

    @Test func aSpoolFileTakesTheBufferAsItTakesAnArray() throws {
        var buffer = ByteBuffer()
        buffer.append("<row r=\"1\"/>")
        let spool = try ZipSpoolFile()
        try spool.append(buffer)
        try spool.append(Array("<row r=\"2\"/>".utf8))
        #expect(try spool.contents() == Array("<row r=\"1\"/><row r=\"2\"/>".utf8))
    }
}
