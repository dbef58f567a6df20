import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// Issue 15, "text as the spreadsheet shows it": each `<t>` without `xml:space="preserve"` loses
/// its leading and trailing XML whitespace, in shared strings, inline strings and rich-text runs
/// alike; a `<t>` of nothing but whitespace is kept (`OOXMLText+Whitespace.swift`).
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the workbooks"))
struct ReaderTextWhitespaceTests {
    /// Each item's XML inside `<si>` (or `<is>`) and the text Excel shows for it.
    static let items: [(xml: String, shown: String)] = [
        ("<t>  trimmed value  </t>", "trimmed value"),
        (#"<t xml:space="preserve">  kept  </t>"#, "  kept  "),
        ("<t>\n\tvalue with tabs\r\n</t>", "value with tabs"),
        ("<t>  line1\nline2  </t>", "line1\nline2"),                                           // inner whitespace stays
        ("<t> </t>", " "),                                                                      // whitespace only: kept
        ("<r><t>hello</t></r><r><t> </t></r><r><t>world</t></r>", "hello world"),               // a separating run: kept
        ("<r><t>hello </t></r><r><t>world</t></r>", "helloworld"),                              // per run, before joining
        (#"<r><t xml:space="preserve">hello </t></r><r><rPr><b/></rPr><t> world</t></r>"#, "hello world"),
        ("<t>&#xA;x&#10;y&#x9;</t>", "x\ny"),                                                   // references are whitespace too
        ("<t>_x000D_ x _x000D_</t>", "\r x \r"),                                               // escapes decode after trimming
        ("<t>\u{00A0}nbsp\u{00A0} </t>", "\u{00A0}nbsp\u{00A0}"),                              // U+00A0 is text
        (#"<t xml:space="default"> d </t>"#, "d"),
        ("<t> a </t><rPh sb=\"0\" eb=\"1\"><t> ア </t></rPh>", "a"),                            // phonetic runs still skipped
        ("<t><![CDATA[  cdata  ]]></t>", "cdata"),
        ("<t>  日期 时间  </t>", "日期 时间"),
        ("<t></t>", ""),
    ]

    static func cells(_ fixture: WorkbookFixture) throws -> [SheetCell] {
        let book = try Workbook(path: try fixture.write())
        return try book.grid(for: try #require(book.sheets.first)).rows.flatMap(\.cells)
    }

    @Test func sharedStringsAreShownAsExcelShowsThem() throws {
        let sst = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + Self.items.map { "<si>\($0.xml)</si>" }.joined() + "</sst>"
        let rows = Self.items.indices.map { #"<row r="\#($0 + 1)"><c r="A\#($0 + 1)" t="s"><v>\#($0)</v></c></row>"# }.joined()
        let cells = try Self.cells(WorkbookFixture(sheetXML: WorkbookFixture.sheet(rows), sharedStringsXML: sst))
        #expect(cells.map(\.value) == Self.items.map { .string($0.shown) })
    }

    @Test func inlineStringsAreShownAsExcelShowsThem() throws {
        let rows = Self.items.indices.map { #"<row r="\#($0 + 1)"><c r="A\#($0 + 1)" t="inlineStr"><is>\#(Self.items[$0].xml)</is></c></row>"# }.joined()
        let cells = try Self.cells(WorkbookFixture(rows: rows))
        #expect(cells.map(\.value) == Self.items.map { .string($0.shown) })
    }

    /// Only `<t>` is trimmed: a formula's string result and the `xml:space` of another element
    /// change nothing.
    @Test func otherTextIsAsWritten() throws {
        let rows = #"<row r="1"><c r="A1" t="str"><f>" a "</f><v> a </v></c><c r="B1" t="inlineStr"><is xml:space="preserve"><t> b </t></is></c></row>"#
        let cells = try Self.cells(WorkbookFixture(rows: rows))
        #expect(cells.map(\.value) == [.string(" a "), .string("b")])
    }

    /// `calamine__minimal_package.xlsx` in the shared corpus: inline strings padded with blanks and
    /// no `xml:space`, as its writer stores addresses; 188 of them read differently before.
    @Test(.enabled(if: Fixtures.corpus != nil, "../shared/xlsx-corpus is absent"))
    func theCorpusPackageWithPaddedInlineStrings() throws {
        let corpus = try #require(Fixtures.corpus)
        let book = try Workbook(path: corpus.appendingPathComponent("files/calamine__minimal_package.xlsx").path)
        let strings = try book.grid(for: try #require(book.sheets.first)).rows.flatMap(\.cells).compactMap { cell -> String? in
            if case .string(let s) = cell.value { s } else { nil }
        }
        #expect(strings.contains("WOODLEY                 AV"))     // was "        WOODLEY                 AV"
        #expect(strings.contains("SATICOY                 ST"))
        // No text starts or ends with a blank any more, except those made of blanks only.
        let padded = strings.filter { $0.first == " " || $0.last == " " }
        #expect(!padded.isEmpty && padded.allSatisfy { $0.allSatisfy { $0 == " " } })
    }

    /// openpyxl and XlsxWriter mark every padded text `preserve`, so their texts read back exactly.
    @Test(.enabled(if: Fixtures.python != nil, "no .venv/bin/python (make test creates it)"), arguments: ["openpyxl", "xlsxwriter"])
    func paddedTextsFromRealWritersReadBackExactly(writer: String) throws {
        let python = try #require(Fixtures.python)
        let path = Fixtures.temporaryDirectory("texts").appendingPathComponent("\(writer).xlsx").path
        let result = try Subprocess.run(python, ["-c", Self.writerScript, writer, path])
        try #require(result.status == 0, "\(result.errors)")
        let book = try Workbook(path: path)
        let cells = try book.grid(for: try #require(book.sheets.first)).rows.flatMap(\.cells)
        #expect(cells.map(\.value) == Self.padded.map { .string($0) } + [.string("hello world")])
    }

    static let padded = ["  leading", "trailing  ", " ", "\tboth\n", "in  side"]

    static var writerScript: String {
        let texts = padded.map { "\"\($0.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n"))\"" }
        return #"""
        import sys
        writer, path = sys.argv[1], sys.argv[2]
        texts = [\#(texts.joined(separator: ", "))]
        if writer == "openpyxl":
            import openpyxl
            from openpyxl.cell.rich_text import CellRichText, TextBlock
            from openpyxl.cell.text import InlineFont
            wb = openpyxl.Workbook(); ws = wb.active
            for i, t in enumerate(texts):
                ws.cell(row=i + 1, column=1, value=t)
            ws.cell(row=len(texts) + 1, column=1, value=CellRichText("hello", TextBlock(InlineFont(b=True), " "), "world"))
            wb.save(path)
        else:
            import xlsxwriter
            wb = xlsxwriter.Workbook(path); ws = wb.add_worksheet()
            for i, t in enumerate(texts):
                ws.write_string(i, 0, t)
            ws.write_rich_string(len(texts), 0, "hello", wb.add_format({"bold": True}), " ", "world")
            wb.close()
        """#
    }
}
