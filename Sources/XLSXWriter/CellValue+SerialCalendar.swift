internal import XLSXCore

extension CellValue {
    /// Calendar arithmetic for Excel's 1900 date system, where a date is a count of days.
    ///
    /// Excel counts 1900-01-01 as day 1 and, for Lotus 1-2-3 compatibility, has a 29 February 1900
    /// (serial 60) that never existed; dates from 1900-03-01 are therefore days since 1899-12-30.
    enum SerialCalendar {
        /// The serial number of a date from 1900-01-01 to 9999-12-31, or `nil` if it is not a date there.
        static func serial(year: Int, month: Int, day: Int) -> Int? {
            guard (1900...9999).contains(year), (1...12).contains(month),
                (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
            else { return nil }
            let days = CivilCalendar.daysSince1970(year: year, month: month, day: day)
            // 1899-12-30 is day -25,569 from 1970-01-01.
            let serial = days + 25_569
            return serial < 61 ? serial - 1 : serial
        }
    }
}
