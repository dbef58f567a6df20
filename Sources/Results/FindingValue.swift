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
    /// Words (or a composite of words and numbers) that a person reads.
    case words(String)

    /// The number behind the value, when it has one.
    public var number: Decimal? {
        switch self {
        case .amount(let value), .signed(let value), .change(let value, _), .ratio(let value): value
        case .none, .code, .words: nil
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
        case .words(let words): words
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
