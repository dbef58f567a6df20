import Testing

@testable import XLSXWriter

/// The sheet features written after the rows: hyperlinks, notes, data validations, conditional
/// formats, tables and print setup, each element as Excel (and XlsxWriter) writes it.
@Suite struct WriterWorksheetFeaturesTests {
    private let rows: [[Cell]] = [["Code", "Amount", "Status"], ["R.1", 10, "Open"], ["R.2", -5, "Closed"]]

    /// The elements after `<sheetData>` of a sheet annotated by `annotate`.
    private func elements(
        options: SheetOptions = .init(), _ annotate: (inout WorksheetPart, inout StylesPart) throws -> Void
    ) throws -> String {
        WriterTestSupport.elementsAfterRows(try WriterTestSupport.sheetXML(options: options, rows: rows, annotate: annotate))
    }

    /// The problem thrown by `body`, if any.
    private func problem(_ body: () throws -> Void) -> WorksheetPart.Problem? {
        do {
            try body()
            return nil
        } catch {
            return error as? WorksheetPart.Problem
        }
    }

    // MARK: Order

    @Test func everyElementFollowsTheSchemaOrder() throws {
        let xml = try WriterTestSupport.sheetXML(
            options: SheetOptions(
                columnWidths: [12], freezeRows: 1, tabColor: "00B050", landscape: true, fitToWidth: true), rows: rows,
            merges: ["E1:F1"]
        ) { part, styles in
            try part.addTable(Table(range: "A5:B6", columns: ["A", "B"]), name: "Table1", number: 1)
            try part.addNote(at: "A1", text: "note", author: "")
            try part.addHyperlink(at: "A2", to: .url("https://www.itu.int/"), tooltip: nil)
            try part.addDataValidation("C2:C3", .list(["Open", "Closed"]))
            try part.addConditionalFormat("B2:B3", .redYellowGreen, styles: &styles)
        }
        #expect(
            WriterTestSupport.worksheetElementNames(xml) == [
                "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "mergeCells",
                "conditionalFormatting", "dataValidations", "hyperlinks", "pageMargins", "pageSetup", "legacyDrawing",
                "tableParts",
            ])
        #expect(xml.contains("<sheetPr><tabColor rgb=\"FF00B050\"/><pageSetUpPr fitToPage=\"1\"/></sheetPr>"))
    }

    // MARK: Hyperlinks

    @Test func hyperlinksLeadToAddressesByRelationshipAndToSheetsByLocation() throws {
        var relationships = ""
        let xml = try elements { part, _ in
            try part.addHyperlink(at: "c2", to: .url("https://www.itu.int/en/Pages/default.aspx"), tooltip: "Home")
            try part.addHyperlink(at: "C3:D3", to: .cell(sheet: "Q1 plan", reference: "b4"), tooltip: nil)
            try part.addHyperlink(at: "A3", to: .url("mailto:rbm@itu.int"), tooltip: nil)
            var rels = try #require(part.relationships(notesNumber: 1))
            relationships = WriterTestSupport.withoutDeclaration(String(decoding: rels.assembleXML(), as: UTF8.self))
        }
        #expect(
            xml
                == "<hyperlinks><hyperlink ref=\"C2\" r:id=\"rId1\" tooltip=\"Home\"/>"
                + "<hyperlink ref=\"C3:D3\" location=\"'Q1 plan'!B4\"/><hyperlink ref=\"A3\" r:id=\"rId2\"/></hyperlinks>")
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
        #expect(
            relationships
                == "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(type)\" Target=\"https://www.itu.int/en/Pages/default.aspx\" TargetMode=\"External\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(type)\" Target=\"mailto:rbm@itu.int\" TargetMode=\"External\"/>"
                + "</Relationships>")
    }

    @Test(arguments: [
        ("https://www.itu.int/a b", "https://www.itu.int/a%20b"),
        ("https://x.org/?q=\"a\"&r={1}", "https://x.org/?q=%22a%22&r=%7b1%7d"),
        ("https://x.org/100%", "https://x.org/100%25"),
        ("https://x.org/already%20escaped [x]", "https://x.org/already%20escaped [x]"),
        ("mailto:rbm@itu.int", "mailto:rbm@itu.int"),
    ])
    func addressesArePercentEscapedAsExcelDoes(address: String, escaped: String) {
        #expect(WorksheetPart.escapedURL(address) == escaped)
    }

    @Test(arguments: [
        ("B0", Hyperlink.url("https://www.itu.int/"), "'B0' is not a cell or range such as B4 or B4:C4 within XFD1048576"),
        ("B2", .url("www.itu.int"), "'www.itu.int' is not an address such as https://www.itu.int/ or mailto:rbm@itu.int"),
        ("B2", .url("https://x.org/\n"), "'https://x.org/\n' is not an address such as https://www.itu.int/ or mailto:rbm@itu.int"),
        ("B2", .url("https://x.org/" + String(repeating: "a", count: 2_070)), "address of 2084 characters exceeds Excel's limit of 2079"),
        ("B2", .cell(sheet: "Codes", reference: "$A$1"), "'$A$1' is not a cell or range such as A1 or A1:B4 within XFD1048576"),
    ])
    func malformedHyperlinksAreRejected(cell: String, target: Hyperlink, message: String) {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        let problem = problem { try part.addHyperlink(at: cell, to: target, tooltip: nil) }
        #expect(problem?.code == .invalidHyperlink)
        #expect(problem?.message == message)
    }

    // MARK: Notes

    @Test func notesAddALegacyDrawingAfterTheExternalLinks() throws {
        var relationships = ""
        let xml = try WriterTestSupport.sheetXML(rows: rows) { part, _ in
            try part.addHyperlink(at: "A2", to: .url("https://www.itu.int/"), tooltip: nil)
            try part.addNote(at: "B2", text: "Ten francs", author: "rbm")
            try part.addTable(Table(range: "E1:F2", columns: ["E", "F"]), name: "Table7", number: 7)
            var rels = try #require(part.relationships(notesNumber: 3))
            relationships = String(decoding: rels.assembleXML(), as: UTF8.self)
        }
        #expect(
            WriterTestSupport.elementsAfterMargins(xml)
                == "<legacyDrawing r:id=\"rId2\"/><tableParts count=\"1\"><tablePart r:id=\"rId3\"/></tableParts>")
        let targets = relationships.split(separator: "Target=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(
            targets == [
                "https://www.itu.int/", "../drawings/vmlDrawing3.vml", "../tables/table7.xml", "../comments3.xml",
            ])
        #expect(relationships.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\""))
    }

    @Test(arguments: [
        ("B2:C2", "Ten", WorkbookWriterError.Code.invalidNote, "'B2:C2' is not a cell such as B4 within XFD1048576"),
        ("B2", "", .invalidNote, "note on B2 is empty"),
        ("A1", "Again", .invalidNote, "cell A1 already has a note"),
        ("B2", String(repeating: "x", count: 32_768), .stringTooLong, "note of 32768 characters exceeds Excel's limit of 32767"),
    ])
    func notesExcelCannotShowAreRejected(cell: String, text: String, code: WorkbookWriterError.Code, message: String) throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.addNote(at: "a1", text: "First", author: "")
        let problem = problem { try part.addNote(at: cell, text: text, author: "") }
        #expect(problem?.code == code)
        #expect(problem?.message == message)
    }

    // MARK: Data validations

    @Test func listValidationsQuoteTheirValuesOrNameTheirRange() throws {
        let xml = try elements { part, _ in
            try part.addDataValidation("C2:C100", .list(["Open", "Closed", "Say \"no\""]))
            try part.addDataValidation(
                "A2",
                DataValidation(
                    source: .range("=Codes!$A$2:$A$40"), allowBlank: false, errorTitle: "Unknown code",
                    errorMessage: "Pick a code from the list"))
        }
        #expect(
            xml
                == "<dataValidations count=\"2\">"
                + "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"C2:C100\">"
                + "<formula1>\"Open,Closed,Say \"\"no\"\"\"</formula1></dataValidation>"
                + "<dataValidation type=\"list\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Unknown code\" error=\"Pick a code from the list\" sqref=\"A2\">"
                + "<formula1>Codes!$A$2:$A$40</formula1></dataValidation></dataValidations>")
    }

    @Test(arguments: [
        ("C2:C", DataValidation.list(["a"]), "'C2:C' is not a cell or range such as C2:C100 within XFD1048576"),
        ("C2", .list([]), "a list needs at least one value"),
        ("C2", .list(["a", "b,c"]), "list value 'b,c' contains a comma, which Excel reads as a separator"),
        (
            "C2", .list(Array(repeating: "abcdefghij", count: 24)),
            "list of 263 characters exceeds Excel's limit of 255; put the values in cells and use list(range:)"
        ),
        ("C2", .list(range: "="), "list source must have 1 to 255 characters, not 0"),
        (
            "C2", DataValidation(source: .values(["a"]), errorTitle: String(repeating: "t", count: 33)),
            "error title of 33 characters exceeds Excel's limit of 32"
        ),
    ])
    func validationsExcelCannotHoldAreRejected(range: String, validation: DataValidation, message: String) {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        let problem = problem { try part.addDataValidation(range, validation) }
        #expect(problem?.code == .invalidDataValidation)
        #expect(problem?.message == message)
    }

    // MARK: Conditional formats

    @Test func conditionalFormatsGroupByRangeAndTakePriorityInOrder() throws {
        var dxfs = ""
        let red = CellStyle(fontColor: "9C0006", fillColor: "FFC7CE")
        let xml = try elements { part, styles in
            try part.addConditionalFormat("B2:B3", .cellValue(.lessThan, formula: "0", style: red), styles: &styles)
            try part.addConditionalFormat(
                "C2:C3", .cellValueBetween("=$E$1", and: "100", style: CellStyle(bold: true)), styles: &styles)
            try part.addConditionalFormat("B2:B3", .redYellowGreen, styles: &styles)
            try part.addConditionalFormat("D2", .cellValue(.greaterThanOrEqual, formula: "1", style: red), styles: &styles)
            let xml = String(decoding: styles.assembleXML(), as: UTF8.self)
            dxfs = String(xml[xml.range(of: "<dxfs")!.lowerBound..<xml.range(of: "</dxfs>")!.upperBound])
        }
        #expect(
            xml
                == "<conditionalFormatting sqref=\"B2:B3\">"
                + "<cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" operator=\"lessThan\"><formula>0</formula></cfRule>"
                + "<cfRule type=\"colorScale\" priority=\"3\"><colorScale><cfvo type=\"min\" val=\"0\"/>"
                + "<cfvo type=\"percentile\" val=\"50\"/><cfvo type=\"max\" val=\"0\"/><color rgb=\"FFF8696B\"/>"
                + "<color rgb=\"FFFFEB84\"/><color rgb=\"FF63BE7B\"/></colorScale></cfRule></conditionalFormatting>"
                + "<conditionalFormatting sqref=\"C2:C3\"><cfRule type=\"cellIs\" dxfId=\"1\" priority=\"2\" operator=\"between\">"
                + "<formula>$E$1</formula><formula>100</formula></cfRule></conditionalFormatting>"
                + "<conditionalFormatting sqref=\"D2\"><cfRule type=\"cellIs\" dxfId=\"0\" priority=\"4\" operator=\"greaterThanOrEqual\">"
                + "<formula>1</formula></cfRule></conditionalFormatting>")
        #expect(
            dxfs
                == "<dxfs count=\"2\"><dxf><font><color rgb=\"FF9C0006\"/></font><fill><patternFill><bgColor rgb=\"FFFFC7CE\"/>"
                + "</patternFill></fill></dxf><dxf><font><b/></font></dxf></dxfs>")
    }

    @Test(arguments: [
        ("B2:", ConditionalFormat.redYellowGreen, "'B2:' is not a cell or range such as C2:C100 within XFD1048576"),
        ("B2", .cellValue(.equal, formula: "=", style: CellStyle(bold: true)), "the rule's formula is empty"),
        ("B2", .cellValueBetween("1", and: "", style: CellStyle(bold: true)), "the rule's formula is empty"),
        ("B2", .cellValue(.equal, formula: "1", style: CellStyle(fillColor: "pink")), "colour 'pink' is not hex RRGGBB or AARRGGBB"),
        ("B2", .threeColorScale(low: "F8696B", middle: "yellow", high: "63BE7B"), "colour 'yellow' is not hex RRGGBB or AARRGGBB"),
    ])
    func malformedConditionalFormatsAreRejected(range: String, format: ConditionalFormat, message: String) {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        var styles = StylesPart()
        let problem = problem { try part.addConditionalFormat(range, format, styles: &styles) }
        #expect(problem?.code == .invalidConditionalFormat)
        #expect(problem?.message == message)
    }

    // MARK: Tables

    @Test(arguments: [
        (Table(range: "A1:B1", columns: ["A", "B"]), "needs a header row and at least one row of data"),
        (Table(range: "A1", columns: ["A"]), "'A1' is not a range such as A1:D20 within XFD1048576"),
        (Table(range: "A1:C5", columns: ["A", "B"]), "2 column names for the 3 columns of A1:C5"),
        (Table(range: "A1:B5", columns: ["Code", "code"]), "column name 'code' is used twice (names ignore case)"),
        (Table(range: "A1:B5", columns: ["Code", ""]), "column names must have 1 to 255 characters"),
        (Table(range: "A1:B5", columns: ["A", "B"], style: "TableStyleMedium29"), "'TableStyleMedium29' is not a built-in style such as TableStyleMedium2"),
        (Table(range: "H5:J9", columns: ["H", "I", "J"]), "H5:J9 overlaps table 'First' (G1:H5)"),
        (Table(range: "K1:L2", columns: ["K", "L"]), "K1:L2 overlaps merged range L2:M2"),
    ])
    func tablesExcelWouldRepairAreRejected(table: Table, message: String) throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.addTable(Table(range: "G1:H5", columns: ["G", "H"]), name: "First", number: 1)
        try part.mergeCells("L2:M2")
        let problem = problem { try part.addTable(table, name: "Second", number: 2) }
        #expect(problem?.code == .invalidTable)
        #expect(problem?.message == "table 'Second': \(message)")
    }

    @Test func tablesAndMergesAndSheetFiltersDoNotMix() throws {
        var part = WorksheetPart(options: .init(), stringStorage: .shared)
        try part.addTable(Table(range: "A1:B5", columns: ["A", "B"]), name: "Budget", number: 1)
        let merge = problem { try part.mergeCells("B5:C5") }
        #expect(merge?.code == .invalidMergeRange)
        #expect(merge?.message == "merge range B5:C5 overlaps table 'Budget' (A1:B5)")

        var filtered = WorksheetPart(options: SheetOptions(autoFilter: true), stringStorage: .shared)
        let table = problem {
            try filtered.addTable(Table(range: "A1:B5", columns: ["A", "B"]), name: "Budget", number: 1)
        }
        #expect(
            table?.message
                == "table 'Budget': the sheet has an autofilter, and a table brings its own; drop SheetOptions.autoFilter")
    }

    @Test(arguments: [
        ("TableStyleLight1", true), ("TableStyleLight21", true), ("TableStyleMedium2", true), ("TableStyleDark11", true),
        ("TableStyleLight0", false), ("TableStyleLight22", false), ("TableStyleMedium02", false), ("Table Style Medium 2", false),
        ("", false),
    ])
    func onlyBuiltInTableStylesAreAccepted(style: String, accepted: Bool) {
        #expect(WorksheetPart.isBuiltInTableStyle(style) == accepted)
    }

    // MARK: Print setup

    @Test(arguments: [
        (SheetOptions(landscape: true), "", "<pageSetup orientation=\"landscape\"/>"),
        (SheetOptions(fitToWidth: true), "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>", "<pageSetup fitToHeight=\"0\"/>"),
        (
            SheetOptions(landscape: true, fitToWidth: true), "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>",
            "<pageSetup fitToHeight=\"0\" orientation=\"landscape\"/>"
        ),
        (SheetOptions(repeatRowsAtTop: 1), "", ""),
        (SheetOptions(paperSize: .a4), "", "<pageSetup paperSize=\"9\"/>"),
        // One page: fitToWidth and fitToHeight left at the schema's default of 1, as Excel writes them.
        (SheetOptions(fitToWidth: true, fitToPage: true, paperSize: .a4), "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>", "<pageSetup paperSize=\"9\"/>"),
        (
            SheetOptions(landscape: true, fitToWidth: true, paperSize: .a4), "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>",
            "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"
        ),
        (
            SheetOptions(pageHeader: "&LBudget && plan&R&A", pageFooter: "&RPage &P of &N"), "",
            "<headerFooter><oddHeader>&amp;LBudget &amp;&amp; plan&amp;R&amp;A</oddHeader><oddFooter>&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>"
        ),
        (SheetOptions(pageFooter: "&C&P"), "", "<headerFooter><oddFooter>&amp;C&amp;P</oddFooter></headerFooter>"),
    ])
    func printSetupIsWrittenAfterTheMargins(options: SheetOptions, sheetPr: String, pageSetup: String) throws {
        let xml = try WriterTestSupport.sheetXML(options: options, rows: [])
        #expect(xml.hasPrefix(WriterTestSupport.worksheetStart + sheetPr + "<dimension"))
        #expect(WriterTestSupport.elementsAfterMargins(xml) == pageSetup)
    }

    @Test func marginsAreWrittenInInches() throws {
        let xml = try WriterTestSupport.sheetXML(options: SheetOptions(margins: .narrow), rows: [])
        #expect(xml.contains(#"<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#))
    }

    @Test func headerFooterComesBetweenPageSetupAndTheDrawing() throws {
        let xml = try WriterTestSupport.sheetXML(
            options: SheetOptions(landscape: true, pageHeader: "&CTitle"), rows: rows
        ) { part, _ in
            try part.addNote(at: "A1", text: "note", author: "")
        }
        #expect(WriterTestSupport.worksheetElementNames(xml).suffix(4) == ["pageMargins", "pageSetup", "headerFooter", "legacyDrawing"])
    }

    @Test func literalHeaderTextHasItsAmpersandsDoubled() {
        #expect(HeaderFooter.literal("R&D & co") == "R&&D && co")
    }
}
