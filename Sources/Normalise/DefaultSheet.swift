import XLSXReader

/// The sheet a table is read from when the pipeline file names none: the first worksheet a
/// reader of the workbook can see.
///
/// A hidden or very hidden sheet is usually a stale copy kept out of sight (an "Old version"
/// tab); reading it instead of the visible plan consolidated the wrong numbers (issue 14). The
/// hidden worksheets before the chosen one are returned so that a note can name them. A workbook
/// whose worksheets are all hidden (possible beside a visible chart sheet) still has its first
/// worksheet read, with the same note.
struct DefaultSheet {
    var sheet: SheetInfo?
    /// Hidden worksheets passed over on the way to `sheet`.
    var passedOver: [SheetInfo]

    init(worksheets: [SheetInfo]) {
        if let visible = worksheets.firstIndex(where: { $0.visibility == .visible }) {
            sheet = worksheets[visible]
            passedOver = Array(worksheets[..<visible])
        } else {
            sheet = worksheets.first
            passedOver = []
        }
    }

    /// The sentence of the manifest's note (about the whole file), nil when nothing hidden was involved.
    func note(table: String) -> String? {
        guard let sheet else { return nil }
        if sheet.visibility != .visible {
            return "every worksheet is hidden; the \(table) table was read from the first, '\(sheet.name)' (\(sheet.visibility.rawValue))"
        }
        guard !passedOver.isEmpty else { return nil }
        let names = passedOver.map { "'\($0.name)' (\($0.visibility.rawValue))" }.joined(separator: ", ")
        return "the \(table) table was read from '\(sheet.name)', the first visible sheet; passed over the hidden \(passedOver.count == 1 ? "sheet" : "sheets") \(names)"
    }
}
