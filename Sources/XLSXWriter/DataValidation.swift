/// A rule that limits what can be typed in cells, added by `SheetWriter.addDataValidation(_:_:)`.
///
/// Maps `<dataValidation>` in `<dataValidations>`. Excel shows a drop-down list of the allowed
/// values and refuses others with an error message.
public struct DataValidation: Hashable, Sendable {
    /// Where the allowed values come from.
    public enum Source: Hashable, Sendable {
        /// The values themselves, at most 255 characters in all, none containing a comma.
        case values([String])
        /// A range holding the values, such as `Codes!$A$2:$A$40`, or a defined name.
        case range(String)
    }

    public var source: Source
    /// Whether an empty cell is accepted.
    public var allowBlank: Bool
    /// The title and text of the message shown when a value is refused; Excel's own when `nil`.
    public var errorTitle: String?
    public var errorMessage: String?

    public init(source: Source, allowBlank: Bool = true, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.source = source
        self.allowBlank = allowBlank
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }

    /// A drop-down list of `values`.
    public static func list(_ values: [String]) -> DataValidation {
        DataValidation(source: .values(values))
    }

    /// A drop-down list of the values in `range` (`Codes!$A$2:$A$40`) or a defined name.
    public static func list(range: String) -> DataValidation {
        DataValidation(source: .range(range))
    }
}
