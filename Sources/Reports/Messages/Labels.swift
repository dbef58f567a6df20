import Foundation
import Results

/// The fixed words of the page and the consolidated workbook (headings, filters, table headers,
/// tiles, chart titles, run facts, footers, sheet headers, Summary labels) per language.
///
/// A label is looked up by its English text, so the English renderers keep their literals and
/// give exactly the bytes they gave before; a template marks its values `{0}`, `{1}`… French and
/// Spanish are the tables `LabelTables.french` and `.spanish`; a label missing from one of them
/// falls back to English (a test checks that none is missing).
public struct Labels: Sendable {
    public let language: Language
    let table: [String: String]

    public init(_ language: Language) {
        self.language = language
        table = switch language {
        case .en: [:]
        case .fr: LabelTables.french
        case .es: LabelTables.spanish
        }
    }

    /// The language's number forms.
    public var numbers: NumberForms { language.numbers }

    /// The label for `english`.
    public func callAsFunction(_ english: String) -> String { table[english] ?? english }

    /// The template for `english` with `{0}`, `{1}`… replaced by `values`, in order.
    public func callAsFunction(_ english: String, _ values: CustomStringConvertible...) -> String {
        var text = self(english)
        for (index, value) in values.enumerated() {
            text = text.replacingBytes(of: "{\(index)}", with: value.description)
        }
        return text
    }

    /// True when `english` has a label in this language (English has them all).
    public func has(_ english: String) -> Bool { language == .en || table[english] != nil }

    /// A column header, where a year may stand for `{0}` (`2022 (CHF)` is the label of `{0} (CHF)`).
    public func header(_ english: String) -> String {
        if language == .en { return english }
        if let label = table[english] { return label }
        if let range = english.range(of: #"[0-9]{4}"#, options: .regularExpression) {
            let template = english.replacingCharacters(in: range, with: "{0}")
            if table[template] != nil { return self(template, String(english[range])) }
        }
        return english
    }

    /// A severity as a reader reads it (the value filters and formulas use stays the code).
    public func severity(_ severity: Severity) -> String { self(severity.rawValue) }
}
