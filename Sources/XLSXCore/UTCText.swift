/// A moment (seconds since 1970-01-01 UTC, as Foundation's `Date.timeIntervalSince1970`) as text
/// in UTC, to the second, written by hand on
/// ``CivilCalendar``: `2026-12-05T17:30:00Z` (ISO 8601 and W3CDTF), `2026-12-05`, and
/// `2026-12-05T173000Z` for names.
///
/// Foundation's `ISO8601DateFormatter` and `DateFormatter` give the same texts (`UTCTextTests`
/// compares them), but go through ICU: the first use in a process loads its locale and time-zone
/// data (about 1.4 ms), and each new formatter costs about 0.1 ms. A run formats its times at its
/// start (the batch's name, before it claims a file), at the start of its write stage and at its
/// end, each on its critical path (issue 11).
public enum UTCText {
    /// `2026-12-05T17:30:00Z`.
    public static func dateTime(_ secondsSince1970: Double) -> String { dateTime(secondsSince1970, separator: ":") }

    /// `2026-12-05`.
    public static func day(_ secondsSince1970: Double) -> String { parts(secondsSince1970).day }

    /// `2026-12-05T173000Z`: ``dateTime(_:)`` without the colons, for a file or folder name.
    public static func compactDateTime(_ secondsSince1970: Double) -> String { dateTime(secondsSince1970, separator: "") }

    /// `2026-12-05 17:30`: the minute a moment falls in (seconds and their fractions dropped, as
    /// Foundation's `Calendar` gives its components), for a printed page's "run date".
    public static func minute(_ secondsSince1970: Double) -> String {
        let (dayNumber, second) = dayAndSecond(Int(secondsSince1970.rounded(.down)))
        return dayText(dayNumber) + " " + two(second / 3600) + ":" + two(second / 60 % 60)
    }

    /// The day, `T`, the time of day with `separator` between hours, minutes and seconds, `Z`.
    private static func dateTime(_ secondsSince1970: Double, separator: String) -> String {
        let (day, second) = parts(secondsSince1970)
        return day + "T" + two(second / 3600) + separator + two(second / 60 % 60) + separator + two(second % 60) + "Z"
    }

    /// The date as `yyyy-MM-dd` and the second of its day.
    private static func parts(_ secondsSince1970: Double) -> (day: String, second: Int) {
        // To the nearest millisecond first, as ICU does (a moment at .9995 s or later is written as
        // the next second), then the second it falls in.
        let milliseconds = Int((secondsSince1970 * 1000).rounded(.toNearestOrEven))
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let seconds = remainder < 0 ? quotient - 1 : quotient
        let (dayNumber, second) = dayAndSecond(seconds)
        return (dayText(dayNumber), second)
    }

    /// The day (counted from 1970-01-01) a whole second since 1970 falls in, and the second of
    /// that day (0..<86,400, before 1970 too).
    private static func dayAndSecond(_ seconds: Int) -> (day: Int, second: Int) {
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
    }

    /// `yyyy-MM-dd` of a day counted from 1970-01-01.
    private static func dayText(_ dayNumber: Int) -> String {
        let (year, month, day) = CivilCalendar.civil(fromDaysSince1970: dayNumber)
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
