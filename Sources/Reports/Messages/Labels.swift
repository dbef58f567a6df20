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
    /// The template is read once, each `{n}` replaced as it is met (issue 11: one pass and one
    /// string, where a pass per value built a string each); a value's own text is never read as
    /// a template, so a file named `plan {1}.xlsx` is quoted as it is. A `{n}` without a value
    /// stays as it is.
    public func callAsFunction(_ english: String, _ values: CustomStringConvertible...) -> String {
        let template = self(english)
        guard !values.isEmpty else { return template }
        var source = template
        return source.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32 * values.count)
            var i = 0, copied = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "{"), let (index, end) = Self.placeholder(bytes, at: i), index < values.count {
                    out.append(contentsOf: bytes[copied..<i])
                    out.append(contentsOf: values[index].description.utf8)
                    i = end
                    copied = end
                } else {
                    i += 1
                }
            }
            guard copied > 0 else { return template }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The value number of the `{n}` at `start` (`n` in decimal, without leading zeros) and the
    /// index just past it; nil when no placeholder starts there.
    private static func placeholder(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var i = start + 1, n = 0
        while i < bytes.count, i - start <= 4, (48...57).contains(bytes[i]) {
            n = n * 10 + Int(bytes[i] - 48)
            i += 1
        }
        let digits = i - start - 1
        guard digits > 0, digits <= 4, i < bytes.count, bytes[i] == UInt8(ascii: "}"), digits == 1 || bytes[start + 1] != 48 else { return nil }
        return (n, i + 1)
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
