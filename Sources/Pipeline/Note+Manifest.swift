import Results

extension Note {
    /// The note's line in `manifest.json`'s `notes`, as manifests have always written it:
    /// `unit: FILE!SHEET!CELL 'header' read in …`, `not reconciled: OUTPUT/YEAR (CELL): …`, and
    /// `SEVERITY: LOCATION: …` (`info: …`, `warning: …`) for every other kind.
    public var manifestLine: String {
        switch kind {
        case .amountUnit: "unit: " + [source?.description, text].compactMap { $0 }.joined(separator: " ")
        case .notReconciled: "not reconciled: \(text)"
        default: "\(severity.rawValue): " + [source?.description, text].compactMap { $0 }.joined(separator: ": ")
        }
    }
}
