import Foundation

/// A cell in a stated total's scope that holds its number as text: rbm summed it, the spreadsheet's
/// SUM skipped it, and the stated total is short by exactly such cells (FIN-005 names them).
public struct SkippedTextCell: Hashable, Sendable, Codable {
    /// The cell's A1 reference on the total's sheet (`C14`).
    public var cell: String
    /// The number as typed, in the column's display unit (`12000` in a CHF column, `12` in kCHF).
    public var value: Exact

    public init(cell: String, value: Exact) {
        self.cell = cell
        self.value = value
    }
}
