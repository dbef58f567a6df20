import Foundation

/// A finding's expected, actual or delta value, kept as what it is so that reports can show an
/// amount as a number (sortable, summable) and words as words.
public enum FindingValue: Hashable, Sendable, Codable {
    /// No value (an empty column).
    case none
    /// A CHF amount or a plain number, written in plain decimal form (`3950000`, `1234.5`).
    case amount(Decimal)
    /// A signed amount (`+440000`, `-45000`).
    case signed(Decimal)
    /// A signed difference and its share of `base` (`-45000 (-1.14%)`; the amount alone when the
    /// base is zero).
    case change(Decimal, of: Decimal)
    /// A ratio of two amounts, shown to one decimal (`ratio 1000.0`).
    case ratio(Decimal)
    /// A code as the workbooks write it (an objective, an output, a goal, a bureau, a funding
    /// class): never translated.
    case code(String)
    /// A fixed term a person reads (`none`, `blank`, `declared unit`): typed, so that a report can
    /// word it in its language.
    case term(Term)
    /// Words (or a composite of words and numbers) that a person reads; stays as written (English).
    case words(String)

    /// The number behind the value, when it has one.
    public var number: Decimal? {
        switch self {
        case .amount(let value), .signed(let value), .change(let value, _), .ratio(let value): value
        case .none, .code, .term, .words: nil
        }
    }

    /// The log's text form of (d) "Numbers".
    public var text: String {
        switch self {
        case .none: ""
        case .amount(let value): value.plainText
        case .signed(let value): value.signedText
        case .change(let delta, let base):
            delta.percent(of: base).map { "\(delta.signedText) \($0)" } ?? delta.signedText
        case .ratio(let ratio): "ratio " + ratio.fixed(places: 1)
        case .code(let code): code
        case .term(let term): term.english
        case .words(let words): words
        }
    }
}

/// The fixed words of expected and actual values, in English as the log writes them; the reports'
/// message catalogues word them in French and Spanish.
public enum Term: Hashable, Sendable, Codable {
    /// `none`: nothing was found (no budget line, no allocation, no column).
    case nothing
    /// `blank`: the cell is empty.
    case blank
    /// `declared unit`: what a column's amounts should be in.
    case declaredUnit
    /// `mitigation text`
    case mitigationText
    /// `known objective`
    case knownObjective
    /// `known output`
    case knownOutput
    /// `listed output`
    case listedOutput
    /// `1 submission`, `2 submissions`
    case submissions(Int)
    /// `1 row`, `2 rows`
    case rows(Int)

    /// The English words, as the log has always written them.
    public var english: String {
        switch self {
        case .nothing: "none"
        case .blank: "blank"
        case .declaredUnit: "declared unit"
        case .mitigationText: "mitigation text"
        case .knownObjective: "known objective"
        case .knownOutput: "known output"
        case .listedOutput: "listed output"
        case .submissions(let n): "\(n) submission\(n == 1 ? "" : "s")"
        case .rows(let n): "\(n) row\(n == 1 ? "" : "s")"
        }
    }
}

extension Decimal {
    /// `(+72.13%)`: self ÷ base × 100 with two decimals; nil when the base is 0.
    public func percent(of base: Decimal) -> String? {
        guard base != 0 else { return nil }
        let value = (self / base * 100).rounded(scale: 2)
        return "(\(value < 0 ? "" : "+")\(value.fixed(places: 2))%)"
    }

    /// Exactly `places` digits after the point, rounded half away from zero: 0.8 → `0.80`.
    public func fixed(places: Int) -> String {
        var text = rounded(scale: places).plainText
        guard places > 0 else { return text }
        if !text.contains(".") { text += "." }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false)[1].count
        return text + String(repeating: "0", count: max(0, places - decimals))
    }
}
