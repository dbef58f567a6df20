import Results

extension Note {
    /// The note's line in `manifest.json`'s `notes`, as manifests have always written it:
    /// `unit: FILE!SHEET!CELL 'header' read in …`, `not reconciled: OUTPUT/YEAR (CELL): …`, and
    /// `info: LOCATION: …` for every other kind. The severity is not part of the line (the
    /// manifest's vocabulary predates it); tools that need it read the typed note.
    var manifestLine: String {
        switch kind {
        case .amountUnit: "unit: " + [source?.description, text].compactMap { $0 }.joined(separator: " ")
        case .notReconciled: "not reconciled: \(text)"
        default: "info: " + [source?.description, text].compactMap { $0 }.joined(separator: ": ")
        }
    }
}
