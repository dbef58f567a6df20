import Testing

@testable import XLSXWriter

@Suite struct WriterWorksheetPartTests {
    private let start = WriterTestSupport.worksheetStart
    private let selectedView = "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"
    private let formatPr = "<sheetFormatPr defaultRowHeight=\"15\"/>"
    private let end = WriterTestSupport.pageMargins + "</worksheet>"

    /// The `<sheetData>` element of a sheet with these rows.
    private func sheetData(_ rows: [[Cell]], stringStorage: WorkbookOptions.StringStorage = .shared) throws -> String {
        let xml = try WriterTestSupport.sheetXML(
            options: SheetOptions(columnWidths: Array(repeating: 8, count: 8)), stringStorage: stringStorage, rows: rows)
        guard let open = xml.range(of: "<sheetData"), let close = xml.range(of: "</sheetData>") else { return xml }
        return String(xml[open.lowerBound..<close.upperBound])
    }

    @Test func anEmptySheetHasTheMandatoryElementsOnly() throws {
        #expect(
            try WriterTestSupport.sheetXML(rows: [])
                == start + "<dimension ref=\"A1\"/>" + selectedView + formatPr + "<sheetData/>" + end)
    }

    @Test func aSmallSheetIsWrittenInSchemaOrder() throws {
        let bold = CellStyle(bold: true)
        let xml = try WriterTestSupport.sheetXML(
            options: SheetOptions(columnWidths: [20, nil], freezeRows: 1, autoFilter: true, tabColor: "00B050"),
            rows: [
                [Cell("Code", style: bold), Cell("Amount in CHF thousands", style: bold)],
                ["R.1-3", 1500],
            ],
            merges: ["C1:D1"], isSelected: false)
        #expect(
            xml
                == start + "<sheetPr><tabColor rgb=\"FF00B050\"/></sheetPr><dimension ref=\"A1:B2\"/>"
                + "<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>"
                + "</sheetView></sheetViews>" + formatPr
                + "<cols><col min=\"1\" max=\"1\" width=\"20.7109375\" customWidth=\"1\"/>"
                + "<col min=\"2\" max=\"2\" width=\"27.7109375\" customWidth=\"1\"/></cols>"
                + "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>1500</v></c></row></sheetData>"
                + "<autoFilter ref=\"A1:B2\"/><mergeCells count=\"1\"><mergeCell ref=\"C1:D1\"/></mergeCells>" + end)
    }

    @Test(arguments: [
        (CellValue.number(-45_000.5), "<c r=\"A1\"><v>-45000.5</v></c>"),
        (.decimal("-45000.50"), "<c r=\"A1\"><v>-45000.50</v></c>"),
        (.decimal("1.5E-3"), "<c r=\"A1\"><v>1.5E-3</v></c>"),
        (.bool(true), "<c r=\"A1\" t=\"b\"><v>1</v></c>"),
        (.date(year: 2026, month: 3, day: 31), "<c r=\"A1\" s=\"1\"><v>46112</v></c>"),
        (.date(year: 1900, month: 1, day: 1), "<c r=\"A1\" s=\"1\"><v>1</v></c>"),
        (.date(year: 1900, month: 3, day: 1), "<c r=\"A1\" s=\"1\"><v>61</v></c>"),
        (.string("a < b"), "<c r=\"A1\" t=\"s\"><v>0</v></c>"),
        (.formula("=SUM(B1:B9)", cached: .number(12)), "<c r=\"A1\"><f>SUM(B1:B9)</f><v>12</v></c>"),
        (.formula("B1&\"!\"", cached: .string("hi!")), "<c r=\"A1\" t=\"str\"><f>B1&amp;\"!\"</f><v>hi!</v></c>"),
        (.formula("B1>0", cached: .bool(false)), "<c r=\"A1\" t=\"b\"><f>B1&gt;0</f><v>0</v></c>"),
        (.formula("TODAY()", cached: .empty), "<c r=\"A1\"><f>TODAY()</f></c>"),
        (.formula("B1", cached: .date(year: 2000, month: 1, day: 1)), "<c r=\"A1\" s=\"1\"><f>B1</f><v>36526</v></c>"),
    ])
    func eachKindOfValueIsWrittenAsExcelDoes(value: CellValue, expected: String) throws {
        #expect(try sheetData([[Cell(value)]]) == "<sheetData><row r=\"1\">\(expected)</row></sheetData>")
    }

    @Test func inlineStringsAreWrittenInTheCell() throws {
        #expect(
            try sheetData([[" padded", "x\u{1}"]], stringStorage: .inline)
                == "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> padded</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>x_x0001_</t></is></c></row></sheetData>")
    }

    @Test func emptyCellsAreSkippedUnlessStyledAndEmptyRowsKeepTheirPlace() throws {
        #expect(
            try sheetData([[.empty, "b", Cell(.empty, style: CellStyle(fillColor: "FFFF00"))], [], [.empty], ["d"]])
                == "<sheetData><row r=\"1\"><c r=\"B1\" t=\"s\"><v>0</v></c><c r=\"C1\" s=\"1\"/></row>"
                + "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c></row></sheetData>")
    }

    @Test func rowHeightsAreCustom() throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        var styles = StylesPart()
        var strings = SharedStringsPart()
        try part.writeRow([1], height: 30, styles: &styles, sharedStrings: &strings)
        try part.writeRow([], height: 7.5, styles: &styles, sharedStrings: &strings)
        let xml = try WriterTestSupport.text(part.assembleXML(isSelected: true))
        #expect(
            xml.contains(
                "<sheetData><row r=\"1\" ht=\"30\" customHeight=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                    + "<row r=\"2\" ht=\"7.5\" customHeight=\"1\"/></sheetData>"))
    }

    @Test(arguments: [
        (1, 0, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>"),
        (0, 2, "<pane xSplit=\"2\" topLeftCell=\"C1\" activePane=\"topRight\" state=\"frozen\"/><selection pane=\"topRight\"/>"),
        (
            3, 1,
            "<pane xSplit=\"1\" ySplit=\"3\" topLeftCell=\"B4\" activePane=\"bottomRight\" state=\"frozen\"/>"
                + "<selection pane=\"topRight\" activeCell=\"B1\" sqref=\"B1\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A4\" sqref=\"A4\"/><selection pane=\"bottomRight\"/>"
        ),
    ])
    func frozenPanesPickTheActivePaneAsExcelDoes(rows: Int, columns: Int, expected: String) throws {
        let xml = try WriterTestSupport.sheetXML(options: SheetOptions(freezeRows: rows, freezeColumns: columns), rows: [])
        #expect(
            xml.contains("<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">\(expected)</sheetView></sheetViews>"))
    }

    @Test func widthsAreEstimatedFromTheWidestValueWhenNotGiven() throws {
        let xml = try WriterTestSupport.sheetXML(
            options: SheetOptions(columnWidths: [nil, 5]),
            rows: [
                [Cell("A fairly long header", style: CellStyle(bold: true)), "x", "short", Cell(1_234_567.5, style: CellStyle(numberFormat: "#,##0.00"))],
                ["two\nlines that are longer", "y", "", Cell(.date(year: 2026, month: 1, day: 1))],
            ])
        // 20 bold characters (22) + 2; 5 as given; "short" fits the default; "1,234,567.50" is 12 + 2.
        #expect(
            xml.contains(
                "<cols><col min=\"1\" max=\"1\" width=\"24.7109375\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"5.7109375\" customWidth=\"1\"/>"
                    + "<col min=\"4\" max=\"4\" width=\"14.7109375\" customWidth=\"1\"/></cols>"))
    }

    @Test(arguments: [
        ("a1:b2", "A1:B2"), ("D4:B2", "B2:D4"), ("A1:XFD1", "A1:XFD1"), ("B2:B1048576", "B2:B1048576"),
    ])
    func mergeRangesAreNormalised(input: String, expected: String) throws {
        let xml = try WriterTestSupport.sheetXML(rows: [], merges: [input])
        #expect(xml.contains("<mergeCells count=\"1\"><mergeCell ref=\"\(expected)\"/></mergeCells>"))
    }

    @Test(arguments: [
        ("A1", "'A1' is not a range such as A1:D1 within XFD1048576"),
        ("A0:B1", "'A0:B1' is not a range such as A1:D1 within XFD1048576"),
        ("A1:XFE1", "'A1:XFE1' is not a range such as A1:D1 within XFD1048576"),
        ("1A:B2", "'1A:B2' is not a range such as A1:D1 within XFD1048576"),
        ("C3:C3", "merge range 'C3:C3' is a single cell"),
        ("B1:C2", "merge range B1:C2 overlaps merged range A1:B1"),
    ])
    func badMergeRangesAreRejected(range: String, message: String) throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.mergeCells("A1:B1")
        #expect {
            try part.mergeCells(range)
        } throws: { error in
            let problem = error as? WorksheetPart.Problem
            return problem?.code == .invalidMergeRange && problem?.message == message
        }
    }

    @Test(arguments: [
        ("1", true), ("-45000.5", true), ("0.25", true), ("1E+10", true), ("2.5e-3", true),
        ("", false), ("-", false), ("1.", false), (".5", false), ("1,5", false), ("+1", false), ("1e", false),
        ("NaN", false), (" 1", false), ("1 000", false),
    ])
    func decimalsAreValidatedBeforeBeingWrittenVerbatim(text: String, valid: Bool) {
        #expect(WorksheetPart.isDecimal(text) == valid)
    }

    @Test(arguments: [(20.0, 20.7109375), (8.43, 9.140625), (0.5, 0.85546875), (0, 0), (255, 255.7109375)])
    func columnWidthsAreStoredWithExcelsPadding(characters: Double, stored: Double) {
        #expect(WorksheetPart.storedWidth(characters) == stored)
    }
}
