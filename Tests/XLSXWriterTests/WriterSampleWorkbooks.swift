import Foundation
import Testing

@testable import XLSXWriter

/// One workbook of each kind the writer makes, for the openpyxl round trips and the LibreOffice
/// interop check. Each kind records the values its first sheet's CSV export must hold.
enum WriterSampleWorkbooks {
    struct Kind: Sendable, CustomTestStringConvertible {
        var name: String
        /// Lines the first sheet's CSV export (LibreOffice, comma-separated) must contain.
        var expectedCSVLines: [String]
        var write: @Sendable (_ path: String) throws -> Void
        var testDescription: String { name }
    }

    static let all: [Kind] = [plainShared, plainInline, features, streamed]

    /// Values, number formats, dates, formulas, merges, frozen panes, an autofilter, a hidden sheet.
    static let plainShared = Kind(
        name: "plain-shared-strings",
        expectedCSVLines: ["Output,Amount,Share,Due,Funded", "R.1-3,-45000.5,12.5%,2026-03-31,TRUE", "Total,-45000.5,,,"],
        write: { path in try writePlain(path, storage: .shared) })

    static let plainInline = Kind(
        name: "plain-inline-strings",
        expectedCSVLines: ["Output,Amount,Share,Due,Funded", "R.1-3,-45000.5,12.5%,2026-03-31,TRUE", "Total,-45000.5,,,"],
        write: { path in try writePlain(path, storage: .inline) })

    private static func writePlain(_ path: String, storage: WorkbookOptions.StringStorage) throws {
        let workbook = try WorkbookWriter(
            path: path,
            options: WorkbookOptions(
                stringStorage: storage, properties: DocumentProperties(title: "Plain", creator: "rbm", company: "ITU")))
        let header = CellStyle(bold: true, fillColor: "DDEBF7", horizontalAlignment: .center, border: .thin)
        let sheet = try workbook.addSheet(
            "Budget", options: SheetOptions(freezeRows: 1, freezeColumns: 1, autoFilter: true, tabColor: "00B050"))
        try sheet.writeRow(["Output", "Amount", "Share", "Due", "Funded"].map { Cell(.string($0), style: header) })
        try sheet.writeRow([
            "R.1-3", Cell(.decimal("-45000.50"), style: CellStyle(numberFormat: "#,##0.00")),
            Cell(0.125, style: CellStyle(numberFormat: "0.00%")), Cell(.date(year: 2026, month: 3, day: 31)), true,
        ])
        try sheet.writeRow(
            ["Total", Cell(.formula("=SUM(B2:B2)", cached: .number(-45_000.5)), style: CellStyle(numberFormat: "#,##0.00"))],
            height: 24)
        try sheet.mergeCells("C3:E3")
        let hidden = try workbook.addSheet("Codes", options: SheetOptions(hidden: true))
        try hidden.writeRow(["line one\nline two", 42, 1e-7, "Genève – 日本 & <co>"])
        try workbook.close()
    }

    /// Hyperlinks, notes, data validation, defined names, a table, conditional formats, print setup.
    static let features = Kind(
        name: "features",
        expectedCSVLines: ["Code,Amount,Status,Link", "R.1,10,Open,ITU", "R.2,-5,Closed,Codes"],
        write: { path in try writeFeatures(path) })

    static func writeFeatures(_ path: String) throws {
        let workbook = try WorkbookWriter(
            path: path, options: WorkbookOptions(properties: DocumentProperties(title: "Features", creator: "rbm")))
        let data = try workbook.addSheet(
            "Data", options: SheetOptions(landscape: true, fitToWidth: true, repeatRowsAtTop: 1))
        let codes = try workbook.addSheet("Codes", options: SheetOptions(tabColor: "FFC000"))
        try data.writeRow(["Code", "Amount", "Status", "Link"].map { Cell(.string($0), style: CellStyle(bold: true)) })
        try data.writeRow(["R.1", 10, "Open", Cell("ITU", style: .hyperlink)])
        try data.writeRow(["R.2", -5, "Closed", Cell("Codes", style: .hyperlink)])
        try data.addHyperlink(at: "D2", to: .url("https://www.itu.int/en/Pages/default.aspx"), tooltip: "Home")
        try data.addHyperlink(at: "D3", to: .cell(sheet: "Codes", reference: "A1"))
        try data.addNote(at: "B2", "Ten francs\nfrom the 2026 plan", author: "Reviewer")
        try data.addNote(at: "C3", "Closed in March")
        try data.addDataValidation("C2:C10", .list(["Open", "Closed"]))
        try data.addDataValidation("A2:A10", .list(range: "Codes!$A$2:$A$3"))
        try data.addConditionalFormat(
            "B2:B3", .cellValue(.lessThan, formula: "0", style: CellStyle(fontColor: "9C0006", fillColor: "FFC7CE")))
        try data.addConditionalFormat("B2:B3", .redYellowGreen)
        try codes.writeRow(["Name", "Value"])
        try codes.writeRow(["R.1", 1])
        try codes.writeRow(["R.2", 2])
        try codes.addTable(Table(range: "A1:B3", name: "CodeList", columns: ["Name", "Value"]))
        try workbook.addDefinedName(name: "Threshold", formula: "=Codes!$B$2")
        try workbook.addDefinedName(name: "Local", formula: "Codes!$A$1", localSheet: "Codes")
        try workbook.close()
    }

    /// Enough rows that they pass through the spool file (a small threshold makes it happen early).
    static let streamed = Kind(
        name: "streamed",
        expectedCSVLines: ["Row,Amount,Name", "1,0.01,Name 1", "3000,30,Name 3000"],
        write: { path in try writeStreamed(path, rows: 3_000, spoolThreshold: 16 * 1024) })

    static func writeStreamed(_ path: String, rows: Int, spoolThreshold: Int, level: Int = 5) throws {
        let workbook = try WorkbookWriter(path: path, options: WorkbookOptions(compressionLevel: level))
        let sheet = try workbook.addSheet("Rows", options: SheetOptions(freezeRows: 1))
        sheet.part.spoolThreshold = spoolThreshold
        try sheet.writeRow(["Row", "Amount", "Name"])
        for row in 1...rows {
            try sheet.writeRow([Cell(.number(Double(row))), Cell(.number(Double(row) / 100)), Cell(.string("Name \(row)"))])
        }
        try workbook.close()
    }
}
