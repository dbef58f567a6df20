import Testing
@testable import XLSXReader

/// `t="d"` cells: ISO 8601 text, read to a serial and rbm's ISO shape.
struct ReaderISODateTests {
    static let forms: [(String, String, Double)] = [
        ("2021-01-01", "2021-01-01", 44197.0),
        ("2021-01-01T10:10:10.5", "2021-01-01T10:10:10.500", 44197 + 36_610.5 / 86_400),
        ("2021-01-01T10:10:10Z", "2021-01-01T10:10:10", 44197 + 36_610.0 / 86_400),
        ("10:30", "10:30:00", 10.5 / 24),
        // A UTC offset is dropped: the wall-clock time as written (openpyxl reads it so).
        ("2021-01-01T10:10:10+02:00", "2021-01-01T10:10:10", 44197 + 36_610.0 / 86_400),
        ("2021-01-01T23:30:00-0530", "2021-01-01T23:30:00", 44197 + 23.5 / 24),
        ("2021-01-01T00:00:00+01", "2021-01-01", 44197.0),
        ("10:30-05:00", "10:30:00", 10.5 / 24),
    ]

    @Test("ISO forms a t=\"d\" cell may hold", arguments: forms)
    func parses(text: String, iso: String, serial: Double) throws {
        let parsed = try #require(DateSerial.parse(iso: text, date1904: false))
        #expect(parsed.iso == iso)
        #expect(abs(parsed.serial - serial) < 1e-9)
    }

    @Test("texts that are not ISO dates stay text", arguments: [
        "2021-13-01", "2021-02-29", "2021-01-01T25:00", "2021-01-01T10:00+24:00", "2021-01-01T10:00+02:60",
        "2021-01-01T10:00+2", "2021-01-01T10:00+02:0", "2021-01-01T10:00+", "2021-01-01T10:00--02", "next week",
    ])
    func refuses(text: String) {
        #expect(DateSerial.parse(iso: text, date1904: false) == nil)
    }
}
