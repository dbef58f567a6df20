import Results

/// A workbook whose amount columns are all for years outside the plan's biennium: it belongs to
/// another plan period (an operational plan for 2024-2027 dropped into the 2022-2023 run). It is
/// refused rather than loaded, so that it cannot supersede the current workbook of its bureau.
public struct OtherPeriod: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var sheet: String
    /// The years its amount columns name, ascending.
    public var years: [Int]
    public var biennium: Biennium

    public var description: String {
        "\(file)!\(sheet): its amount columns are for \(years.map(String.init).joined(separator: ", ")), "
            + "none in the plan's biennium \(biennium); the workbook belongs to another plan period"
    }
}
