import Foundation
import Testing
import XLSXCore

/// `UTCText` writes what Foundation's formatters write for the same moment in UTC, on the
/// calendar's edges and on random moments from 1601 to 9999, fractions of a second dropped.
@Suite struct UTCTextTests {
    static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    static var moments: [Date] {
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [0, -1, 0.999, -0.001, 86_399.5, 86_400, 951_782_400, 951_868_799.9, 4_107_542_400, -11_644_473_600,
                                     1_796_657_168.25, 8.9995, -9.0005, 1_796_657_168.9994, 1_796_657_168.9996, 253_402_300_799]
        let random = (0..<5000).map { _ in TimeInterval.random(in: -11_644_473_600...253_402_300_799, using: &generator) }
        return (edges + random).map(Date.init(timeIntervalSince1970:))
    }

    @Test func theTextsAreFoundationsFormatters() {
        let iso = ISO8601DateFormatter()
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let compact = Self.formatter("yyyy-MM-dd'T'HHmmss'Z'")
        for moment in Self.moments {
            #expect(UTCText.dateTime(moment.timeIntervalSince1970) == iso.string(from: moment), "\(moment.timeIntervalSince1970)")
            #expect(UTCText.day(moment.timeIntervalSince1970) == day.string(from: moment), "\(moment.timeIntervalSince1970)")
            #expect(UTCText.compactDateTime(moment.timeIntervalSince1970) == compact.string(from: moment), "\(moment.timeIntervalSince1970)")
        }
        #expect(UTCText.dateTime(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCText.compactDateTime(-1) == "1969-12-31T235959Z")
    }

    /// The minute of a printed run date is what `Calendar`'s components gave (the way the
    /// consolidated workbook wrote it before), fractions and seconds dropped.
    @Test func theMinuteIsTheCalendarsComponents() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        for moment in Self.moments where moment.timeIntervalSince1970 >= -62_135_596_800 {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
            let year = String(c.year ?? 0)
            let expected = String(repeating: "0", count: max(0, 4 - year.count)) + year
                + "-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
            #expect(UTCText.minute(moment.timeIntervalSince1970) == expected, "\(moment.timeIntervalSince1970)")
        }
        #expect(UTCText.minute(1_796_657_168.9996) == "2026-12-07 15:26")
    }
}
