import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// The bad-input catalogue of `reliability.md` §9, built in the test: every hostile or broken
/// workbook fails with its category (and, where it matters, its exact message) or reads safely.
@Suite(.enabled(if: ZipFixture.python != nil, "no Python to build the hostile zip files"))
struct ReaderSafetyTests {
    /// Opens the workbook and reads every worksheet, as the pipeline does.
    @discardableResult
    static func readAll(_ path: String, limits: ReaderLimits = ReaderLimits()) throws -> [SheetGrid] {
        let book = try Workbook(path: path, limits: limits)
        return try book.sheets.filter { $0.kind == .worksheet }.map { try book.grid(for: $0) }
    }

    static func refusal(_ path: String, limits: ReaderLimits = ReaderLimits()) throws -> XLSXError {
        try #require(throws: XLSXError.self) { try readAll(path, limits: limits) }
    }

    /// Streams every worksheet without keeping rows (memory stays at one chunk's worth).
    static func drain(_ path: String, limits: ReaderLimits = ReaderLimits()) throws -> Int {
        let book = try Workbook(path: path, limits: limits)
        var rows = 0
        for info in book.sheets where info.kind == .worksheet {
            let cursor = try book.cursor(for: info)
            while try cursor.nextRow() != nil { rows += 1 }
        }
        return rows
    }

    static func cells(_ path: String) throws -> [String: SheetCell] {
        let grid = try #require(try readAll(path).first)
        return Dictionary(grid.rows.flatMap(\.cells).map { ($0.reference.description, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: XML payloads (C 30-34), in a worksheet and in the shared strings

    static let billionLaughs = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">\
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">\
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        """
    static let quadraticBlowup = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">]>\n"
    static let externalEntity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    static let externalDTD = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"

    enum Payload: String, CaseIterable, Sendable {
        case billionLaughs, quadraticBlowup, externalEntity, externalDTD

        var prolog: String {
            switch self {
            case .billionLaughs: ReaderSafetyTests.billionLaughs
            case .quadraticBlowup: ReaderSafetyTests.quadraticBlowup
            case .externalEntity: ReaderSafetyTests.externalEntity
            case .externalDTD: ReaderSafetyTests.externalDTD
            }
        }

        var reference: String {
            switch self {
            case .billionLaughs: "&lol9;"
            case .quadraticBlowup: String(repeating: "&a;", count: 20_000)
            case .externalEntity: "&xxe;"
            case .externalDTD: "x"
            }
        }
    }

    @Test("an entity payload in a worksheet is refused at its DOCTYPE", arguments: Payload.allCases)
    func entityPayloadInAWorksheet(payload: Payload) throws {
        var fixture = WorkbookFixture(rows: "")
        fixture.sheetXML = payload.prolog + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#
            + payload.reference + "</t></is></c></row></sheetData></worksheet>"
        let start = Date()
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .forbiddenXML)
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml]: error: line 1: DOCTYPE declaration (forbidden in OOXML parts)")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(!error.description.contains("root:"))
    }

    @Test("an entity payload in the shared strings is refused when the workbook opens", arguments: Payload.allCases)
    func entityPayloadInSharedStrings(payload: Payload) throws {
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: [])
        fixture.sharedStringsXML = payload.prolog + #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t a="&#38;">"#
            + payload.reference + "</t></si></sst>"
        let error = try #require(throws: XLSXError.self) { try Workbook(path: try fixture.write()) }
        #expect(error.code == .forbiddenXML)
        #expect(error.description == "book.xlsx[xl/sharedStrings.xml]: error: line 1: DOCTYPE declaration (forbidden in OOXML parts)")
    }

    @Test func anEncodingOtherThanUTF8OrUTF16IsRefused() throws {
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        fixture.sheetXML = fixture.sheetXML.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .malformedXML)
        #expect(error.message == "line 1: encoding ISO-8859-1 is not allowed (OOXML parts are UTF-8 or UTF-16, OPC M1.17)")
    }

    @Test func aUTF16PartIsRead() throws {
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>héllo ünïcode 😀</t></is></c></row>"#)
        fixture.sheetXML = fixture.sheetXML.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let path = try fixture.write { entries in
            if let i = entries.firstIndex(where: { $0.name == "xl/worksheets/sheet1.xml" }) { entries[i].textEncoding = "utf-16" }
        }
        #expect(try Self.cells(path)["A1"]?.value == .string("héllo ünïcode 😀"))
    }

    @Test func deepNestingIsRefused() throws {
        let fixture = WorkbookFixture(rows: String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000))
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .resourceLimit)
        #expect(error.message.hasSuffix("elements nested deeper than 256"))
    }

    @Test func malformedXMLNamesThePartAndLine() throws {
        let fixture = WorkbookFixture(rows: "<row r=\"1\">\n<c r=\"A1\"><v>1</v></c>\n")
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .malformedXML)
        #expect(error.part == "xl/worksheets/sheet1.xml")
        #expect(error.message.contains("not well-formed XML"))
    }

    @Test func textLongerThanACellCanHoldIsRefused() throws {
        let long = String(repeating: "x", count: 40_000)
        let inline = WorkbookFixture(rows: #"<row r="1"><c r="B2" t="inlineStr"><is><t>"# + long + "</t></is></c></row>")
        let error = try Self.refusal(try inline.write())
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml] B2: error: cell text longer than 32767 characters")
        #expect(error.code == .resourceLimit)

        let shared = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: ["ok", long])
        let sstError = try #require(throws: XLSXError.self) { try Workbook(path: try shared.write()) }
        #expect(sstError.description == "book.xlsx[xl/sharedStrings.xml]: error: shared string 1 is longer than 32767 characters")

        let huge = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>"# + String(repeating: "y", count: 11 << 20) + "</t></is></c></row>")
        #expect(try Self.refusal(try huge.write()).code == .resourceLimit)
    }

    // MARK: Shared-string amplification and declared counts (C 39)

    @Test("one long shared string used 20,000 times is stored once")
    func sharedStringAmplificationStaysSmall() throws {
        let text = String(repeating: "abcdefgh", count: 4_000)   // 32,000 characters
        var rows = ""
        for r in 1...2_000 {
            rows += "<row r=\"\(r)\">" + (1...10).map { "<c r=\"\(CellReference.columnName($0))\(r)\" t=\"s\"><v>0</v></c>" }.joined() + "</row>"
        }
        let path = try WorkbookFixture(rows: rows, sharedStrings: [text]).write()
        let before = ProcessMemory.residentBytes()
        let grids = try Self.readAll(path)
        let after = ProcessMemory.residentBytes()
        #expect(grids[0].rows.count == 2_000)
        #expect(grids[0].rows.last?.cells.last?.value == .string(text))
        // 20,000 copies would be 640 MB; shared, the grid is a few MB (the bound leaves room for
        // tests running alongside in this process).
        #expect(after - before < 300 << 20, "resident memory grew by \((after - before) >> 20) MiB")
    }

    @Test func declaredCountsAndDimensionsAreNeverTrusted() throws {
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: ["only"])
        fixture.sharedStringsXML = fixture.sharedStringsXML?.replacingOccurrences(of: "<sst ", with: #"<sst count="4000000000" uniqueCount="4000000000" "#)
        fixture.sheetXML = fixture.sheetXML.replacingOccurrences(of: "<sheetData>", with: #"<dimension ref="A1:XFD1048576"/><sheetData>"#)
        let cells = try Self.cells(try fixture.write())
        #expect(cells["A1"]?.value == .string("only"))
    }

    // MARK: Cell content (D 40-42)

    @Test func anOutOfRangeSharedStringIndexNamesFilePartAndCell() throws {
        let fixture = WorkbookFixture(rows: #"<row r="7"><c r="B7" t="s"><v>99</v></c></row>"#, sharedStrings: ["a", "b", "c"])
        let error = try Self.refusal(try fixture.write(named: "OP_BR.xlsx"))
        #expect(error.code == .invalidContent)
        #expect(error.file == "OP_BR.xlsx")
        #expect(error.part == "xl/worksheets/sheet1.xml")
        #expect(error.cell == "B7")
        #expect(error.description == "OP_BR.xlsx[xl/worksheets/sheet1.xml] B7: error: shared string index 99 out of range (3 strings)")
    }

    @Test func aSharedStringCellWithoutASharedStringsPartIsOutOfRange() throws {
        let fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
        let error = try Self.refusal(try fixture.write())
        #expect(error.message == "shared string index 0 out of range (0 strings)")
    }

    @Test("absurd cell references are refused with the cell", arguments: [
        (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "cell reference 'XFE1' is not a cell of the grid (A1…XFD1048576)"),
        (#"<row r="1"><c r="A1048577"><v>1</v></c></row>"#, "cell reference 'A1048577' is not a cell of the grid (A1…XFD1048576)"),
        (#"<row r="1"><c r="A0"><v>1</v></c></row>"#, "cell reference 'A0' is not a cell of the grid (A1…XFD1048576)"),
        (#"<row r="1"><c r="ABCDEFGHIJKLMN1"><v>1</v></c></row>"#, "cell reference 'ABCDEFGHIJKLMN1' is not a cell of the grid (A1…XFD1048576)"),
        (#"<row r="1"><c r="A99999999999999999999999"><v>1</v></c></row>"#, "cell reference 'A99999999999999999999999' is not a cell of the grid (A1…XFD1048576)"),
        (#"<row r="99999999999999999999"><c><v>1</v></c></row>"#, "row number '99999999999999999999' is outside 1…1048576"),
        (#"<row r="0"><c><v>1</v></c></row>"#, "row number '0' is outside 1…1048576"),
        (#"<row r="-3"><c><v>1</v></c></row>"#, "row number '-3' is outside 1…1048576"),
        (#"<row r="2"/><row r="1"><c><v>1</v></c></row>"#, "row 1 comes after row 2 (rows out of order or repeated)"),
        (#"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#, "cell A1 is listed after column B (cells out of order or repeated)"),
        (#"<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#, "cell A1 is listed after column A (cells out of order or repeated)"),
    ])
    func absurdPositionsAreRefused(rows: String, message: String) throws {
        let error = try Self.refusal(try WorkbookFixture(rows: rows).write())
        #expect(error.code == .invalidContent)
        #expect(error.message == message)
    }

    @Test("values no cell can hold are refused, never trapped on", arguments: [
        (#"<c r="A1"><v>NaN</v></c>"#, "number 'NaN' is not valid"),
        (#"<c r="A1"><v>INF</v></c>"#, "number 'INF' is not valid"),
        (#"<c r="A1"><v>1e400</v></c>"#, "number '1e400' is not valid"),
        (#"<c r="A1"><v>0x1p3</v></c>"#, "number '0x1p3' is not valid"),
        (#"<c r="A1"><v>1,5</v></c>"#, "number '1,5' is not valid"),
        (#"<c r="A1" t="b"><v>2</v></c>"#, "boolean value '2' is not 0 or 1"),
        (#"<c r="A1" t="s"><v>-1</v></c>"#, "shared string index '-1' is not a number"),
        (#"<c r="A1" t="s"><v>99999999999999999999999</v></c>"#, "shared string index '99999999999999999999' is not a number"),
        (#"<c r="A1" t="q"><v>1</v></c>"#, "unknown cell type t=\"q\""),
    ])
    func impossibleValuesAreRefused(cell: String, message: String) throws {
        let error = try Self.refusal(try WorkbookFixture(rows: "<row r=\"1\">" + cell + "</row>", sharedStrings: ["a"]).write())
        #expect(error.code == .invalidContent)
        #expect(error.cell == "A1")
        #expect(error.message == message)
    }

    @Test func positionsWithoutRAreInferredAndEmptyValuesAreBlank() throws {
        let rows = #"<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="s"><v></v></c><c t="e"/><c><v/></c><c t="b"><v>true</v></c></row>"#
            + #"<row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row><row><c t="d"><v>2021-01-01T10:10:10.5</v></c></row>"#
        let cells = try Self.cells(try WorkbookFixture(rows: rows, sharedStrings: ["a"]).write())
        #expect(cells["A1"]?.value == .number(1, text: "1"))
        #expect(cells["B1"]?.value == .number(2, text: "2"))
        #expect(cells["A2"] == nil && cells["B2"] == nil && cells["C2"] == nil)
        #expect(cells["D2"]?.value == .bool(true))
        #expect(cells["C5"]?.value == .number(3, text: "3"))
        #expect(cells["D5"]?.value == .number(4, text: "4"))
        #expect(cells["A6"]?.value == .date(serial: 44197 + 36_610.5 / 86_400, iso: "2021-01-01T10:10:10.500"))
    }

    @Test func richTextPhoneticRunsEscapesAndWhitespace() throws {
        let sst = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<si><r><t>Bold</t></r><r><t xml:space="preserve"> and plain </t></r><rPh sb="0" eb="1"><t>ボールド</t></rPh></si>"#
            + #"<si><t>Tab_x0009_CR_x000D__x005F_x0041_ &amp; &#38; <![CDATA[<cdata>]]></t></si>"#
            + #"<si><t>_xD83D__xDE00_ _xD800_ _x00ZZ_</t></si></sst>"#
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#, sharedStrings: [])
        fixture.sharedStringsXML = sst
        let cells = try Self.cells(try fixture.write())
        #expect(cells["A1"]?.value == .string("Bold and plain "))
        #expect(cells["B1"]?.value == .string("Tab\tCR\r_x0041_ & & <cdata>"))
        #expect(cells["C1"]?.value == .string("😀 _xD800_ _x00ZZ_"))
    }

    @Test func prefixedAndStrictNamespacesReadAlike() throws {
        let strict = #"<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>AT&amp;T</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
        var fixture = WorkbookFixture(sheetXML: strict)
        fixture.workbookXML = fixture.workbookXML.replacingOccurrences(of: #"name="Sheet1""#, with: #"name="R&amp;D""#)
        let book = try Workbook(path: try fixture.write())
        #expect(book.sheets.map(\.name) == ["R&D"])
        let grid = try book.grid(for: book.sheets[0])
        #expect(grid.rows.first?.cells.first?.value == .string("AT&T"))
    }

    @Test("attribute values decode every character reference exactly once", arguments: [
        ("R&amp;D", "R&D"), ("R&#38;D", "R&D"), ("R&#x26;D", "R&D"), ("A&amp;#38;B", "A&#38;B"), ("&lt;&gt;&quot;&apos;", "<>\"'"),
        ("caf&#233;", "café"),
    ])
    func attributeReferences(written: String, read: String) throws {
        var fixture = WorkbookFixture(rows: "")
        fixture.workbookXML = fixture.workbookXML.replacingOccurrences(of: #"name="Sheet1""#, with: "name=\"\(written)\"")
        #expect(try Workbook(path: try fixture.write()).sheets.map(\.name) == [read])
    }

    // MARK: Package structure (D 44)

    @Test("relationships that leave the package or point outside it are refused", arguments: [
        "../../etc/passwd", "/xl/../../x.xml", "http://example.com/sheet.xml",
    ])
    func escapingRelationshipsAreRefused(target: String) throws {
        var fixture = WorkbookFixture(rows: "")
        let external = target.hasPrefix("http") ? #" TargetMode="External""# : ""
        fixture.workbookRelsXML = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=""#
            + target + #"""# + external + "/></Relationships>"
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .invalidContent)
        #expect(error.message == "sheet 'Sheet1' has no usable relationship rId1 (missing, external or outside the package)")
    }

    static let relsHead = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    static let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// Two relationships with one id: the second used to win silently (issue 14).
    @Test func aDuplicateRelationshipIdInTheWorkbookRelsIsRefused() throws {
        var fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        fixture.workbookRelsXML = Self.relsHead
            + #"<Relationship Id="rId1" Type="\#(Self.relType)worksheet" Target="worksheets/sheet1.xml"/>"#
            + #"<Relationship Id="rId1" Type="\#(Self.relType)worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#
        let path = try fixture.write { $0.append(ZipFixture.Entry("xl/worksheets/sheet2.xml", WorkbookFixture.sheet(""))) }
        let error = try Self.refusal(path)
        #expect(error.code == .invalidContent)
        #expect(error.description
            == "book.xlsx[xl/_rels/workbook.xml.rels]: error: two relationships have the id 'rId1' (an ambiguous package: which target is meant?)")
    }

    @Test func aDuplicateRelationshipIdInThePackageRelsIsRefused() throws {
        var fixture = WorkbookFixture(rows: "")
        fixture.rootRelsXML = Self.relsHead
            + #"<Relationship Id="rId1" Type="\#(Self.relType)officeDocument" Target="xl/workbook.xml"/>"#
            + #"<Relationship Id="rId1" Type="\#(Self.relType)officeDocument" Target="xl/other.xml"/></Relationships>"#
        let error = try Self.refusal(try fixture.write())
        #expect(error.code == .invalidContent)
        #expect(error.part == "_rels/.rels")
        #expect(error.message.hasPrefix("two relationships have the id 'rId1'"))
    }

    @Test func aDuplicateRelationshipIdInASheetsRelsIsRefusedWhenItsTablesAreRead() throws {
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.append(ZipFixture.Entry("xl/worksheets/_rels/sheet1.xml.rels", Self.relsHead
                + #"<Relationship Id="rId1" Type="\#(Self.relType)table" Target="../tables/table1.xml"/>"#
                + #"<Relationship Id="rId1" Type="\#(Self.relType)table" Target="../tables/table2.xml"/></Relationships>"#))
        }
        let book = try Workbook(path: path)
        let error = try #require(throws: XLSXError.self) { try book.tables() }
        #expect(error.part == "xl/worksheets/_rels/sheet1.xml.rels")
        #expect(error.message.hasPrefix("two relationships have the id 'rId1'"))
    }

    @Test func aMissingWorkbookPartIsNamed() throws {
        let path = try WorkbookFixture(rows: "").write { $0.removeAll { $0.name == "xl/workbook.xml" } }
        let error = try Self.refusal(path)
        #expect(error.code == .invalidContent)
        #expect(error.description == "book.xlsx[xl/workbook.xml]: error: the workbook part is missing")
    }

    @Test func aMissingSheetPartIsNamed() throws {
        let path = try WorkbookFixture(rows: "").write { $0.removeAll { $0.name == "xl/worksheets/sheet1.xml" } }
        let error = try Self.refusal(path)
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml]: error: the part of sheet 'Sheet1' is missing")
    }

    @Test func duplicateSheetNamesAreRefused() throws {
        var fixture = WorkbookFixture(rows: "")
        fixture.workbookXML = fixture.workbookXML.replacingOccurrences(
            of: "</sheets>", with: #"<sheet name="SHEET1" sheetId="2" r:id="rId1"/></sheets>"#)
        let error = try Self.refusal(try fixture.write())
        #expect(error.message == "two sheets are named 'SHEET1'")
    }

    @Test func backslashEntryNamesAndLowerCasePartNamesAreRead() throws {
        let path = try WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>42</v></c></row>"#).write { entries in
            for i in entries.indices {
                entries[i].name = entries[i].name.replacingOccurrences(of: "/", with: "\\").lowercased()
            }
        }
        #expect(try Self.cells(path)["A1"]?.value == .number(42, text: "42"))
    }

    @Test func aMacroEnabledWorkbookIsReadWithoutItsMacros() throws {
        let path = try WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).write(named: "book.xlsm") { entries in
            entries.append(ZipFixture.Entry("xl/vbaProject.bin", String(repeating: "\u{1}", count: 100), method: 0))
        }
        #expect(try Self.cells(path)["A1"]?.value == .number(1, text: "1"))
    }

    // MARK: The zip container (B 14-29), seen through the workbook

    @Test("a workbook written with ZIP64 records reads exactly like the plain one (B 29)",
          arguments: [ZipFixture.Zip64.localHeaders, .everywhere])
    func zip64WorkbooksAreRead(zip64: ZipFixture.Zip64) throws {
        let fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1240000</v></c></row>"#, sharedStrings: ["R.1-2"])
        let plain = try Self.cells(try fixture.write())
        let wide = try Self.cells(try ZipFixture(fixture.entries, zip64: zip64).write(named: "book.xlsx"))
        #expect(wide == plain)
        #expect(wide["B1"]?.value == .number(1_240_000, text: "1240000"))
    }

    /// A worksheet of `rows` identical rows: real, parseable XML that deflates about 400:1.
    static func repetitiveSheet(rows: Int) -> ZipFixture.Entry {
        ZipFixture.Entry("xl/worksheets/sheet1.xml", runs: [
            ZipFixture.Run(#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#),
            ZipFixture.Run("<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>", times: rows),
            ZipFixture.Run("</sheetData></worksheet>"),
        ])
    }

    @Test func aZipBombStopsAtThePartCap() throws {
        var limits = ReaderLimits()
        limits.maxWorksheetBytes = 8 << 20
        limits.maxCompressionRatio = 1_000_000   // only the size cap is under test
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
            entries.append(Self.repetitiveSheet(rows: 1_000_000))   // 56 MB of XML
        }
        let start = Date()
        let error = try Self.refusal(path, limits: limits)
        #expect(error.code == .resourceLimit)
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml]: error: part inflates past 8388608 bytes (zip bomb?)")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func aRatioBombStopsLongBeforeItsEnd() throws {
        // 20,000 rows padded with 10,000 spaces each: 200 MB of well-formed XML in about 200 KB.
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
            entries.append(ZipFixture.Entry("xl/worksheets/sheet1.xml", runs: [
                ZipFixture.Run(#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#),
                ZipFixture.Run("<row><c><v>1</v></c></row>" + String(repeating: " ", count: 10_000), times: 20_000),
                ZipFixture.Run("</sheetData></worksheet>"),
            ]))
        }
        let before = ProcessMemory.residentBytes()
        let error = try #require(throws: XLSXError.self) { try Self.drain(path) }
        #expect(error.code == .resourceLimit)
        #expect(error.description == "book.xlsx[xl/worksheets/sheet1.xml]: error: compression ratio above 250:1 (zip bomb?)")
        #expect(ProcessMemory.residentBytes() - before < 256 << 20)
    }

    @Test func theWholeWorkbookHasAByteBudget() throws {
        var limits = ReaderLimits()
        limits.maxTotalBytes = 4 << 20
        limits.maxCompressionRatio = 1_000_000
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
            entries.append(Self.repetitiveSheet(rows: 100_000))   // 5.6 MB
        }
        let error = try Self.refusal(path, limits: limits)
        #expect(error.message == "the archive inflates past 4194304 bytes (zip bomb?)")
    }

    @Test func aTruncatedWorkbookAsksForARepeatedUpload() throws {
        let entries = WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).entries
        let whole = try ZipFixture(entries).write(named: "whole.xlsx")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.size] as? Int)
        let error = try Self.refusal(try ZipFixture(entries, truncateTo: size / 2).write(named: "half.xlsx"))
        #expect(error.code == .incompleteFile)
        #expect(error.description == "half.xlsx: error: the zip archive is truncated (its central directory is missing); upload the file again")
    }

    @Test func duplicateEntryNamesAreRefused() throws {
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.append(ZipFixture.Entry("xl/worksheets/sheet1.xml", WorkbookFixture.sheet(#"<row r="1"><c r="A1"><v>666</v></c></row>"#)))
        }
        let error = try Self.refusal(path)
        #expect(error.code == .suspiciousArchive)
        #expect(error.description == "book.xlsx: error: two entries have the same name (duplicate part)")
    }

    @Test func entryNamesEqualIgnoringCaseAreRefused() throws {
        let path = try WorkbookFixture(rows: "").write { entries in
            entries.append(ZipFixture.Entry("XL/Workbook.xml", "<workbook/>"))
        }
        let error = try Self.refusal(path)
        #expect(error.code == .suspiciousArchive)
        #expect(error.description == "book.xlsx[XL/Workbook.xml]: error: duplicate entry name (ignoring case)")
    }

    @Test("a CRC mismatch fails the part, stored or deflated", arguments: [0, 8])
    func crcMismatch(method: Int) throws {
        let path = try WorkbookFixture(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).write { entries in
            let i = entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
            entries[i].method = method
            entries[i].crc = 0x1234_5678
        }
        let error = try Self.refusal(path)
        #expect(error.code == .corruptArchive)
        #expect(error.part == "xl/worksheets/sheet1.xml")
        #expect(error.message == "cannot inflate: CRC error")
    }

    @Test("a declared size that is not the real one is corruption", arguments: [UInt64(100), 50_000_000])
    func sizeLie(declared: UInt64) throws {
        let path = try WorkbookFixture(rows: "").write { entries in
            let i = entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
            entries[i] = Self.repetitiveSheet(rows: 9_000)   // about 500 KB, inside the ratio's grace
            entries[i].declaredSize = declared
        }
        let error = try Self.refusal(path)
        #expect(error.code == .corruptArchive)
        #expect(error.message.hasPrefix("size mismatch: declared \(declared) bytes"))
    }

    // MARK: Other formats under an .xlsx name (A 1-9)

    @Test("files that are not workbooks get their own message", arguments: [
        ("empty", Data(), XLSXError.Code.incompleteFile, "the file is empty (an interrupted upload?); upload it again"),
        ("zeros", Data(count: 4096), .incompleteFile, "the file holds only zero bytes (an interrupted upload?); upload it again"),
        ("csv", Data("\u{FEFF}code;amount\nBR-1;470000\n".utf8), .notAWorkbook, "a text file (CSV or similar) renamed .xlsx, not a workbook"),
        ("tsv16", Data([0xFF, 0xFE, 0x61, 0x00, 0x09, 0x00, 0x62, 0x00]), .notAWorkbook, "a UTF-16 text file (CSV or tab-separated) renamed .xlsx, not a workbook"),
        ("html", Data("<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>".utf8), .notAWorkbook, "an HTML page renamed .xlsx, not a workbook"),
        ("pdf", Data("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8), .notAWorkbook, "a PDF document, not a workbook"),
        ("xml2003", Data(#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">"#.utf8), .unsupportedFormat, "an XML Spreadsheet 2003 file; save it as .xlsx"),
        ("xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)), .unsupportedFormat, "a legacy Excel 97-2003 workbook (.xls); save it as .xlsx"),
        ("encrypted", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504) + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })), .encrypted, "the workbook is password-protected; save it without a password"),
        ("binary", Data([0x00, 0x01, 0x02, 0x03, 0xFF, 0x00]), .notAWorkbook, "not a zip-based workbook (unknown binary format)"),
    ])
    func notAWorkbook(label: String, bytes: Data, code: XLSXError.Code, message: String) throws {
        let folder = Fixtures.temporaryDirectory("rbm-sniff")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("\(label).xlsx").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = try Self.refusal(path)
        #expect(error.code == code)
        #expect(error.description == "\(label).xlsx: error: \(message)")
    }

    @Test("other zip-based documents are told apart", arguments: [
        ("word", [ZipFixture.Entry("[Content_Types].xml", "<Types/>"), ZipFixture.Entry("word/document.xml", "<w/>")], XLSXError.Code.notAWorkbook, "a Word document (.docx), not a workbook"),
        ("ods", [ZipFixture.Entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet", method: 0), ZipFixture.Entry("content.xml", "<x/>")], .unsupportedFormat, "an OpenDocument spreadsheet (.ods); save it as .xlsx"),
        ("plain", [ZipFixture.Entry("notes.txt", "hello")], .notAWorkbook, "a zip archive without [Content_Types].xml, not an Office document"),
        ("xlsb", [ZipFixture.Entry("[Content_Types].xml", "<Types/>"), ZipFixture.Entry("_rels/.rels", #"<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#), ZipFixture.Entry("xl/workbook.bin", "\u{1}")], .unsupportedFormat, "a binary workbook (.xlsb); save it as .xlsx"),
    ])
    func otherZipDocuments(label: String, entries: [ZipFixture.Entry], code: XLSXError.Code, message: String) throws {
        let error = try Self.refusal(try ZipFixture(entries).write(named: "\(label).xlsx"))
        #expect(error.code == code)
        #expect(error.description == "\(label).xlsx: error: \(message)")
    }
}
