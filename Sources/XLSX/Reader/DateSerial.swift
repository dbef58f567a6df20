/// Converts spreadsheet date serials to ISO 8601 text, in the 1900 or 1904 system.
public enum DateSerial {
    /// ISO text for a serial: `2022-09-30`, or `2022-09-30T14:30:00` when it has a time part.
    ///
    /// The 1900 system keeps Lotus's phantom 1900-02-29 (serial 60); serials before 61 are shifted
    /// by one day so 1900-03-01 is serial 61, as Excel shows them. Returns nil outside year 1-9999.
    public static func iso(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        if !date1904 && days == 60 { return seconds == 0 ? "1900-02-29" : "1900-02-29T" + clock(seconds) }
        // Days since 1970-01-01.
        let epochOffset = date1904 ? 24_107 : (days < 60 ? 25_568 : 25_569)
        let (y, m, d) = civil(fromDays: days - epochOffset)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return seconds == 0 ? date : date + "T" + clock(seconds)
    }

    /// Serial number (1900 system) of a calendar date, for writers.
    public static func serial(year: Int, month: Int, day: Int) -> Int {
        let days = daysFromCivil(year, month, day) + 25_569
        return days > 60 ? days : days - 1
    }

    private static func clock(_ s: Int) -> String { "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))" }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Howard Hinnant's civil-from-days algorithm.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
