internal import XLSXCore

/// Converts spreadsheet date serials to ISO 8601 text, in the 1900 or 1904 system.
///
/// The shapes follow openpyxl (the corpus's primary reference), rounded to the millisecond as
/// openpyxl and Excel's own display do:
/// - a date at midnight: `2022-09-30`;
/// - a date and time: `2022-09-30T14:30:00`, with `.123` when there are milliseconds;
/// - a serial in [0, 1) (a time of day): `14:30:00`;
/// - an elapsed-time format (`[h]:mm:ss`): an ISO 8601 duration, `P1DT12H0M0S`, `-PT1H0M0S`.
public enum DateSerial {
    /// Serial 2,958,466 is 10000-01-01: Excel's last date is 9999-12-31.
    static let maxSerial = 2_958_466.0
    /// Serial -693,593 is 0001-01-01 in the 1900 system; older "dates" are left as numbers.
    static let minSerial = -693_593.0

    /// ISO text for a serial shown with a date or time format, nil when outside years 1-9999.
    ///
    /// The 1900 system keeps Lotus's phantom 1900-02-29 (serial 60); serials 1-59 are shifted by
    /// one day so 1900-03-01 is serial 61, as Excel shows them. Negative serials, which Excel shows
    /// as `####`, count back from 1899-12-30 (1904-01-01), as openpyxl does.
    public static func iso(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= minSerial, serial < maxSerial else { return nil }
        var days = Int(serial.rounded(.down))
        var millis = Int(((serial - Double(days)) * 86_400_000).rounded(.toNearestOrEven))
        if millis >= 86_400_000 { days += 1; millis -= 86_400_000 }
        if days == 0, serial >= 0 { return clock(millis) }
        if !date1904 && days == 60 { return millis == 0 ? "1900-02-29" : "1900-02-29T" + clock(millis) }
        // Days since 1970-01-01: the epoch is 1899-12-30 (1900 system, with 1-59 one day later) or 1904-01-01.
        let epochOffset = date1904 ? 24_107 : (days > 0 && days < 60 ? 25_568 : 25_569)
        let (y, m, d) = CivilCalendar.civil(fromDaysSince1970: days - epochOffset)
        guard (1...9999).contains(y) else { return nil }
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return millis == 0 ? date : date + "T" + clock(millis)
    }

    /// An ISO 8601 duration for a serial shown with an elapsed-time format (`[h]:mm:ss`), in the
    /// shape `P{days}DT{h}H{m}M{s}S` with days left out when zero; nil when not finite.
    public static func duration(serial: Double) -> String? {
        guard serial.isFinite, abs(serial) < maxSerial else { return nil }
        let total = Int((abs(serial) * 86_400_000).rounded(.toNearestOrEven))
        let days = total / 86_400_000
        var rest = total % 86_400_000
        let hours = rest / 3_600_000
        rest %= 3_600_000
        let minutes = rest / 60_000
        rest %= 60_000
        let seconds = rest / 1000, millis = rest % 1000
        var out = serial < 0 && total > 0 ? "-P" : "P"
        if days > 0 { out += "\(days)D" }
        out += "T\(hours)H\(minutes)M\(seconds)"
        if millis > 0 {
            var fraction = pad(millis, 3)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out += "." + fraction
        }
        return out + "S"
    }

    /// Parses the ISO 8601 text of a `t="d"` cell (`2021-01-01`, `2021-01-01T10:10:10.5`,
    /// `10:10:10`, an optional trailing `Z` or UTC offset) into its serial and rbm's ISO shape; nil when the
    /// text is not one of those forms or names an impossible date.
    public static func parse(iso text: String, date1904: Bool) -> (serial: Double, iso: String)? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == UInt8(ascii: " ") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "Z") { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var dayPart: ArraySlice<UInt8>?
        var timePart: ArraySlice<UInt8>?
        if let t = bytes.firstIndex(of: UInt8(ascii: "T")) {
            dayPart = bytes[..<t]
            timePart = bytes[(t + 1)...]
        } else if bytes.count >= 5, bytes[2] == UInt8(ascii: ":") {
            timePart = bytes[...]
        } else {
            dayPart = bytes[...]
        }
        var millis = 0
        if var timePart {
            // A UTC offset (`+02:00`, `-0530`, `+01`) is dropped: a spreadsheet's dates have no time
            // zone, and the wall-clock time as written is what its author saw (openpyxl reads it so).
            if let sign = timePart.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
                guard isOffset(timePart[(sign + 1)...]) else { return nil }
                timePart = timePart[..<sign]
            }
            guard let m = parseClock(timePart) else { return nil }
            millis = m
        }
        guard let dayPart else {
            let serial = Double(millis) / 86_400_000
            return (serial, clock(millis))
        }
        let fields = dayPart.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              let y = number(fields[0]), let m = number(fields[1]), let d = number(fields[2]),
              (1...9999).contains(y), (1...12).contains(m), (1...CivilCalendar.daysInMonth(year: y, month: m)).contains(d)
        else { return nil }
        let unix = CivilCalendar.daysSince1970(year: y, month: m, day: d)
        var days: Int
        if date1904 {
            days = unix - 24_107
        } else {
            days = unix + 25_569
            if days < 61 { days -= 1 }   // before 1900-03-01: Excel counts the phantom 1900-02-29 later
        }
        let serial = Double(days) + Double(millis) / 86_400_000
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return (serial, millis == 0 ? date : date + "T" + clock(millis))
    }

    /// `HH:MM:SS`, with `.mmm` when there are milliseconds.
    static func clock(_ millis: Int) -> String {
        let s = millis / 1000
        let text = "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
        return millis % 1000 == 0 ? text : text + "." + pad(millis % 1000, 3)
    }

    /// `HH`, `HHMM` or `HH:MM` with hours to 23 and minutes to 59: the digits of a UTC offset.
    private static func isOffset(_ bytes: ArraySlice<UInt8>) -> Bool {
        let digits = bytes.filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, bytes.count == digits.count || (bytes.count == 5 && bytes[bytes.startIndex + 2] == UInt8(ascii: ":")),
              let h = number(digits[0..<2]), h < 24 else { return false }
        return digits.count == 2 || number(digits[2..<4]).map { $0 < 60 } == true
    }

    /// `HH:MM[:SS[.fff…]]` → milliseconds since midnight.
    private static func parseClock(_ bytes: ArraySlice<UInt8>) -> Int? {
        let fields = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].count == 2, fields[1].count == 2,
              let h = number(fields[0]), let m = number(fields[1]), h < 24, m < 60 else { return nil }
        var millis = (h * 3600 + m * 60) * 1000
        if fields.count == 3 {
            let secondParts = fields[2].split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
            guard secondParts[0].count == 2, let s = number(secondParts[0]), s < 60 else { return nil }
            millis += s * 1000
            if secondParts.count == 2 {
                let digits = secondParts[1]
                guard !digits.isEmpty, digits.count <= 9, number(digits) != nil else { return nil }
                var fraction = 0.0, scale = 0.1
                for digit in digits { fraction += Double(digit - UInt8(ascii: "0")) * scale; scale /= 10 }
                millis += Int((fraction * 1000).rounded(.toNearestOrEven))
            }
        }
        return millis
    }

    /// A run of ASCII digits (at most 9) as a number.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

}
