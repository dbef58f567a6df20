internal import XMLIO

/// Whitespace in a `<t>` element as Excel shows it.
///
/// Excel honours `xml:space` on `<t>` (MS-OI29500 2.1.706: "using the W3C space preservation
/// rules"): without `xml:space="preserve"` the leading and trailing whitespace of the element is
/// dropped, which is why Excel itself, openpyxl and XlsxWriter write `preserve` on every text that
/// starts or ends with a space. calamine does the same since July 2026 (tafia/calamine #671, #673),
/// and rbm follows its details:
///
/// - per `<t>` element: in shared strings, inline strings and each rich-text run `<r><t>` alike,
///   before the runs are joined (`<t>hello </t>` `<t>world</t>` reads `helloworld`);
/// - XML whitespace only (space, tab, CR, LF), after character references are decoded (`&#xA;`
///   counts) and before `_xHHHH_` escapes are (`_x000D_` at an edge stays and decodes to CR);
///   other spaces such as U+00A0 are text;
/// - only the element's own `xml:space` counts, as in calamine (Excel writes it on `<t>`).
///
/// One deliberate difference from calamine: a `<t>` that holds nothing but whitespace is kept as
/// written. It is a rich-text run that separates two others (`<t>hello</t>` `<t> </t>`
/// `<t>world</t>` shows "hello world" in Excel), or a cell whose whole text is blanks; calamine
/// drops both, which runs two words together.
extension OOXMLText {
    /// The text of one `<t>` (before `_xHHHH_` decoding): as written with `preserve`, otherwise
    /// without leading and trailing XML whitespace unless that is all it holds.
    static func shown(_ text: borrowing XMLText, preserve: Bool) -> String {
        if preserve { return text.string() }
        let range = text.withBytes { NumberText.trimmed($0) }
        if range.isEmpty || range.count == text.count { return text.string() }
        return text.string(range)
    }

    /// Whether an `xml:space` value asks for the text to be kept as written.
    static func preserves(_ value: borrowing XMLAttributes, _ key: Int) -> Bool {
        value.withValue(key) { bytes in
            bytes.count == preserveValue.count && bytes.indices.allSatisfy { bytes[$0] == preserveValue[$0] }
        } ?? false
    }

    private static let preserveValue = Array("preserve".utf8)
}
