/// The sheet a pipeline's `sheet:` most likely meant, for DAT-003's message: the workbook's sheet
/// whose name, folded as headers are (case, accents, punctuation), is within a few edits of it or
/// contains it (`Budget by output` for `Budget`; `Plan opérationnel` for `Plan operationnel`).
enum SheetNames {
    /// The nearest of `names` to `wanted`, or nil when none is near (then the message lists them all).
    static func closest(to wanted: String, among names: [String]) -> String? {
        let key = HeaderKey.fold(wanted)
        guard !key.isEmpty else { return nil }
        var best: (distance: Int, name: String)?
        for name in names {
            let folded = HeaderKey.fold(name)
            guard !folded.isEmpty else { continue }
            let distance = folded.contains(key) || key.contains(folded) ? 0 : Levenshtein.distance(key, folded)
            if distance <= max(2, key.count / 3), distance < (best?.distance ?? .max) { best = (distance, name) }
        }
        return best?.name
    }
}
