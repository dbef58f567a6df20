/// Where a value came from: `file!sheet!cell`, the cell in A1 form or a range such as `E5:E9`.
public struct SourceRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The workbook's file name as received (no folder).
    public var file: String
    /// The sheet name as in the workbook; nil for a reference to the whole file or folder.
    public var sheet: String?
    /// `B7`, `E5:E9`, a column letter, or nil for a whole sheet.
    public var cell: String?

    public init(file: String, sheet: String? = nil, cell: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
    }

    public var description: String {
        // Appended in place (issue 11: an array of optionals joined cost about 4,700 instructions,
        // and every row of the consolidated workbook and every finding's sources ask for it).
        var text = file
        text.reserveCapacity(file.utf8.count + (sheet?.utf8.count ?? 0) + (cell?.utf8.count ?? 0) + 2)
        if let sheet {
            text += "!"
            text += sheet
        }
        if let cell {
            text += "!"
            text += cell
        }
        return text
    }
}

/// A cell position inside a sheet, kept apart from its text form so ranges can be built.
public struct CellPosition: Hashable, Sendable, Codable, Comparable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool { (a.row, a.column) < (b.row, b.column) }

    /// Column letters: 1 → `A`.
    public static func letters(_ column: Int) -> String {
        (1...shortLetters.count).contains(column) ? shortLetters[column - 1] : makeLetters(column)
    }

    /// `A` to `ZZ`, made once (issue 11: the letters of a cell were made about 5,000 times a run).
    private static let shortLetters = (1...702).map(makeLetters)

    private static func makeLetters(_ column: Int) -> String {
        var n = column
        var s: [Character] = []
        while n > 0 {
            s.append(Character(Unicode.Scalar(UInt8(65 + (n - 1) % 26))))
            n = (n - 1) / 26
        }
        return String(s.reversed())
    }

    public var a1: String { Self.letters(column) + String(row) }
}

/// A cell of a workbook: file, sheet and position. The unit of `sources` in findings.
public struct CellSource: Hashable, Sendable, Codable {
    public var file: String
    public var sheet: String
    public var position: CellPosition

    public init(file: String, sheet: String, position: CellPosition) {
        self.file = file
        self.sheet = sheet
        self.position = position
    }

    public var ref: SourceRef { SourceRef(file: file, sheet: sheet, cell: position.a1) }
}
