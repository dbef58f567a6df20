/// An A1-style cell position, 1-based, within Excel's grid (1,048,576 rows × 16,384 columns).
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `B7` or `$B$7`; nil when malformed or outside the grid (never traps on long input).
    public init?(_ text: some StringProtocol) {
        var scanner = Scanner()
        for byte in text.utf8 {
            guard scanner.take(byte) else { return nil }
        }
        guard let reference = scanner.reference else { return nil }
        self = reference
    }

    /// Parses the UTF-8 bytes of `B7` or `$B$7` (an `r` attribute read in place), as ``init(_:)``.
    package init?(utf8 bytes: Span<UInt8>) {
        var scanner = Scanner()
        for i in bytes.indices {
            guard scanner.take(bytes[i]) else { return nil }
        }
        guard let reference = scanner.reference else { return nil }
        self = reference
    }

    /// The A1 grammar one byte at a time: letters, then digits, `$` anywhere; stops as soon as the
    /// column or row leaves the grid, so no input can overflow.
    private struct Scanner {
        var column = 0, row = 0
        var sawLetter = false, sawDigit = false

        @inline(__always)
        mutating func take(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "$"): return true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return false }
                sawLetter = true
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                return column <= CellReference.maxColumn
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard sawLetter else { return false }
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                return row <= CellReference.maxRow
            default: return false
            }
        }

        var reference: CellReference? {
            sawLetter && sawDigit && row >= 1 ? CellReference(row: row, column: column) : nil
        }
    }

    /// The column's letters: 1 → `A`, 28 → `AB`.
    public static func columnName(_ column: Int) -> String {
        (1...shortNames.count).contains(column) ? shortNames[column - 1] : makeColumnName(column)
    }

    /// `A` to `ZZ`, made once (issue 11: a name was made for every linked cell and every note).
    private static let shortNames = (1...702).map(makeColumnName)

    private static func makeColumnName(_ column: Int) -> String {
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Column number of letters such as `AB`, nil if not letters or out of range.
    public static func columnNumber(_ letters: some StringProtocol) -> Int? {
        CellReference(letters + "1")?.column
    }

    public var description: String { Self.columnName(column) + String(row) }

    public static func < (a: Self, b: Self) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// A rectangular range such as `A1:J1`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Parses `A1:J1` or a single `B3`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 1 || parts.count == 2, let a = CellReference(parts[0]), let b = CellReference(parts[parts.count - 1]) else { return nil }
        first = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    public func contains(_ ref: CellReference) -> Bool {
        (first.row...last.row).contains(ref.row) && (first.column...last.column).contains(ref.column)
    }

    public var description: String { first == last ? first.description : "\(first):\(last)" }
}
