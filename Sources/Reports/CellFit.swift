import XLSXWriter

/// Fits report content to the spreadsheet's hard limits, so that no layout detail can fail a run:
/// a text longer than a cell holds is cut with a pointer to where the whole text is, and a row's
/// estimated height is clamped to the tallest row a sheet allows.
enum CellFit {
    /// `text`, or its beginning and a note saying how much was cut and where the rest is.
    static func text(_ text: String, wholeIn place: String = "discrepancies.csv") -> String {
        let limit = SpreadsheetLimits.cellText
        // No more UTF-16 code units than UTF-8 bytes, and the byte count is stored: most texts
        // are told short without counting their code units (issue 11).
        guard text.utf8.count > limit, text.utf16.count > limit else { return text }
        let total = text.count
        var kept = ""
        var units = 0
        // Leave room for the note (well under 200 code units).
        let budget = limit - 200
        for character in text {
            let width = character.utf16.count
            if units + width > budget { break }
            kept.append(character)
            units += width
        }
        return kept + " … [cut at \(kept.count) of \(total) characters; the whole text is in \(place)]"
    }

    /// A row height in points for `lines` lines of 15 points, never above the sheet's maximum
    /// (the cells wrap; a taller text scrolls within its cell).
    static func rowHeight(lines: Int) -> Double {
        min(15 * Double(max(1, lines)), SpreadsheetLimits.rowHeight)
    }
}
