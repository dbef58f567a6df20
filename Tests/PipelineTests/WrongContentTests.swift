import Foundation
import Testing
import TestSupport
@testable import Pipeline
import XLSXWriter

/// issue 14: a file that yields no loadable table for its kind — a Word or PowerPoint file renamed
/// to a bureau's plan name, a workbook without worksheets, an export whose only sheet is an
/// "Export Summary" — was archived with zero rows, superseded the bureau's good plan and became
/// current. Each is dropped as BR's next version beside the demo: it must be quarantined with a
/// plain reason, and BR's good plan must stay current.
@Suite struct WrongContentTests {
    static let impostor = "OP_BR_2022-2025_v9.xlsx"

    static func office(main part: String, contentType: String, xml: String) -> ZipFixture {
        ZipFixture([
            .init("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/\#(part)" ContentType="\#(contentType)"/></Types>"#),
            .init("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\#(part)"/></Relationships>"#),
            .init(part, xml),
        ])
    }

    /// Writes the impostor of `kind` at `path`.
    static func write(_ kind: String, to path: String) throws {
        switch kind {
        case "docx":
            try office(main: "word/document.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                       xml: #"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>BR operational plan</w:t></w:r></w:p></w:body></w:document>"#)
                .write(to: path)
        case "pptx":
            try office(main: "ppt/presentation.xml", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                       xml: #"<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"#)
                .write(to: path)
        case "no worksheet":
            var book = WorkbookFixture(rows: "")
            book.workbookXML = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#
            try ZipFixture(book.entries).write(to: path)
        default:   // an export whose first and only sheet summarises the export
            let book = try WorkbookWriter(path: path)
            let sheet = try book.addSheet("Export Summary")
            try sheet.writeRow(["This document was exported from Numbers. Each table was converted to an Excel worksheet."])
            try sheet.writeRow([])
            try sheet.writeRow(["Numbers Sheet Name", "Numbers Table Name", "Excel Worksheet Name"])
            try sheet.writeRow(["Sheet 1", "Table 1", "Sheet 1 - Table 1"])
            try book.close()
        }
    }

    @Test(arguments: [
        ("docx", "not-a-workbook: \(impostor): error: a Word document (.docx), not a workbook"),
        ("pptx", "not-a-workbook: \(impostor): error: a PowerPoint presentation (.pptx), not a workbook"),
        ("no worksheet", "invalid-content: \(impostor): no worksheet in the workbook (it declares no sheet at all); nothing to read"),
        ("export summary", "invalid-content: \(impostor): no OP table found (sheets seen: 'Export Summary') — Sheet 'Export Summary' of \(impostor) has no header row"),
    ])
    func aFileWithoutATableIsQuarantinedAndSupersedesNothing(kind: String, reason: String) throws {
        let work = Fixtures.temporaryDirectory("rbm-wrong-content")
        defer { try? FileManager.default.removeItem(at: work) }
        let inbox = work.appendingPathComponent("inbox")
        try Fixtures.copyPreservingTimes(atPath: Fixtures.path("fixtures/scenarios/itu-2022-2023/inbox"), toPath: inbox.path)
        try Self.write(kind, to: inbox.appendingPathComponent(Self.impostor).path)
        try CurrentSubmissionsTests.settle(inbox)
        let report = try BatchRun(options: .init(pipelinePath: DemoScenarioTests.pipeline, inbox: inbox.path,
                                                 output: work.appendingPathComponent("out").path)).run()
        let fates = Dictionary(uniqueKeysWithValues: report.manifest.inputs.map { ($0.file, $0) })
        #expect(fates[Self.impostor]?.fate == .quarantined)
        #expect(fates[Self.impostor]?.reason?.hasPrefix(reason) == true, "\(fates[Self.impostor]?.reason ?? "")")
        #expect(fates["OP_BR_2022-2025_v2.xlsx"]?.fate == .archived)
        let current = try JSONDecoder().decode([String: [String: String]].self,
                                               from: Data(contentsOf: work.appendingPathComponent("archive/current.json")))
        #expect(current["files"]?["OP/BR"] == "\(report.manifest.batch ?? "?")/OP_BR_2022-2025_v2.xlsx")
        #expect(report.findings.count == 43)
        let written = try String(contentsOf: work.appendingPathComponent("quarantine/\(report.manifest.batch ?? "?")/\(Self.impostor).reason.txt"), encoding: .utf8)
        #expect(written.hasPrefix(reason))
    }
}
