import Foundation

/// An amount in CHF, exact, with the unit it was typed in and the cell it came from.
public struct Amount: Hashable, Sendable, Codable {
    /// CHF after unit scaling.
    public var chf: Exact
    /// The unit of the column it was read from.
    public var unit: MoneyUnit
    public var source: CellSource

    public init(chf: Exact, unit: MoneyUnit, source: CellSource) {
        self.chf = chf
        self.unit = unit
        self.source = source
    }

    /// The value as typed, in the column's unit.
    public var asTyped: Exact { chf / unit.factor }
}

/// A decimal value read from a cell (FTE, KPI values, scores), with its source.
public struct Quantity: Hashable, Sendable, Codable {
    public var value: Exact
    public var source: CellSource
    /// The cell holds the number as text (`'12 000`, `"0,5"`): rbm reads it in the amount grammar,
    /// but a spreadsheet's SUM skips it, so a total typed from the sheet may leave it out (FIN-005).
    public var typedAsText: Bool

    public init(value: Exact, source: CellSource, typedAsText: Bool = false) {
        self.value = value
        self.source = source
        self.typedAsText = typedAsText
    }
}

/// A text read from a cell, as typed, with its source.
public struct TextCell: Hashable, Sendable, Codable {
    public var text: String
    public var source: CellSource

    public init(text: String, source: CellSource) {
        self.text = text
        self.source = source
    }
}
