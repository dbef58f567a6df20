import Testing

@testable import XLSXWriter

@Suite struct WriterStylesPartTests {
    private let defaultFont = "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    private let mandatoryFills =
        "<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
    private let noBorder = "<border><left/><right/><top/><bottom/><diagonal/></border>"
    private let tail =
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>"
        + "</styleSheet>"

    private func xml(_ part: inout StylesPart) -> String {
        WriterTestSupport.withoutDeclaration(String(decoding: part.assembleXML(), as: UTF8.self))
    }

    @Test func theDefaultsAreWhatExcelRequires() {
        var part = StylesPart()
        #expect(
            xml(&part)
                == "<styleSheet \(WriterTestSupport.mainNamespace)>"
                + "<fonts count=\"1\">\(defaultFont)</fonts>"
                + "<fills count=\"2\">\(mandatoryFills)</fills>"
                + "<borders count=\"1\">\(noBorder)</borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
                + tail)
    }

    @Test func aFullStyleAddsEachOfItsParts() throws {
        var part = StylesPart()
        let style = CellStyle(
            bold: true, italic: true, fontColor: "9C0006", fillColor: "#ffc7ce", numberFormat: "0.0",
            horizontalAlignment: .center, wrapText: true, border: .thin)
        #expect(try part.formatIndex(for: style) == 1)
        let thin = "<color auto=\"1\"/>"
        #expect(
            xml(&part)
                == "<styleSheet \(WriterTestSupport.mainNamespace)>"
                + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0\"/></numFmts>"
                + "<fonts count=\"2\">\(defaultFont)"
                + "<font><b/><i/><sz val=\"11\"/><color rgb=\"FF9C0006\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                + "<fills count=\"3\">\(mandatoryFills)"
                + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFC7CE\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
                + "<borders count=\"2\">\(noBorder)<border><left style=\"thin\">\(thin)</left><right style=\"thin\">\(thin)</right>"
                + "<top style=\"thin\">\(thin)</top><bottom style=\"thin\">\(thin)</bottom><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
                + "<alignment horizontal=\"center\" wrapText=\"1\"/></xf></cellXfs>"
                + tail)
    }

    @Test(arguments: [
        ("General", 0), ("0", 1), ("0.00", 2), ("#,##0", 3), ("#,##0.00", 4), ("0%", 9), ("0.00%", 10), ("@", 49),
        ("yyyy-mm-dd", 164),
    ])
    func builtInFormatsKeepTheirIdsAndDatesGetACustomOne(code: String, id: Int) throws {
        var part = StylesPart()
        let index = try part.formatIndex(for: CellStyle(numberFormat: code))
        let xml = xml(&part)
        if id == 0 {
            #expect(index == 0)
        } else {
            #expect(xml.contains("<xf numFmtId=\"\(id)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"))
        }
        #expect(xml.contains("<numFmts") == (id >= 164))
    }

    @Test func equalStylesShareOneFormatAndPartsAreShared() throws {
        var part = StylesPart()
        let red = CellStyle(bold: true, fillColor: "FFFF0000")
        #expect(try part.formatIndex(for: CellStyle()) == 0)
        #expect(try part.formatIndex(for: red) == 1)
        #expect(try part.formatIndex(for: CellStyle(numberFormat: "#,##0")) == 2)
        #expect(try part.formatIndex(for: CellStyle(bold: true, fillColor: "ff0000")) == 1)
        var amount = red
        amount.numberFormat = "#,##0.0"
        #expect(try part.formatIndex(for: amount) == 3)
        #expect(try part.formatIndex(for: CellStyle(numberFormat: "#,##0.0")) == 4)
        #expect(part.formatCount == 5)
        let xml = xml(&part)
        #expect(xml.contains("<fonts count=\"2\">"))
        #expect(xml.contains("<fills count=\"3\">"))
        #expect(xml.contains("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/></numFmts>"))
    }

    @Test func hyperlinksAreBlueAndUnderlined() throws {
        var part = StylesPart()
        #expect(try part.formatIndex(for: .hyperlink) == 1)
        #expect(
            xml(&part).contains(
                "<font><u/><sz val=\"11\"/><color rgb=\"FF0563C1\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"))
    }

    @Test func differentialFormatsHoldOnlyWhatTheyChangeAndAreShared() throws {
        var part = StylesPart()
        let style = CellStyle(bold: true, italic: true, fontColor: "9C0006", fillColor: "FFC7CE", numberFormat: "0.0", border: .thin, underline: true)
        #expect(try part.differentialFormatIndex(for: style) == 0)
        #expect(try part.differentialFormatIndex(for: CellStyle(numberFormat: "#,##0")) == 1)
        #expect(try part.differentialFormatIndex(for: style) == 0)
        #expect(part.formatCount == 1)
        let thin = "<color auto=\"1\"/>"
        let expected = [
            "<dxfs count=\"2\"><dxf><font><b/><i/><u/><color rgb=\"FF9C0006\"/></font>",
            "<numFmt numFmtId=\"164\" formatCode=\"0.0\"/>",
            "<fill><patternFill><bgColor rgb=\"FFFFC7CE\"/></patternFill></fill>",
            "<border><left style=\"thin\">\(thin)</left><right style=\"thin\">\(thin)</right>",
            "<top style=\"thin\">\(thin)</top><bottom style=\"thin\">\(thin)</bottom><diagonal/></border></dxf>",
            "<dxf><numFmt numFmtId=\"3\" formatCode=\"#,##0\"/></dxf></dxfs>",
        ].joined()
        #expect(xml(&part).contains(expected))
    }

    @Test(arguments: [
        (CellStyle(fontColor: "red"), "colour 'red' is not hex RRGGBB or AARRGGBB"),
        (CellStyle(fillColor: "#12345"), "colour '#12345' is not hex RRGGBB or AARRGGBB"),
        (CellStyle(numberFormat: ""), "number format must have 1 to 255 characters, not 0"),
    ])
    func malformedStylesAreRejected(style: CellStyle, message: String) {
        var part = StylesPart()
        #expect {
            try part.formatIndex(for: style)
        } throws: { error in
            (error as? StylesPart.InvalidStyle)?.message == message
        }
    }
}
