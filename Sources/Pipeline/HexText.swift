/// Bytes as lower-case hexadecimal (`9f86d0…`), the form the manifest and the history keep a
/// SHA-256 in: two digits a byte from a table (issue 11: `String(format: "%02x")` went through
/// Foundation's formatter, about 13,000 instructions a byte, 32 for each input's hash).
enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
