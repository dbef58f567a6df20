import Testing
import XLSXReader

/// Catalogue item 43 (reliability.md 9): date-formatted serials at and beyond the edges get a defined
/// reading; those outside Excel's calendar are left as numbers (nil here), never trapped on.
@Suite struct CatalogueDateTests {
    @Test(arguments: [
        (-1.0, "1899-12-29"),            // Excel shows ####; counted back from 1899-12-30 as openpyxl does
        (0.0, "00:00:00"),               // serial 0 is a time of day
        (60.0, "1900-02-29"),            // Lotus's fictitious leap day, kept
        (2_958_465.0, "9999-12-31"),     // Excel's last date
    ])
    func edgeSerialsHaveADefinedReading(serial: Double, iso: String) {
        #expect(DateSerial.iso(serial: serial, date1904: false) == iso)
    }

    @Test(arguments: [2_958_466.0, 1e15, -1e15, Double.nan, Double.infinity, -Double.infinity, Double.greatestFiniteMagnitude])
    func serialsOutsideTheCalendarAreNotDates(serial: Double) {
        #expect(DateSerial.iso(serial: serial, date1904: false) == nil)
        #expect(DateSerial.iso(serial: serial, date1904: true) == nil)
    }
}
