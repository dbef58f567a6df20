/// A row the normaliser read but did not load (a DAT-002, a conflicting duplicate, or a row of a
/// table whose rejection is a note), kept with its cells as read so that nothing a bureau sent
/// disappears from the reviewer's view (issue 15: the consolidated workbook's Rejected rows).
public struct RejectedRow: Hashable, Sendable, Codable {
    /// One non-empty cell of the row as the reader gave it.
    public struct Cell: Hashable, Sendable, Codable {
        /// The column letters (`E`).
        public var column: String
        /// The header of the column when the table's layout mapped it, else nil.
        public var header: String?
        /// The value as a person reads it in a plain cell (`4210000`, `R.1-1`, `#REF!`).
        public var text: String

        public init(column: String, header: String?, text: String) {
            self.column = column
            self.header = header
            self.text = text
        }
    }

    public var file: String
    public var sheet: String
    public var row: Int
    public var cells: [Cell]
    /// The finding that rejected the row, without its occurrence number (`DAT-002/OP-BR/Plan!12`,
    /// `DAT-001/RR/R-07`); nil when the rejection is a note (a table that is not an amount table).
    public var finding: Finding.ID?
    /// Why, in words (the rejection's reason, or the duplicate's key).
    public var reason: String

    public init(file: String, sheet: String, row: Int, cells: [Cell], finding: Finding.ID?, reason: String) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.cells = cells
        self.finding = finding
        self.reason = reason
    }
}
