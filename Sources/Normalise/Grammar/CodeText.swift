import Foundation

/// Text clean-up shared by every code cell: pre-processing steps 2 and 3 of domain.md (b.3).
///
/// Step 1 (taking the displayed text of a numeric cell and noting it) belongs to the caller,
/// which knows the cell; everything here is a pure function of a string.
public enum CodeText {
    /// The label words of b.3 step 3, in the order the domain lists them.
    ///
    /// `stripLabels(_:labels:)` sorts them longest first itself, so a pipeline file may append
    /// words in any order and in any case.
    public static let defaultLabels: [String] = [
        "OBJETIVO ESTRATÉGICO", "STRATEGIC GOAL", "BUT STRATÉGIQUE",
        "OUTPUT", "OUT", "PRODUIT", "PRODUCTO",
        "OBJECTIVE", "OBJ", "OBJECTIF", "OBJETIVO",
        "GOAL", "BUT", "META", "TARGET", "CIBLE",
        "OUTCOME", "RÉSULTAT", "RESULTADO", "KPI",
        "ITU-R", "ITU-T", "ITU-D", "UIT-R", "UIT-T", "UIT-D",
    ]

    /// `’` (U+2019) read as `'`. An ASCII text has none and is returned as it is, without
    /// Foundation's `replacingOccurrences` (issue 11: every header, title and amount text).
    public static func apostrophesStraightened(_ text: String) -> String {
        text.isASCII ? text : text.replacingOccurrences(of: "’", with: "'")
    }

    /// Step 2 without the final uppercasing: NFKC, every space-like character to a space,
    /// the dash characters to `-`, trim, collapse runs of spaces.
    ///
    /// Headers, unit tokens, amounts and "as typed" values use this form: they need the same
    /// clean-up but must keep their case (a header is quoted in notes as written).
    public static func normalise(_ raw: String) -> String {
        if let ascii = normaliseASCII(raw) { return ascii }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if invisible.contains(scalar.value) { continue }
            if scalar.properties.isWhitespace {
                // Line breaks inside a cell (Alt+Enter) and NBSP/thin/narrow spaces read as one space.
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(dashes.contains(scalar.value) ? "-" : scalar)
        }
        return String(out)
    }

    /// `normalise(_:)` of an all-ASCII text, on its bytes (NFKC leaves ASCII as it is, and no ASCII
    /// character is invisible or a dash to map); nil when the text has any other character.
    private static func normaliseASCII(_ raw: String) -> String? {
        var raw = raw
        return raw.withUTF8 { bytes -> String? in
            var clean = true
            var previousSpace = true  // a leading space is dropped
            for b in bytes {
                if b >= 0x80 { return nil }
                if ASCIIBytes.isSpace(b) {
                    if previousSpace || b != 32 { clean = false }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            if let last = bytes.last, ASCIIBytes.isSpace(last) { clean = false }
            if clean { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                if ASCIIBytes.isSpace(b) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(32)
                    pendingSpace = false
                }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text without leading and trailing Unicode White_Space (Foundation's
    /// `.whitespacesAndNewlines` on Linux also strips U+200B, a zero-width space: not this), without
    /// a Foundation call.
    public static func trimmed(_ text: String) -> String {
        // Most texts start and end with an ASCII character that is no space: told from the first
        // and last bytes, without decoding a scalar (every cell's text comes here).
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           !ASCIIBytes.isSpace(first), !ASCIIBytes.isSpace(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isWhiteSpace(first) && !isWhiteSpace(last) { return text }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isWhiteSpace(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, isWhiteSpace(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(scalars[start..<end])
    }

    /// Unicode White_Space, told without the property tables for ASCII (tab to carriage return, and
    /// space): every cell's text is trimmed (issue 11: the tables were 0.45 % of a run).
    @inline(__always) static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? ASCIIBytes.isSpace(UInt8(scalar.value)) : scalar.properties.isWhitespace
    }

    /// Step 2 in full: `normalise(_:)`, then uppercase.
    public static func preprocess(_ raw: String) -> String {
        normalise(raw).uppercased()
    }

    /// Step 3: strips leading label words (with an optional `.` or `:` after each) while one leads.
    ///
    /// A label matches only as a whole word — it must be followed by the end of the text, a space,
    /// `.` or `:` — so `OUT` never eats the start of `OUTPUT…` and `BUT` never eats `BUTTON`.
    /// Longer labels are tried first, so `OBJETIVO ESTRATÉGICO 1` loses both words.
    ///
    /// - Parameters:
    ///   - s: text already pre-processed by `preprocess(_:)`.
    ///   - labels: label words in any case; they are pre-processed here the same way.
    public static func stripLabels(_ s: String, labels: [String]) -> String {
        stripLabels(s, prepared: prepareLabels(labels))
    }

    /// Pre-processes and orders label words once, for callers that strip many cells.
    static func prepareLabels(_ labels: [String]) -> [String] {
        let cleaned = labels.map(preprocess).filter { !$0.isEmpty }
        // Stable order among equal lengths keeps the result independent of Set iteration.
        return cleaned.enumerated()
            .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
            .map(\.element)
    }

    /// `stripLabels(_:labels:)` with labels from `prepareLabels(_:)`.
    static func stripLabels(_ s: String, prepared labels: [String]) -> String {
        var rest = Substring(s)
        search: while let first = rest.utf8.first {
            for label in labels {
                // Two different ASCII first bytes are two different first characters: no prefix.
                // A cheap test before the Unicode-aware one (most cells start with a code).
                if first < 0x80, let start = label.utf8.first, start < 0x80, start != first { continue }
                guard rest.hasPrefix(label) else { continue }
                var after = rest.dropFirst(label.count)
                guard let next = after.first else { return "" }
                guard next == " " || next == "." || next == ":" else { continue }
                if next == "." || next == ":" { after = after.dropFirst() }
                rest = after.drop { $0 == " " }
                continue search
            }
            break
        }
        return String(rest)
    }

    /// ‐ ‑ ‒ – — − (b.3 step 2): typed or auto-corrected in place of `-`.
    private static let dashes: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]

    /// Zero-width and soft-hyphen characters: invisible in a cell, yet they would make an
    /// otherwise valid code fail to match.
    private static let invisible: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
}
