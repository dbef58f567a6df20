extension CellValue {
    /// Calendar arithmetic for Excel's 1900 date system, where a date is a count of days.
    ///
    /// Excel counts 1900-01-01 as day 1 and, for Lotus 1-2-3 compatibility, has a 29 February 1900
    /// (serial 60) that never existed; dates from 1900-03-01 are therefore days since 1899-12-30.
    enum SerialCalendar {
        /// The serial number of a date from 1900-01-01 to 9999-12-31, or `nil` if it is not a date there.
        static func serial(year: Int, month: Int, day: Int) -> Int? {
            guard (1900...9999).contains(year), (1...12).contains(month),
                (1...daysInMonth(year: year, month: month)).contains(day)
            else { return nil }
            let days = daysSince1970(year: year, month: month, day: day)
            // 1899-12-30 is day -25,569 from 1970-01-01.
            let serial = days + 25_569
            return serial < 61 ? serial - 1 : serial
        }

        static func daysInMonth(year: Int, month: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
        static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
        static func civil(fromDaysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }
    }
}
