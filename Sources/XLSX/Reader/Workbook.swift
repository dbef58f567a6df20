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
    private let archive: ZipArchive
    private let styles: StyleTable
    private let context: WorksheetHandler.Context

    /// Opens and checks the package: sniffed format, content types, relationships, workbook,
    /// shared strings and styles.
    /// - Throws: ``XLSXError`` with a category fit for a quarantine reason.
    public convenience init(path: String) throws {
        try self.init(path: path, limits: ZipLimits())
    }

    init(path: String, limits: ZipLimits) throws {
        self.path = path
        let file = XLSX.fileName(of: path)
        fileName = file
        try FileSniffer.check(path: path)
        do { archive = try ZipArchive(path: path, limits: limits) } catch let error as ZipIOError { throw XLSXError(error, file: file) }
        let reader = PartReader(archive: archive, file: file)
        if archive.entry(named: "[Content_Types].xml") == nil {
            throw XLSXError(.notAWorkbook, file: file, "a zip archive without [Content_Types].xml (not an Office document)")
        }
        let root = try Relationships.read(for: "", with: reader)
        let workbookPart = root.first(ofType: "officeDocument")?.target ?? "xl/workbook.xml"
        guard archive.entry(named: workbookPart) != nil else {
            if archive.entry(named: "word/document.xml") != nil || archive.entry(named: "ppt/presentation.xml") != nil {
                throw XLSXError(.notAWorkbook, file: file, "an Office document that is not a workbook (Word or PowerPoint)")
            }
            if archive.entry(named: "xl/workbook.bin") != nil {
                throw XLSXError(.unsupportedFormat, file: file, "a binary workbook (.xlsb); save it as .xlsx")
            }
            throw XLSXError(.invalidContent, file: file, part: workbookPart, "the workbook part is missing")
        }
        let manifest = try WorkbookManifest.read(workbookPart, with: reader)
        let rels = try Relationships.read(for: workbookPart, with: reader)
        var sheets: [SheetInfo] = []
        var seen = Set<String>()
        for entry in manifest.sheets {
            guard let rel = rels.byID[entry.relationshipID], !rel.external else {
                throw XLSXError(.invalidContent, file: file, part: workbookPart, "sheet '\(entry.name)' has no relationship \(entry.relationshipID)")
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
            shared = try SharedStringTable.read(sst.target, with: reader).strings
        }
        var styles = StyleTable()
        if let st = rels.first(ofType: "styles"), archive.entry(named: st.target) != nil {
            styles = try StyleTable.read(st.target, with: reader)
        }
        self.styles = styles
        context = WorksheetHandler.Context(sharedStrings: shared, dateStyles: styles.dateStyles(), date1904: manifest.date1904)
    }

    /// The sheet called `name` (exact match first, then ignoring case).
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The number format code of a cell format index (`General`, `#,##0`, `0.0%`, …).
    public func numberFormat(style: Int) -> String { styles.formatCode(style: style) }

    /// A streaming cursor over a worksheet's rows.
    /// - Throws: ``XLSXError`` when the sheet is absent, not a worksheet, or its part is missing.
    public func cursor(for name: String) throws -> SheetCursor {
        guard let info = sheet(named: name) else {
            throw XLSXError(.invalidContent, file: fileName, "no sheet named '\(name)'")
        }
        return try cursor(for: info)
    }

    public func cursor(for info: SheetInfo) throws -> SheetCursor {
        guard info.kind == .worksheet else {
            throw XLSXError(.invalidContent, file: fileName, part: info.part, "'\(info.name)' is a \(info.kind.rawValue), not a worksheet")
        }
        guard let entry = archive.entry(named: info.part) else {
            throw XLSXError(.invalidContent, file: fileName, part: info.part, "the part of sheet '\(info.name)' is missing")
        }
        let stream = try PartReader(archive: archive, file: fileName).open(entry)
        return SheetCursor(sheet: info, stream: stream, context: context, file: fileName)
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
