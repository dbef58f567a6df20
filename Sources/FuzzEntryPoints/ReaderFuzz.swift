import Foundation
import XLSXCore
import XLSXReader
import ZipIO

/// Scaled-down caps so that bombs are cheap under the fuzzer (reliability.md 5.2).
let fuzzLimits: ReaderLimits = {
    var limits = ReaderLimits()
    limits.maxFileBytes = 4 << 20
    limits.maxEntries = 200
    limits.maxWorksheetBytes = 8 << 20
    limits.maxSharedStringsBytes = 4 << 20
    limits.maxPartBytes = 4 << 20
    limits.maxTotalBytes = 16 << 20
    return limits
}()

/// Reads everything a run reads from a workbook: every sheet's rows, merged ranges and tables.
/// Errors the reader throws are answers; the properties are on what it accepts.
func readWhole(path: String, limits: ReaderLimits = fuzzLimits) throws {
    let book: Workbook
    do { book = try Workbook(path: path, limits: limits) } catch { return }
    for info in book.sheets {
        do {
            let cursor = try book.cursor(for: info)
            var last = 0
            var rows = 0
            while let row = try cursor.nextRow() {
                try check(row.number > last, "\(info.name): row \(row.number) after row \(last)")
                try check(row.number <= 1_048_576, "\(info.name): row \(row.number) outside the grid")
                last = row.number
                var lastColumn = 0
                for cell in row.cells {
                    try check(cell.reference.row == row.number, "\(info.name): cell \(cell.reference) in row \(row.number)")
                    try check(cell.reference.column > lastColumn && cell.reference.column <= 16_384,
                              "\(info.name): cell \(cell.reference) after column \(lastColumn)")
                    lastColumn = cell.reference.column
                    if case .number(let d, _) = cell.value { try check(d.isFinite, "\(info.name)!\(cell.reference) = \(d)") }
                    _ = cell.text
                    _ = book.numberFormat(style: cell.styleIndex)
                }
                rows += 1
                if rows > 100_000 { break }
            }
            _ = cursor.mergedRanges
            _ = cursor.declaredDimension
        } catch let violation as FuzzPropertyViolation {
            throw violation
        } catch {}
        _ = try? book.tables(in: info)
    }
    _ = try? book.tables()
}

/// The whole reader from the bytes of a file (written to a scratch file: the reader opens paths).
enum ReaderFuzz {
    static func run(_ bytes: [UInt8]) throws {
        let path = Scratch.path
        defer { Scratch.remove(path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        try readWhole(path: path)
    }
}

/// One XML part from raw bytes, inside an otherwise valid package that reaches its handler.
enum PartFuzz {
    enum Part: CaseIterable {
        case workbook, sharedStrings, styles, worksheet, table, relationships
        var name: String {
            switch self {
            case .workbook: "xl/workbook.xml"
            case .sharedStrings: "xl/sharedStrings.xml"
            case .styles: "xl/styles.xml"
            case .worksheet: "xl/worksheets/sheet1.xml"
            case .table: "xl/tables/table1.xml"
            case .relationships: "xl/_rels/workbook.xml.rels"
            }
        }
    }

    static func run(_ part: Part, _ bytes: [UInt8]) throws {
        var parts = skeleton
        parts[part.name] = bytes
        let path = Scratch.path
        defer { Scratch.remove(path) }
        do {
            let writer = try ZipArchiveWriter(path: path, compressionLevel: 0)
            for name in skeletonOrder { try writer.addEntry(name: name, data: parts[name]!) }
            try writer.close()
        } catch { return }
        try readWhole(path: path)
    }

    static let skeletonOrder = [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/tables/table1.xml",
    ]

    /// A one-sheet workbook with shared strings, a date style and a table: every handler runs.
    static let skeleton: [String: [UInt8]] = {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        let text: [String: String] = [
            "[Content_Types].xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>
            """,
            "_rels/.rels": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkg)"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """,
            "xl/workbook.xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(main)" xmlns:r="\(rel)"><workbookPr/><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="Total">Plan!$B$2</definedName></definedNames></workbook>
            """,
            "xl/_rels/workbook.xml.rels": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkg)"><Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rel)/styles" Target="styles.xml"/><Relationship Id="rId3" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """,
            "xl/styles.xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(main)"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>
            """,
            "xl/sharedStrings.xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(main)" count="3" uniqueCount="3"><si><t>Output</t></si><si><t>Amount</t></si><si><r><t>D.1</t></r><r><t>-1</t></r><rPh><t>x</t></rPh></si></sst>
            """,
            "xl/worksheets/sheet1.xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(main)" xmlns:r="\(rel)"><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="2"><v>1250000.5</v></c><c r="C2" s="1"><v>44927</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Total</t></is></c><c r="B3"><f>SUM(B2:B2)</f><v>1250000.5</v></c><c r="C3" t="b"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="D1:E1"/></mergeCells><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>
            """,
            "xl/worksheets/_rels/sheet1.xml.rels": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkg)"><Relationship Id="rId1" Type="\(rel)/table" Target="../tables/table1.xml"/></Relationships>
            """,
            "xl/tables/table1.xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <table xmlns="\(main)" id="1" name="Plan1" displayName="Plan1" ref="A1:B3" totalsRowCount="1"><autoFilter ref="A1:B2"/><tableColumns count="2"><tableColumn id="1" name="Output"/><tableColumn id="2" name="Amount"/></tableColumns></table>
            """,
        ]
        return text.mapValues { Array($0.utf8) }
    }()
}
