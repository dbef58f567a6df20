/// A sheet whose header was found but whose rows are mostly not data: thousands of rejected rows
/// or rows repeating another row's key, more than it loaded (a million rows of junk under a header,
/// a repetitive zip bomb). Refused once ``SheetLoader/maxProblemRows`` is reached, so the rest of
/// the sheet is never read and nothing grows with it (issue 14).
public struct UnloadableRows: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var sheet: String
    /// Rows read under the header, rejected or repeated, and loaded when the sheet was given up.
    public var read: Int
    public var problems: Int
    public var loaded: Int

    public var description: String {
        "\(file)!\(sheet): \(problems) of the first \(read) rows under the header were rejected or repeat another row's key, "
            + "and only \(loaded) loaded; not a table to consolidate (the rest of the sheet was not read)"
    }
}
