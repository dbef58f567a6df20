/// What ``PackageAmender`` changes in a copy of a workbook: cells to fill and annotate, and a
/// sheet to put first.
public struct PackageAmendment: Sendable {
    /// A cell to fill with a colour and, optionally, to give a note.
    public struct Mark: Sendable, Equatable {
        /// The sheet's name as the workbook spells it.
        public var sheet: String
        /// The cell's row and column, from 1.
        public var row: Int
        public var column: Int
        /// The fill colour, `RRGGBB` or `AARRGGBB`.
        public var fill: String
        public var note: String?

        public init(sheet: String, row: Int, column: Int, fill: String, note: String? = nil) {
            self.sheet = sheet
            self.row = row
            self.column = column
            self.fill = fill
            self.note = note
        }
    }

    public var marks: [Mark]
    /// The author the notes are shown with.
    public var noteAuthor: String
    /// A sheet added before the workbook's own sheets.
    public var firstSheet: AddedSheet?

    public init(marks: [Mark] = [], noteAuthor: String = "rbm", firstSheet: AddedSheet? = nil) {
        self.marks = marks
        self.noteAuthor = noteAuthor
        self.firstSheet = firstSheet
    }
}

/// A small sheet written whole into an amended workbook (text in the cells themselves, no shared
/// strings), its first row a frozen header.
public struct AddedSheet: Sendable {
    public struct Cell: Sendable {
        public enum Value: Sendable {
            case text(String)
            case number(Double)
        }

        public var value: Value
        public var bold: Bool
        /// A fill colour, `RRGGBB` or `AARRGGBB`.
        public var fill: String?
        /// A link to a cell of the workbook (row and column from 1): shown underlined in blue.
        public var link: (sheet: String, row: Int, column: Int)?

        public init(_ value: Value, bold: Bool = false, fill: String? = nil, link: (sheet: String, row: Int, column: Int)? = nil) {
            self.value = value
            self.bold = bold
            self.fill = fill
            self.link = link
        }

        public init(_ text: String, bold: Bool = false, fill: String? = nil, link: (sheet: String, row: Int, column: Int)? = nil) {
            self.init(.text(text), bold: bold, fill: fill, link: link)
        }
    }

    /// The name asked for; `(2)`, `(3)`… is added when the workbook already has a sheet of that name.
    public var name: String
    /// Column widths in characters, from column A.
    public var columnWidths: [Double]
    public var rows: [[Cell]]

    public init(name: String, columnWidths: [Double] = [], rows: [[Cell]] = []) {
        self.name = name
        self.columnWidths = columnWidths
        self.rows = rows
    }
}
