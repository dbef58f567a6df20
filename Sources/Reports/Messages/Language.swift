import Foundation
import Results

/// The language of a run's reports (`language:` in the pipeline file, `--language` on `rbm run`):
/// English, French or Spanish, the ITU working languages these workbooks use. It words the log's
/// `message` column and typed terms, the page and the consolidated workbook; ids, rule codes,
/// severities, bureau and output codes, cell references, sheet names and the log's plain numbers
/// are the same in every language, so runs in two languages differ only in words.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, fr, es

    /// The message catalogue of the language.
    public var catalogue: any MessageCatalogue {
        switch self {
        case .en: EnglishMessages()
        case .fr: FrenchMessages()
        case .es: SpanishMessages()
        }
    }

    /// How the language writes numbers in sentences and on the page.
    public var numbers: NumberForms {
        switch self {
        case .en: .english
        case .fr: .french
        case .es: .spanish
        }
    }

    /// The language's name, in itself.
    public var name: String {
        switch self {
        case .en: "English"
        case .fr: "français"
        case .es: "español"
        }
    }

    /// The language of `code` (`en`, `fr`, `es`), or nil.
    public init?(code: String) { self.init(rawValue: code.lowercased()) }

    /// `unknown language 'de': the languages are en (English), fr (français), es (español)`.
    public static func unknown(_ code: String) -> String {
        "unknown language '\(code)': the languages are " + allCases.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", ")
    }

    /// A finding value's text in this language: typed terms worded by the catalogue, everything
    /// else (numbers, codes, composite words) as the log writes it.
    public func text(_ value: FindingValue) -> String {
        if case .term(let term) = value { return catalogue.term(term) }
        return value.text
    }

    /// A rule's title and description in this language, quoting the run's tolerances.
    public func rule(_ rule: RuleID, tolerances: Tolerances = Tolerances()) -> RuleDescriptions.Entry {
        switch self {
        case .en: RuleDescriptions.english(rule, tolerances: tolerances)
        case .fr: RuleDescriptions.french(rule, tolerances: tolerances)
        case .es: RuleDescriptions.spanish(rule, tolerances: tolerances)
        }
    }
}

/// Number forms of a language, for sentences and the page (the log's columns keep the plain forms).
///
/// - English (the log's messages as domain.md (d) pins them): thousands grouped by a space,
///   decimal point, `−1.14 %`.
/// - French (Imprimerie nationale, ITU's French texts): thousands grouped by a narrow no-break
///   space U+202F, decimal comma, `%` after a no-break space: `1 234 567,5`, `−1,14 %`.
/// - Spanish (RAE's Ortografía 2010, as ITU's Spanish texts write amounts): thousands grouped by a
///   no-break space U+00A0 from five digits on (`1500`, `12 500`), decimal comma, `%` after a
///   no-break space: `−1,14 %`.
public struct NumberForms: Sendable {
    /// The thousands separator (nil: the English form of `groupedCHF`, a plain space).
    public var group: String
    public var decimal: String
    /// Put before `%`.
    public var percentSpace: String
    /// The fewest integer digits that are grouped (Spanish leaves four-digit numbers whole).
    public var groupFrom: Int

    public static let english = NumberForms(group: " ", decimal: ".", percentSpace: " ", groupFrom: 4)
    public static let french = NumberForms(group: "\u{202F}", decimal: ",", percentSpace: "\u{00A0}", groupFrom: 4)
    public static let spanish = NumberForms(group: "\u{00A0}", decimal: ",", percentSpace: "\u{00A0}", groupFrom: 5)

    /// Rounded to at most two decimals and grouped, U+2212 for minus: `3 905 000`, `−45 000`,
    /// `+440 000` when `signed`. English gives exactly `groupedCHF`.
    public func grouped(_ value: Exact, signed: Bool = false) -> String {
        localise(value.groupedCHF(signed: signed), groupedBy: " ")
    }

    /// The plain form (not grouped, not rounded) with the language's decimal mark: `89,3`.
    public func plain(_ value: Exact) -> String { value.plainText.replacingBytes(of: ".", with: decimal) }

    /// Exactly `places` decimals with the language's decimal mark: `1000,0`.
    public func fixed(_ value: Exact, places: Int) -> String { value.fixed(places: places).replacingBytes(of: ".", with: decimal) }

    /// `−1,14 %`, `+72,13 %`; empty when the base is 0.
    public func percent(_ delta: Exact, of base: Exact, places: Int = 2) -> String {
        guard base != 0 else { return "" }
        let value = (delta / base * 100).rounded(scale: places)
        return (value < 0 ? "\u{2212}" : "+") + fixed(abs(value), places: places) + percentSpace + "%"
    }

    /// A fraction as a percentage, as tolerances are quoted: 0.05 → `5 %`.
    public func share(_ fraction: Exact) -> String { plain(fraction * 100) + percentSpace + "%" }

    /// A number already grouped by `separator` with a `.` decimal mark, in this language's form.
    func localise(_ english: String, groupedBy separator: String) -> String {
        guard self.group != " " || decimal != "." else { return english }
        var parts = english.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let digits = parts[0].filter(\.isNumber).count
        parts[0] = parts[0].replacingOccurrences(of: separator, with: digits < groupFrom ? "" : group)
        return parts.joined(separator: decimal)
    }
}
