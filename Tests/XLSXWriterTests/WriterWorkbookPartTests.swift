import Testing

@testable import XLSXWriter

@Suite struct WriterWorkbookPartTests {
    private let start =
        "<workbook \(WriterTestSupport.mainNamespace) xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        + "<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>"
        + "<workbookPr defaultThemeVersion=\"124226\"/>"

    @Test func sheetsAreListedWithTheirRelationships() {
        var part = WorkbookPart(
            sheets: [.init(name: "Budget", hidden: false), .init(name: "Codes", hidden: true)], activeSheet: 0)
        #expect(
            WriterTestSupport.withoutDeclaration(String(decoding: part.assembleXML(), as: UTF8.self))
                == start
                + "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews>"
                + "<sheets><sheet name=\"Budget\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "<sheet name=\"Codes\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets>"
                + "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>")
    }

    @Test func autoFiltersGetExcelsHiddenFilterDatabaseNames() {
        var part = WorkbookPart(
            sheets: [
                .init(name: "Hidden", hidden: true, autoFilterRange: "A1:B2"),
                .init(name: "Q1 plan", hidden: false, autoFilterRange: "A1:L20"),
            ],
            activeSheet: 1)
        #expect(
            WriterTestSupport.withoutDeclaration(String(decoding: part.assembleXML(), as: UTF8.self))
                == start
                + "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\" activeTab=\"1\"/></bookViews>"
                + "<sheets><sheet name=\"Hidden\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                + "<sheet name=\"Q1 plan\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
                + "<definedNames>"
                + "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">Hidden!$A$1:$B$2</definedName>"
                + "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">'Q1 plan'!$A$1:$L$20</definedName>"
                + "</definedNames>"
                + "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>")
    }

    @Test func definedNamesAreSortedAsExcelSortsThem() {
        var part = WorkbookPart(
            sheets: [
                .init(name: "Data", hidden: false, autoFilterRange: "A1:C9", repeatRowsAtTop: 1),
                .init(name: "Q1 plan", hidden: false, repeatRowsAtTop: 2),
            ],
            activeSheet: 0,
            definedNames: [
                .init(name: "Threshold", formula: "'Q1 plan'!$B$2"),
                .init(name: "local", formula: "Data!$A$1", localSheet: 1),
                .init(name: "Local", formula: "Data!$A$2", localSheet: 0),
            ])
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        let expected = [
            "<definedNames>",
            "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">Data!$A$1:$C$9</definedName>",
            "<definedName name=\"Local\" localSheetId=\"0\">Data!$A$2</definedName>",
            "<definedName name=\"local\" localSheetId=\"1\">Data!$A$1</definedName>",
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Data!$1:$1</definedName>",
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Q1 plan'!$1:$2</definedName>",
            "<definedName name=\"Threshold\">'Q1 plan'!$B$2</definedName>",
            "</definedNames>",
        ].joined()
        #expect(xml.contains(expected))
    }

    @Test(arguments: [
        ("Threshold", true), ("_total", true), ("\\path", true), ("Budget.2026", true), ("Genève", true),
        ("", false), ("2026", false), ("has space", false), ("A1", false), ("XFD99", false), ("R1C1", false),
        ("c", false), ("a-b", false), (String(repeating: "n", count: 256), false),
    ])
    func namesFollowExcelsRules(name: String, valid: Bool) {
        #expect(WorkbookPart.isValidName(name) == valid)
    }

    @Test(arguments: [
        ("Budget", "Budget"), ("Budget_2026.v2", "Budget_2026.v2"), ("Q1 plan", "'Q1 plan'"),
        ("O'Brien", "'O''Brien'"), ("A1", "'A1'"), ("XFD99", "'XFD99'"), ("R1C1", "'R1C1'"), ("R", "'R'"),
        ("Rates", "Rates"), ("2026", "'2026'"), ("Genève", "'Genève'"), ("a-b", "'a-b'"),
    ])
    func sheetNamesAreQuotedInFormulasWhenNeeded(name: String, expected: String) {
        #expect(WorkbookPart.quotedSheetName(name) == expected)
    }
}
