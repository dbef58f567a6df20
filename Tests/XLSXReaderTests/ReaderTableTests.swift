import Foundation
import Testing
import TestSupport
import XLSXCore
@testable import XLSXReader

/// Table definitions (ListObjects): read through each worksheet's relationships, compared with
/// openpyxl on the corpus, and refused clearly when damaged. A table written by rbm's own writer
/// is read back in `WriterWorkbookWriterTests` (the reader's tests do not see the writer).
struct ReaderTableTests {
    // MARK: Corpus, against openpyxl

    /// One table as `Resources/corpus-tables.json` records it (written by
    /// `extract_corpus_tables.py` from what openpyxl reads).
    struct Expected: Decodable, Equatable, CustomStringConvertible {
        var sheet: String
        var name: String
        var ref: String
        var headerRowCount: Int
        var totalsRowCount: Int
        var columns: [String]
        var description: String { "\(sheet)!\(name) \(ref) h=\(headerRowCount) t=\(totalsRowCount) \(columns)" }
    }

    static let expected: [String: [Expected]] = {
        let path = Fixtures.path("Tests/XLSXReaderTests/Resources/corpus-tables.json")
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: [Expected]].self, from: data)) ?? [:]
    }()

    @Test func theOpenpyxlReferenceIsPresent() {
        // 41 tables in 19 workbooks when extracted with openpyxl 3.1.
        #expect(Self.expected.count == 19)
        #expect(Self.expected.values.reduce(0) { $0 + $1.count } == 41)
    }

    @Test("tables read as openpyxl reads them", .enabled(if: Corpus.location != nil, "../shared/xlsx-corpus is absent"),
          arguments: Self.expected.keys.sorted())
    func corpusTables(_ file: String) throws {
        let corpus = try #require(Corpus.location)
        let book = try Workbook(path: corpus.appendingPathComponent("files/\(file)").path)
        let read = try book.tables().map {
            Expected(sheet: $0.sheet, name: $0.name, ref: $0.range.description, headerRowCount: $0.headerRowCount,
                     totalsRowCount: $0.totalsRowCount, columns: $0.columns)
        }
        // openpyxl keeps a sheet's tables in its relationship order and does not decode `_xHHHH_`;
        // rbm sorts them by position and decodes.
        let reference = try #require(Self.expected[file]).map {
            Expected(sheet: $0.sheet, name: $0.name, ref: CellRange($0.ref)?.description ?? $0.ref, headerRowCount: $0.headerRowCount,
                     totalsRowCount: $0.totalsRowCount, columns: $0.columns.map(OOXMLText.unescape))
        }
        #expect(read.sorted { $0.description < $1.description } == reference.sorted { $0.description < $1.description })
    }

    @Test("every open corpus workbook lists its tables or names the damaged part",
          .enabled(if: Corpus.location != nil, "../shared/xlsx-corpus is absent"))
    func everyWorkbookListsItsTables() throws {
        let corpus = try #require(Corpus.location)
        var withTables = 0
        for file in Corpus.files where file.expectation == .open {
            guard let book = try? Workbook(path: corpus.appendingPathComponent("files/\(file.name)").path) else { continue }
            do {
                let tables = try book.tables()
                if !tables.isEmpty { withTables += 1 }
                for table in tables {
                    #expect(book.sheet(named: table.sheet)?.kind == .worksheet, "\(file.name): \(table.name)")
                    #expect(table.columns.count == table.range.last.column - table.range.first.column + 1,
                            "\(file.name): \(table.name) has \(table.columns.count) columns over \(table.range)")
                }
            } catch let error as XLSXError {
                #expect(error.part != nil, "\(file.name): \(error)")
            }
        }
        // openpyxl could not open some of these workbooks, so rbm finds tables in more of them.
        #expect(withTables >= Self.expected.count)
    }

    // MARK: Hand-made packages

    /// A one-sheet workbook whose sheet has `tables` (`(part target, table XML)`) related to it.
    static func workbook(tables: [(String, String?)]) throws -> String {
        let fixture = WorkbookFixture(rows: #"<row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c></row>"#)
        return try fixture.write { entries in
            var rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            for (index, (target, xml)) in tables.enumerated() {
                rels += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="\#(target)"/>"#
                if let xml {
                    let name = PartName.resolve(target, from: "xl/worksheets/sheet1.xml") ?? target
                    entries.append(ZipFixture.Entry(name, xml))
                }
            }
            entries.append(ZipFixture.Entry("xl/worksheets/_rels/sheet1.xml.rels", rels + "</Relationships>"))
        }
    }

    static func table(_ attributes: String, columns: [String] = ["Code", "Amount"]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" \#(attributes)><tableColumns count="\#(columns.count)">"#
            + columns.enumerated().map { #"<tableColumn id="\#($0.offset + 1)" name="\#($0.element)"/>"# }.joined()
            + "</tableColumns></table>"
    }

    @Test func headerlessAndTotalsTablesGiveTheirDataRows() throws {
        let path = try Self.workbook(tables: [
            ("../tables/table2.xml", Self.table(#"name="T2" displayName="Totals" ref="D1:E10" totalsRowCount="1""#)),
            ("/xl/tables/table1.xml", Self.table(#"name="NoHeader" ref="A3:B5" headerRowCount="0""#)),
        ])
        let tables = try Workbook(path: path).tables()
        #expect(tables.map(\.name) == ["Totals", "NoHeader"])
        #expect(tables[0].headerRow == 1)
        #expect(tables[0].dataRange == CellRange("D2:E9"))
        #expect(tables[1].headerRow == nil)
        #expect(tables[1].dataRange == CellRange("A3:B5"))
        #expect(tables[1].part == "xl/tables/table1.xml")
    }

    @Test func escapedColumnNamesAreDecoded() throws {
        let path = try Self.workbook(tables: [
            ("../tables/table1.xml", Self.table(#"name="T" ref="A1:B2""#, columns: ["Amount_x000a_(CHF)", "Line_x005F_x000a_"])),
        ])
        #expect(try Workbook(path: path).tables().first?.columns == ["Amount\n(CHF)", "Line_x000a_"])
    }

    @Test("a damaged table definition names its part", arguments: [
        (#"name="T" ref="nowhere""#, "table 'T' has no valid range (ref=\"nowhere\")"),
        (#"name="T""#, "table 'T' has no valid range (ref=\"\")"),
        (#"ref="A1:B2""#, "the table over A1:B2 has no name"),
        (#"name="T" ref="A1:B2" headerRowCount="-1""#, "headerRowCount=\"-1\" is not a row count"),
        (#"name="T" ref="A1:B2" totalsRowCount="99999999999""#, "totalsRowCount=\"99999999999\" is not a row count"),
        (#"name="T" ref="A1:B2" headerRowCount="1" totalsRowCount="2""#, "table 'T' declares 1 header and 2 totals rows in 2 rows (A1:B2)"),
    ])
    func damagedTables(attributes: String, message: String) throws {
        let path = try Self.workbook(tables: [("../tables/table1.xml", Self.table(attributes))])
        let book = try Workbook(path: path)
        let error = try #require(throws: XLSXError.self) { try book.tables() }
        #expect(error.code == .invalidContent)
        #expect(error.part == "xl/tables/table1.xml")
        #expect(error.message == message)
    }

    @Test func aMissingTablePartIsNamed() throws {
        let book = try Workbook(path: try Self.workbook(tables: [("../tables/table9.xml", nil)]))
        let error = try #require(throws: XLSXError.self) { try book.tables() }
        #expect(error.part == "xl/tables/table9.xml")
        #expect(error.message == "missing part")
        // The sheet's cells stay readable: tables are read on request only.
        #expect(try book.grid(for: book.sheets[0]).rows.count == 1)
    }

    @Test func aPartThatIsNotATableIsRefused() throws {
        let path = try Self.workbook(tables: [("../tables/table1.xml", #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#)])
        let error = try #require(throws: XLSXError.self) { try Workbook(path: path).tables() }
        #expect(error.message == "the part holds no <table>")
    }

    @Test func anEntityPayloadInATablePartIsRefused() throws {
        let payload = ReaderSafetyTests.billionLaughs + Self.table(#"name="T" ref="A1:B2""#).replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
        let path = try Self.workbook(tables: [("../tables/table1.xml", payload)])
        let error = try #require(throws: XLSXError.self) { try Workbook(path: path).tables() }
        #expect(error.code == .forbiddenXML)
        #expect(error.part == "xl/tables/table1.xml")
    }

    @Test func relationshipIdsSortByNumber() {
        var rels = Relationships()
        for id in ["rId10", "rId2", "rId1", "x"] {
            rels.byID[id] = .init(id: id, type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table", target: id, external: false)
        }
        #expect(rels.all(ofType: "table").map(\.id) == ["rId1", "rId2", "rId10", "x"])
    }
}
