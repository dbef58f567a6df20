/// A format applied to cells when their values meet a rule, added by
/// `SheetWriter.addConditionalFormat(_:_:)`.
///
/// Maps `<cfRule>` in `<conditionalFormatting>`. Cell-value rules format matching cells with a
/// differential style (`<dxf>` in `xl/styles.xml`): only the font (bold, italic, underline, colour),
/// fill colour, number format and border of the `CellStyle` apply.
public enum ConditionalFormat: Hashable, Sendable {
    /// Compares the value of each cell with a formula (`"0"`, `"$B$1"`, `"AVERAGE($C:$C)"`).
    public enum Comparison: String, Hashable, Sendable {
        case lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, equal, notEqual
    }

    /// Formats cells whose value compares with `formula` as `comparison` says.
    case cellValue(Comparison, formula: String, style: CellStyle)
    /// Formats cells whose value lies between two formulas, both included.
    case cellValueBetween(String, and: String, style: CellStyle)
    /// Colours cells on a scale from `low` (the lowest value) through `middle` (the 50th
    /// percentile) to `high` (the highest value); colours as `RRGGBB` or `AARRGGBB`.
    case threeColorScale(low: String, middle: String, high: String)

    /// Excel's red-yellow-green scale for deltas: red lowest, green highest.
    public static let redYellowGreen = ConditionalFormat.threeColorScale(
        low: "F8696B", middle: "FFEB84", high: "63BE7B")
}
