import Foundation
import TestSupport
import Testing

@testable import XLSXWriter

/// Reads written workbooks back with openpyxl, an independent reader.
///
/// Needs `.venv/bin/python` with openpyxl at the package root; skipped without it.
@Suite(.enabled(if: WriterOpenpyxl.isAvailable, "openpyxl round trip skipped: no .venv/bin/python with openpyxl"))
struct WriterRoundTripTests {
    @Test func valuesFormatsMergesPanesAndFiltersReadBackThroughOpenpyxl() throws {
        let path = WriterTestSupport.temporaryPath("round-trip.xlsx")
        let workbook = try WorkbookWriter(
            path: path, options: WorkbookOptions(properties: DocumentProperties(title: "Round trip", creator: "rbm")))
        let header = CellStyle(bold: true, fillColor: "DDEBF7", horizontalAlignment: .center, border: .thin)
        let amount = CellStyle(numberFormat: "#,##0.00")
        let budget = try workbook.addSheet(
            "Q1 plan", options: SheetOptions(columnWidths: [12], freezeRows: 1, freezeColumns: 1, autoFilter: true, tabColor: "00B050"))
        try budget.writeRow(["Output", "Title", "Amount", "Share", "Due", "Funded"].map { Cell(.string($0), style: header) })
        try budget.writeRow([
            "R.1-3", "Genève – 日本 & <co>", Cell(.decimal("-45000.50"), style: amount),
            Cell(0.125, style: CellStyle(numberFormat: "0.00%")), Cell(.date(year: 2026, month: 3, day: 31)), true,
        ])
        try budget.writeRow([
            "2.1.A", " padded ", Cell(1_234_567, style: CellStyle(numberFormat: "#,##0")),
            Cell(.number(1.0 / 3.0), style: CellStyle(numberFormat: "0.0")), Cell(.date(year: 1900, month: 1, day: 1)), false,
        ])
        try budget.writeRow(
            ["Total", "_x0041_ literal", Cell(.formula("=SUM(C2:C3)", cached: .number(1_189_567)), style: amount)],
            height: 24)
        try budget.mergeCells("A6:C6")
        let codes = try workbook.addSheet("Codes", options: SheetOptions(hidden: true))
        try codes.writeRow(["line one\nline two", 42, 1e-7])
        try workbook.close()

        let expected = """
            sheets: Q1 plan=visible Codes=hidden active=0
            title=Round trip creator=rbm
            [Q1 plan] freeze=B2 filter=A1:F4 merged=A6:C6 tab=FF00B050 width.A=12.7109375 row4.height=24.0
            A1 'Output' General bold fill=FFDDEBF7 center thin
            B1 'Title' General bold fill=FFDDEBF7 center thin
            C1 'Amount' General bold fill=FFDDEBF7 center thin
            D1 'Share' General bold fill=FFDDEBF7 center thin
            E1 'Due' General bold fill=FFDDEBF7 center thin
            F1 'Funded' General bold fill=FFDDEBF7 center thin
            A2 'R.1-3' General
            B2 'Genève – 日本 & <co>' General
            C2 -45000.5 #,##0.00
            D2 0.125 0.00%
            E2 datetime.datetime(2026, 3, 31, 0, 0) yyyy-mm-dd
            F2 True General
            A3 '2.1.A' General
            B3 ' padded ' General
            C3 1234567 #,##0
            D3 0.3333333333333333 0.0
            E3 datetime.datetime(1900, 1, 1, 0, 0) yyyy-mm-dd
            F3 False General
            A4 'Total' General
            B4 '_x0041_ literal' General
            C4 '=SUM(C2:C3)' #,##0.00 cached=1189567
            [Codes] freeze=None filter=None merged= tab=None width.A=10.7109375 row4.height=None
            A1 'line one\\nline two' General
            B1 42 General
            C1 1e-07 General
            defined: _xlnm._FilterDatabase local=0 hidden=1 'Q1 plan'!$A$1:$F$4
            zip: 11 entries, all dated (1980, 1, 1, 0, 0, 0)

            """
        let described = try WriterOpenpyxl.describe(path)
        #expect(described == expected)
    }
}

extension WriterRoundTripTests {
    @Test func hyperlinksNotesValidationsNamesTablesFormatsAndPrintSetupReadBackThroughOpenpyxl() throws {
        let path = WriterTestSupport.temporaryPath("features.xlsx")
        try WriterSampleWorkbooks.writeFeatures(path)
        let expected = """
            [Data] title_rows=$1:$1 orientation=landscape fit=True fitToHeight=0
            D2 'ITU' link=https://www.itu.int/en/Pages/default.aspx location=None tooltip=Home underline=single color=FF0563C1
            D3 'Codes' link=None location=Codes!A1 tooltip=None underline=single color=FF0563C1
            note B2 'Ten francs\\nfrom the 2026 plan' by Reviewer
            note C3 'Closed in March' by rbm
            validation C2:C10 list "Open,Closed" blank=True
            validation A2:A10 list Codes!$A$2:$A$3 blank=True
            format B2:B3 cellIs lessThan ['0'] dxf.font=FF9C0006 dxf.fill=FFFFC7CE priority=1
            format B2:B3 colorScale None [] scale=FFF8696B,FFFFEB84,FF63BE7B priority=2
            [Codes] title_rows=None orientation=None fit=False fitToHeight=None
            table CodeList A1:B3 TableStyleMedium2 Name,Value filter=A1:B3
            name Threshold Codes!$B$2
            name Codes!Local Codes!$A$1

            """
        #expect(try WriterOpenpyxl.describeFeatures(path) == expected)
    }
}

/// Runs the project's Python with openpyxl.
enum WriterOpenpyxl {
    static let isAvailable: Bool = {
        guard Fixtures.python != nil else { return false }
        return (try? run(["-c", "import openpyxl"])) != nil
    }()

    /// A text description of a workbook as openpyxl reads it, one fact a line.
    static func describe(_ path: String) throws -> String {
        try run(["-c", script, path])
    }

    /// The sheet features of a workbook as openpyxl reads them, one fact a line.
    static func describeFeatures(_ path: String) throws -> String {
        try run(["-c", featuresScript, path])
    }

    private static let featuresScript = #"""
        import sys
        import openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        for ws in wb.worksheets:
            fit = ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr is not None else False
            print(f"[{ws.title}] title_rows={ws.print_title_rows} orientation={ws.page_setup.orientation} fit={bool(fit)} fitToHeight={ws.page_setup.fitToHeight}")
            for row in ws.iter_rows():
                for c in row:
                    if c.hyperlink is not None:
                        h = c.hyperlink
                        print(f"{c.coordinate} {c.value!r} link={h.target} location={h.location} tooltip={h.tooltip} underline={c.font.u} color={c.font.color.rgb}")
            for row in ws.iter_rows():
                for c in row:
                    if c.comment is not None:
                        print(f"note {c.coordinate} {c.comment.text!r} by {c.comment.author}")
            for dv in ws.data_validations.dataValidation:
                print(f"validation {dv.sqref} {dv.type} {dv.formula1} blank={dv.allow_blank}")
            for cf in ws.conditional_formatting:
                for r in cf.rules:
                    line = f"format {cf.sqref} {r.type} {r.operator} {r.formula}"
                    if r.dxf is not None:
                        line += f" dxf.font={r.dxf.font.color.rgb} dxf.fill={r.dxf.fill.bgColor.rgb}"
                    if r.colorScale is not None:
                        line += " scale=" + ",".join(c.rgb for c in r.colorScale.color)
                    print(line + f" priority={r.priority}")
            for t in ws.tables.values():
                print(f"table {t.name} {t.ref} {t.tableStyleInfo.name} {','.join(c.name for c in t.tableColumns)} filter={t.autoFilter.ref}")
        for name, d in wb.defined_names.items():
            print(f"name {name} {d.attr_text}")
        for ws in wb.worksheets:
            for name, d in ws.defined_names.items():
                print(f"name {ws.title}!{name} {d.attr_text}")
        """#

    private static func run(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run(Fixtures.python ?? ".venv/bin/python", arguments)
        guard result.status == 0 else { throw WriterOpenpyxlFailure(status: result.status, stderr: result.errors) }
        return result.text
    }

    private static let script = #"""
        import sys, zipfile, xml.etree.ElementTree as ET
        import openpyxl
        path = sys.argv[1]
        wb = openpyxl.load_workbook(path)
        cached = openpyxl.load_workbook(path, data_only=True)
        print("sheets:", " ".join(f"{ws.title}={ws.sheet_state}" for ws in wb.worksheets), f"active={wb.index(wb.active)}")
        print(f"title={wb.properties.title} creator={wb.properties.creator}")
        for ws in wb.worksheets:
            merged = ",".join(sorted(str(r) for r in ws.merged_cells.ranges))
            tab = ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor is not None else None
            width = ws.column_dimensions["A"].width if "A" in ws.column_dimensions else None
            height = ws.row_dimensions[4].height if 4 in ws.row_dimensions else None
            print(f"[{ws.title}] freeze={ws.freeze_panes} filter={ws.auto_filter.ref} merged={merged} tab={tab} width.A={width} row4.height={height}")
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None:
                        continue
                    line = f"{c.coordinate} {c.value!r} {c.number_format}"
                    if c.font.b: line += " bold"
                    if c.fill.fill_type == "solid": line += f" fill={c.fill.fgColor.rgb}"
                    if c.alignment.horizontal: line += f" {c.alignment.horizontal}"
                    if c.border.left.style: line += f" {c.border.left.style}"
                    if c.data_type == "f": line += f" cached={cached[ws.title][c.coordinate].value!r}"
                    print(line)
        with zipfile.ZipFile(path) as z:
            ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
            root = ET.fromstring(z.read("xl/workbook.xml"))
            for d in root.iterfind("m:definedNames/m:definedName", ns):
                print(f"defined: {d.get('name')} local={d.get('localSheetId')} hidden={d.get('hidden')} {d.text}")
            dates = {i.date_time for i in z.infolist()}
            print(f"zip: {len(z.infolist())} entries, all dated {', '.join(map(str, sorted(dates)))}")
        """#
}

struct WriterOpenpyxlFailure: Error, CustomStringConvertible {
    var status: Int32
    var stderr: String
    var description: String { "python exited with status \(status): \(stderr)" }
}
