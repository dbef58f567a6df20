public import XLSXCore
internal import ZipIO
internal import XMLIO

/// An XLSX workbook opened for reading: small parts read eagerly, sheets streamed.
///
/// ```swift
/// let book = try Workbook(path: "OP_BR_2022-2025_v2.xlsx")
/// let cursor = try book.cursor(for: "Operational plan")
/// while let row = try cursor.nextRow() { … }
/// ```
public final class Workbook {
    public let path: String
    /// The file name without folder, used in every message.
    public let fileName: String
    public let sheets: [SheetInfo]
    public let date1904: Bool
    public let definedNames: [DefinedName]
    /// The caps this workbook is read under.
    public let limits: ReaderLimits
    private let archive: ZipArchive
    private let styles: StyleTable
    private let context: WorksheetHandler.Context

    /// Opens and checks the package: sniffed format, content types, relationships, workbook,
    /// shared strings and styles.
    /// - Throws: ``XLSXError`` with a category fit for a quarantine reason.
    public convenience init(path: String) throws {
        try self.init(path: path, limits: ReaderLimits())
    }

    /// Opens the workbook under `limits` instead of the defaults.
    /// - Throws: ``XLSXError`` with a category fit for a quarantine reason.
    public init(path: String, limits: ReaderLimits) throws {
        self.path = path
        self.limits = limits
        let file = XLSXReader.fileName(of: path)
        fileName = file
        try FileSniffer.check(path: path)
        do {
            archive = try ZipArchive(path: path, limits: limits.zip)
        } catch let error as ZipIOError {
            throw FileSniffer.explain(error, path: path)
        }
        let reader = PartReader(archive: archive, file: file, limits: limits)
        let workbookPart = try Self.locateWorkbookPart(archive: archive, reader: reader, file: file)
        let manifest = try WorkbookManifest.read(workbookPart, with: reader)
        let rels = try Relationships.read(for: workbookPart, with: reader)
        var sheets: [SheetInfo] = []
        var seen = Set<String>()
        for entry in manifest.sheets {
            guard let rid = entry.relationshipID else {
                throw XLSXError(.invalidContent, file: file, part: workbookPart, "sheet '\(entry.name)' has no r:id")
            }
            guard let rel = rels.byID[rid], !rel.external, !rel.target.isEmpty else {
                throw XLSXError(.invalidContent, file: file, part: workbookPart,
                                "sheet '\(entry.name)' has no usable relationship \(rid) (missing, external or outside the package)")
            }
            guard seen.insert(entry.name.lowercased()).inserted else {
                throw XLSXError(.invalidContent, file: file, part: workbookPart, "two sheets are named '\(entry.name)'")
            }
            let kind: SheetInfo.Kind = switch rel.type.split(separator: "/").last {
            case "worksheet": .worksheet
            case "chartsheet": .chartsheet
            case "dialogsheet": .dialogsheet
            case "xlMacrosheet", "xlIntlMacrosheet": .macrosheet
            default: .other
            }
            sheets.append(SheetInfo(name: entry.name, visibility: entry.state, kind: kind, part: rel.target))
        }
        self.sheets = sheets
        date1904 = manifest.date1904
        definedNames = manifest.definedNames
        var shared: [String] = []
        if let sst = rels.first(ofType: "sharedStrings"), archive.entry(named: sst.target) != nil {
            shared = try SharedStringTable.read(sst.target, with: reader, limits: limits).strings
        }
        var styles = StyleTable()
        if let st = rels.first(ofType: "styles"), archive.entry(named: st.target) != nil {
            styles = try StyleTable.read(st.target, with: reader)
        }
        self.styles = styles
        context = WorksheetHandler.Context(sharedStrings: shared, displays: styles.displays(), date1904: manifest.date1904,
                                           maxCellCharacters: limits.maxCellCharacters)
    }

    /// Finds the workbook part through `[Content_Types].xml` and `_rels/.rels`, telling a damaged
    /// workbook from an archive that is some other kind of document.
    private static func locateWorkbookPart(archive: ZipArchive, reader: PartReader, file: String) throws -> String {
        let hasWorkbook = archive.entry(named: "xl/workbook.xml") != nil
        guard archive.entry(named: "[Content_Types].xml") != nil else {
            if let mimetype = archive.entry(named: "mimetype"),
               let text = try? reader.bytes(mimetype, cap: 256), String(decoding: text, as: UTF8.self).contains("opendocument.spreadsheet") {
                throw XLSXError(.unsupportedFormat, file: file, "an OpenDocument spreadsheet (.ods); save it as .xlsx")
            }
            if hasWorkbook || archive.entries.contains(where: { ZipArchive.fold($0.name).hasPrefix("xl/") }) {
                throw XLSXError(.invalidContent, file: file, part: "[Content_Types].xml",
                                "the package has no [Content_Types].xml (a damaged workbook); open and save it again")
            }
            throw XLSXError(.notAWorkbook, file: file, "a zip archive without [Content_Types].xml, not an Office document")
        }
        let root = try Relationships.read(for: "", with: reader)
        let target = root.first(ofType: "officeDocument").flatMap { $0.external ? nil : $0.target }
        if let target, target.lowercased().hasSuffix(".bin") || archive.entry(named: "xl/workbook.bin") != nil && !hasWorkbook {
            throw XLSXError(.unsupportedFormat, file: file, "a binary workbook (.xlsb); save it as .xlsx")
        }
        // A Word or PowerPoint package renamed .xlsx points its main part elsewhere; read as a
        // workbook it would declare no sheet and pass for an empty workbook (issue 14).
        switch target.map({ ZipArchive.fold($0).split(separator: "/").first.map(String.init) ?? "" }) {
        case "word"?: throw XLSXError(.notAWorkbook, file: file, "a Word document (.docx), not a workbook")
        case "ppt"?: throw XLSXError(.notAWorkbook, file: file, "a PowerPoint presentation (.pptx), not a workbook")
        default: break
        }
        let workbookPart = target ?? "xl/workbook.xml"
        if archive.entry(named: workbookPart) == nil {
            if archive.entry(named: "word/document.xml") != nil {
                throw XLSXError(.notAWorkbook, file: file, "a Word document (.docx), not a workbook")
            }
            if archive.entry(named: "ppt/presentation.xml") != nil {
                throw XLSXError(.notAWorkbook, file: file, "a PowerPoint presentation (.pptx), not a workbook")
            }
            if archive.entry(named: "xl/workbook.bin") != nil {
                throw XLSXError(.unsupportedFormat, file: file, "a binary workbook (.xlsb); save it as .xlsx")
            }
            throw XLSXError(.invalidContent, file: file, part: workbookPart, "the workbook part is missing")
        }
        return workbookPart
    }

    /// The sheet called `name` (exact match first, then ignoring case).
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The number format code of a cell format index (`General`, `#,##0`, `0.0%`, …).
    public func numberFormat(style: Int) -> String { styles.formatCode(style: style) }

    /// A streaming cursor over a worksheet's rows.
    /// - Throws: ``XLSXError`` when the sheet is absent, not a worksheet or macro sheet, or its
    ///   part is missing.
    public func cursor(for name: String) throws -> SheetCursor {
        guard let info = sheet(named: name) else {
            throw XLSXError(.invalidContent, file: fileName, "no sheet named '\(name)'")
        }
        return try cursor(for: info)
    }

    public func cursor(for info: SheetInfo) throws -> SheetCursor {
        // A macro sheet (Excel 4.0 macros) is a grid like a worksheet; chart and dialog sheets are not.
        guard info.kind == .worksheet || info.kind == .macrosheet else {
            throw XLSXError(.invalidContent, file: fileName, part: info.part, "'\(info.name)' is a \(info.kind.rawValue), not a worksheet")
        }
        guard let entry = archive.entry(named: info.part) else {
            throw XLSXError(.invalidContent, file: fileName, part: info.part, "the part of sheet '\(info.name)' is missing")
        }
        let stream = try PartReader(archive: archive, file: fileName, limits: limits).open(entry, cap: limits.maxWorksheetBytes)
        return SheetCursor(sheet: info, stream: stream, context: context, file: fileName, xmlLimits: limits.xml)
    }

    /// The tables (ListObjects) on a worksheet, top to bottom then left to right; none for a
    /// sheet that is not a worksheet. Read on request: opening a workbook does not parse them.
    /// - Throws: ``XLSXError`` naming the part when a table the sheet declares is missing or malformed.
    public func tables(in info: SheetInfo) throws -> [TableDefinition] {
        guard info.kind == .worksheet else { return [] }
        let reader = PartReader(archive: archive, file: fileName, limits: limits)
        let rels = try Relationships.read(for: info.part, with: reader)
        var tables: [TableDefinition] = []
        for rel in rels.all(ofType: "table") {
            guard !rel.external, !rel.target.isEmpty else {
                throw XLSXError(.invalidContent, file: fileName, part: PartName.relationships(of: info.part),
                                "table relationship \(rel.id) of sheet '\(info.name)' points outside the package")
            }
            tables.append(try TableDefinition.read(rel.target, sheet: info.name, with: reader))
        }
        return tables.sorted { ($0.range.first.row, $0.range.first.column) < ($1.range.first.row, $1.range.first.column) }
    }

    /// Every table of the workbook, sheet by sheet in workbook order.
    public func tables() throws -> [TableDefinition] {
        try sheets.flatMap { try tables(in: $0) }
    }

    /// The table called `name`, ignoring case as Excel does (table names are unique in a workbook).
    public func table(named name: String) throws -> TableDefinition? {
        try tables().first { $0.name.lowercased() == name.lowercased() }
    }

    /// Reads a whole worksheet into memory: rows and merged ranges (for small, table-like sheets).
    public func grid(for info: SheetInfo) throws -> SheetGrid {
        let cursor = try cursor(for: info)
        var rows: [SheetRow] = []
        while let row = try cursor.nextRow() { rows.append(row) }
        return SheetGrid(sheet: info, rows: rows, mergedRanges: cursor.mergedRanges)
    }
}

/// A worksheet read whole: its non-empty rows and its merged ranges.
public struct SheetGrid: Sendable {
    public var sheet: SheetInfo
    public var rows: [SheetRow]
    public var mergedRanges: [CellRange]

    public init(sheet: SheetInfo, rows: [SheetRow], mergedRanges: [CellRange]) {
        self.sheet = sheet
        self.rows = rows
        self.mergedRanges = mergedRanges
    }
}
