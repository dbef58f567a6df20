import Foundation
import TestSupport

@testable import XLSX

/// Helpers shared by the writer's tests.
enum WriterTestSupport {
    /// A fresh path in a new temporary folder.
    static func temporaryPath(_ name: String = "test.xlsx") -> String {
        Fixtures.temporaryDirectory("rbm-writer-tests").appendingPathComponent(name).path
    }

    /// The XML of a part, as text.
    static func text(_ chunks: [[UInt8]]) -> String {
        String(decoding: chunks.joined(), as: UTF8.self)
    }

    /// Every part of a workbook, in archive order, as assembled by `close()`.
    static func parts(of workbook: WorkbookWriter) throws -> [(name: String, xml: String)] {
        var parts: [(name: String, xml: String)] = []
        try workbook.assembleParts { name, chunks in parts.append((name, text(chunks))) }
        return parts
    }

    /// The XML of one sheet with a few rows written, without the declaration.
    static func sheetXML(
        options: SheetOptions = .init(), stringStorage: WorkbookOptions.StringStorage = .shared,
        rows: [[Cell]], merges: [String] = [], isSelected: Bool = true
    ) throws -> String {
        var part = WorksheetPart(options: options, stringStorage: stringStorage)
        var styles = StylesPart()
        var strings = SharedStringsPart()
        for row in rows {
            try part.writeRow(row, height: nil, styles: &styles, sharedStrings: &strings)
        }
        for merge in merges {
            try part.mergeCells(merge)
        }
        return withoutDeclaration(text(part.assembleXML(isSelected: isSelected)))
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func withoutDeclaration(_ xml: String) -> String {
        xml.hasPrefix(declaration) ? String(xml.dropFirst(declaration.count)) : xml
    }

    static let mainNamespace = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    static let worksheetStart =
        "<worksheet \(mainNamespace) xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    static let pageMargins =
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
}
