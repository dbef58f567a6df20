import Foundation
import Testing

@testable import XLSXWriter

/// The small package parts: content types, relationships and document properties.
@Suite struct WriterPackagePartsTests {
    private let sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    @Test func contentTypesListEveryPart() {
        var part = ContentTypesPart(sheetCount: 2, hasSharedStrings: true)
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(
            xml == WriterTestSupport.declaration
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(sml).sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(sml).worksheet+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"\(sml).worksheet+xml\"/>"
                + "<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(sml).styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(sml).sharedStrings+xml\"/>"
                + "</Types>")
    }

    @Test func contentTypesLeaveOutSharedStringsWhenUnused() {
        var part = ContentTypesPart(sheetCount: 1, hasSharedStrings: false)
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(!xml.contains("sharedStrings"))
        #expect(xml.contains("/xl/worksheets/sheet1.xml"))
    }

    @Test func contentTypesNameTablesCommentsAndTheirDrawings() {
        var part = ContentTypesPart(sheetCount: 1, hasSharedStrings: false, tableNumbers: [1, 2], commentsCount: 2)
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(
            xml.contains(
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"))
        #expect(
            xml.hasSuffix(
                "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"\(sml).table+xml\"/>"
                    + "<Override PartName=\"/xl/tables/table2.xml\" ContentType=\"\(sml).table+xml\"/>"
                    + "<Override PartName=\"/xl/comments1.xml\" ContentType=\"\(sml).comments+xml\"/>"
                    + "<Override PartName=\"/xl/comments2.xml\" ContentType=\"\(sml).comments+xml\"/></Types>"))
    }

    @Test func relationshipsAreNumberedInOrder() {
        var part = RelationshipsPart()
        #expect(part.add(.document, target: "xl/workbook.xml") == "rId1")
        #expect(part.add(.coreProperties, target: "docProps/core.xml") == "rId2")
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(
            xml == WriterTestSupport.declaration
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "</Relationships>")
    }

    @Test func appPropertiesNameTheSheetsAndCompany() {
        var part = AppPropertiesPart(sheetNames: ["Budget", "Log & notes"], company: "ITU")
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(
            xml == WriterTestSupport.declaration
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                + "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
                + "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
                + "<vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs>"
                + "<TitlesOfParts><vt:vector size=\"2\" baseType=\"lpstr\"><vt:lpstr>Budget</vt:lpstr><vt:lpstr>Log &amp; notes</vt:lpstr></vt:vector></TitlesOfParts>"
                + "<Company>ITU</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
                + "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
    }

    @Test func appPropertiesNameTheApplicationGiven() {
        var part = AppPropertiesPart(sheetNames: ["A"], company: nil, application: "rbm 0.1.0", applicationVersion: nil)
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(xml.contains("<Application>rbm 0.1.0</Application>") && !xml.contains("AppVersion") && !xml.contains("Microsoft"))
    }

    @Test func corePropertiesCarryTheGivenCreationAndModificationTimes() {
        var part = CorePropertiesPart(properties: DocumentProperties(
            created: Date(timeIntervalSince1970: 1_764_000_000), modified: Date(timeIntervalSince1970: 1_764_000_061)))
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(xml.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2025-11-24T16:00:00Z</dcterms:created>"#))
        #expect(xml.contains(#"<dcterms:modified xsi:type="dcterms:W3CDTF">2025-11-24T16:01:01Z</dcterms:modified>"#))
    }

    @Test func corePropertiesCarryTitleAuthorAndFixedDates() {
        var part = CorePropertiesPart(
            properties: DocumentProperties(title: "RBM <2026>", subject: "Reconciliation", creator: "rbm"))
        let xml = String(decoding: part.assembleXML(), as: UTF8.self)
        #expect(
            xml == WriterTestSupport.declaration
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>RBM &lt;2026&gt;</dc:title><dc:subject>Reconciliation</dc:subject>"
                + "<dc:creator>rbm</dc:creator><cp:lastModifiedBy>rbm</cp:lastModifiedBy>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>"
                + "</cp:coreProperties>")
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (946_684_800.0, "2000-01-01T00:00:00Z"),
        (1_772_323_199.9, "2026-02-28T23:59:59Z"), (951_782_400.0, "2000-02-29T00:00:00Z"),
        (-1.0, "1969-12-31T23:59:59Z"),
    ])
    func creationTimesAreUTCToTheSecond(seconds: Double, expected: String) {
        #expect(CorePropertiesPart.w3cdtf(.init(timeIntervalSince1970: seconds)) == expected)
    }
}
