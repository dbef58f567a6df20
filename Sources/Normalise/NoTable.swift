import Results

/// A workbook in which none of its kind's tables could be found: a workbook without worksheets,
/// or one whose sheets hold no header the source profile recognises (an "Export Summary" page in
/// place of the plan). It is refused rather than loaded with zero rows, so that it can never
/// supersede a good workbook of its kind and bureau and become current (issue 14).
public struct NoTable: Error, Sendable {
    public var file: String
    public var kind: WorkbookKind
    /// Every sheet the workbook declares, with its kind when it is not a worksheet (`Chart1 (chartsheet)`).
    public var sheetsSeen: [String]
    /// Whether the workbook has a worksheet at all.
    public var hasWorksheet: Bool
    /// Why each table was not loaded (the DAT-003 messages), for the quarantine reason.
    public var details: [Message]

    /// The quarantine reason, with each message in the words `render` gives it.
    public func reason(rendering render: (Message) -> String) -> String {
        let details = self.details.map(render)
        let seen = sheetsSeen.isEmpty ? "it declares no sheet at all" : "sheets seen: " + sheetsSeen.map { "'\($0)'" }.joined(separator: ", ")
        guard hasWorksheet else { return "\(file): no worksheet in the workbook (\(seen)); nothing to read" }
        let why = details.first.map { " — \($0)" } ?? ""
        return "\(file): no \(kind.rawValue) table found (\(seen))\(why)"
    }
}
