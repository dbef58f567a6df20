import Testing
import TestSupport
@testable import XLSXReader

/// `NumberText`: the byte-level number reading of `<v>`, `s=` and `r=`. The fast path must give
/// exactly what the standard library's `Double(String)` gives, bit for bit, or step aside.
@Suite struct ReaderNumberTextTests {
    static func scan(_ text: String) -> NumberText.Scan {
        let bytes = Array(text.utf8)
        return NumberText.scan(bytes.span, in: 0..<bytes.count)
    }

    /// The fast path's answer, checked against the full reading: whenever it answers, it must agree
    /// with `NumberText.value` and `Double(String)` to the bit (so `-0` stays negative).
    static func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .exact(let fast) = scan(text) else { return }
        let slow = NumberText.value(text)
        #expect(slow?.bitPattern == fast.bitPattern, "\(text): fast \(fast), value \(String(describing: slow))", sourceLocation: sourceLocation)
        #expect(Double(text)?.bitPattern == fast.bitPattern, "\(text): fast \(fast), Double \(String(describing: Double(text)))",
                sourceLocation: sourceLocation)
    }

    @Test("plain decimals are read by the fast path, exactly", arguments: [
        "0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "-.5", "+.5", "+5", "00012", "1", "-1", "0.1", "0.2", "0.3", "3950000",
        "535359.96", "-540516.4399999999", "368477", "43747", "-310270.37", "0.000001", "123456.789", "99.99",
        "9007199254740992", "900719925474099.2", "0.9007199254740992", "1234567890123456789",
        "0.0000000000000000000001", "4.35", "2.675", "1.005", "0.1000000000000000055511151231257827",
    ])
    func plainDecimals(text: String) {
        Self.expectAgreement(text)
    }

    @Test func theFastPathTakesTheCommonShapes() {
        for text in ["0", "-0", "12", "-540516.4399999999", "0.1", ".5", "5.", "9007199254740992", "0.000000000000000001"] {
            guard case .exact = Self.scan(text) else {
                Issue.record("\(text) should be read by the fast path")
                continue
            }
        }
    }

    @Test("anything else is left to the full reading", arguments: [
        "", "-", "+", ".", "-.", "1e5", "1E+300", "1.2.3", "1..2", "--1", "+-1", "1-", "1+1", "abc", " 1", "1 ", "0x10", "1,5",
        "NaN", "inf", "١٢", "9007199254740993", "12345678901234567890", "0.00000000000000000000001",
        "00000000000000000000001",
    ])
    func otherShapesStepAside(text: String) {
        #expect(Self.scan(text) == .other)
    }

    @Test func theScanReadsOnlyItsRange() {
        let bytes = Array("x-12.5y".utf8)
        #expect(NumberText.scan(bytes.span, in: 1..<6) == .exact(-12.5))
        #expect(NumberText.scan(bytes.span, in: 1..<7) == .other)
        #expect(NumberText.scan(bytes.span, in: 3..<3) == .other)
        #expect(NumberText.scan(bytes.span, in: 5..<99) == .other)
    }

    /// Random decimals of every length and point position, seeded so a failure can be replayed.
    @Test func randomDecimalsAgreeWithTheStandardLibrary() {
        var random = SeededRandom(seed: 0x5EED_2024)
        var fast = 0
        for _ in 0..<200_000 {
            let digits = Int(random.next() % 20) + 1
            var text = ""
            switch random.next() % 4 {
            case 0: text = "-"
            case 1: text = "+"
            default: break
            }
            let point = Int(random.next() % UInt64(digits + 2)) - 1   // -1: no point
            for i in 0..<digits {
                if i == point { text += "." }
                // Runs of 9s and 0s find the rounding edges; the rest are uniform.
                switch random.next() % 8 {
                case 0: text += "9"
                case 1: text += "0"
                default: text += String(random.next() % 10)
                }
            }
            if point == digits { text += "." }
            if case .exact = Self.scan(text) { fast += 1 }
            Self.expectAgreement(text)
        }
        #expect(fast > 100_000, "the fast path took only \(fast) of 200000")
    }

    @Test func mantissasAroundTwoToTheFiftyThirdAgree() {
        let limit: UInt64 = 1 << 53
        for mantissa in (limit - 1_000)...(limit + 1_000) {
            for scale in [0, 1, 5, 15, 16, 22] {
                var digits = String(mantissa)
                if scale > 0 {
                    digits = String(repeating: "0", count: max(0, scale - digits.count + 1)) + digits
                    digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
                }
                Self.expectAgreement(digits)
                Self.expectAgreement("-" + digits)
            }
        }
    }

    @Test("the full reading takes xsd:double's decimal forms only", arguments: [
        ("1E+300", 1e300), ("-12.5", -12.5), (".5", 0.5), ("2.5e-3", 0.0025), ("1e5", 100_000),
    ])
    func fullReading(text: String, value: Double) {
        #expect(NumberText.value(text) == value)
    }

    @Test("the full reading refuses what Swift would also take", arguments: [
        "NaN", "nan", "INF", "-inf", "infinity", "1e400", "0x1p3", "1,5", "e5", "1e", "1e+", ".", "", " 1", "1.2.3", "1e5.0",
    ])
    func fullReadingRefusals(text: String) {
        #expect(NumberText.value(text) == nil)
    }

    @Test("digits: 1-18 ASCII digits, nothing else", arguments: [
        ("0", 0), ("7", 7), ("0042", 42), ("123456789012345678", 123_456_789_012_345_678),
    ])
    func digits(text: String, value: Int) {
        let bytes = Array(text.utf8)
        #expect(NumberText.digits(bytes.span, in: 0..<bytes.count) == value)
    }

    @Test(arguments: ["", "-1", "+1", "1.0", " 1", "1234567890123456789", "12a"])
    func notDigits(text: String) {
        let bytes = Array(text.utf8)
        #expect(NumberText.digits(bytes.span, in: 0..<bytes.count) == nil)
    }

    @Test("XML whitespace around a value is trimmed", arguments: [
        ("42", 0..<2), (" 42", 1..<3), ("\t\r\n42 \n", 3..<5), ("   ", 3..<3), ("", 0..<0), ("\u{00A0}1", 0..<3),
    ])
    func trimming(text: String, range: Range<Int>) {
        let bytes = Array(text.utf8)
        #expect(NumberText.trimmed(bytes.span) == range)
    }
}
