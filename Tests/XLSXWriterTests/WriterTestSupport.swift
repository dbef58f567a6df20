import Foundation
import TestSupport
import ZipIO

@testable import XLSXWriter

/// Helpers shared by the writer's tests.
enum WriterTestSupport {
    /// A fresh path in a new temporary folder.
    static func temporaryPath(_ name: String = "test.xlsx") -> String {
        Fixtures.temporaryDirectory("rbm-writer-tests").appendingPathComponent(name).path
    }

    /// The text of the part `name` of the written workbook at `path`.
    static func partText(_ path: String, _ name: String) throws -> String {
        let archive = try ZipArchive(path: path)
        guard let entry = archive.entry(named: name) else { return "" }
        return String(decoding: try archive.readAll(entry), as: UTF8.self)
    }

    /// The XML of a part, as text, spooled rows included.
    static func text(_ part: PartBytes) throws -> String {
        String(decoding: try part.collected(), as: UTF8.self)
    }

    /// Every part of a workbook, in archive order, as assembled by `close()`.
    static func parts(of workbook: WorkbookWriter) throws -> [(name: String, xml: String)] {
        var parts: [(name: String, xml: String)] = []
        try workbook.assembleParts { name, part in parts.append((name, try text(part))) }
        return parts
    }

    /// The XML of one sheet with a few rows written, without the declaration.
    ///
    /// `annotate` adds sheet features (hyperlinks, notes, tables…) after the rows.
    static func sheetXML(
        options: SheetOptions = .init(), stringStorage: WorkbookOptions.StringStorage = .shared,
        rows: [[Cell]], merges: [String] = [], isSelected: Bool = true,
        annotate: (inout WorksheetPart, inout StylesPart) throws -> Void = { _, _ in }
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
        try annotate(&part, &styles)
        return withoutDeclaration(try text(part.assembleXML(isSelected: isSelected)))
    }

    /// What follows `<sheetData>` in a sheet's XML, up to `<pageMargins>` (excluded).
    static func elementsAfterRows(_ xml: String) -> String {
        let start = xml.range(of: "</sheetData>")?.upperBound ?? xml.range(of: "<sheetData/>")?.upperBound
        let end = xml.range(of: "<pageMargins")?.lowerBound
        guard let start, let end else { return xml }
        return String(xml[start..<end])
    }

    /// What follows `<pageMargins …/>` in a sheet's XML, up to `</worksheet>` (excluded).
    static func elementsAfterMargins(_ xml: String) -> String {
        guard let margins = xml.range(of: pageMargins), let end = xml.range(of: "</worksheet>") else { return xml }
        return String(xml[margins.upperBound..<end.lowerBound])
    }

    /// The names of the top-level elements of a worksheet, in order.
    static func worksheetElementNames(_ xml: String) -> [String] {
        var names: [String] = []
        var depth = 0
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let isClosing = rest.first == "/"
            let name = rest.drop { $0 == "/" }.prefix { !" />".contains($0) }
            guard let close = rest.firstIndex(of: ">") else { break }
            let selfClosing = rest[..<close].hasSuffix("/")
            if isClosing {
                depth -= 1
            } else {
                if depth == 1 { names.append(String(name)) }
                if !selfClosing { depth += 1 }
            }
            rest = rest[rest.index(after: close)...]
        }
        return names
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
