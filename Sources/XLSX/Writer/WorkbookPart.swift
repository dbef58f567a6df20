/// Maps `<workbook>` in `xl/workbook.xml`: the sheet list, the active tab and defined names.
struct WorkbookPart {
    /// What the workbook part needs to know about one sheet.
    struct Sheet {
        var name: String
        var hidden: Bool
        /// The autofilter's range (`A1:L20`), when the sheet has one.
        var autoFilterRange: String?
    }

    var sheets: [Sheet]
    /// Index of the tab shown when the workbook opens; must be a visible sheet.
    var activeSheet: Int

    private var writer = XMLWriter()

    init(sheets: [Sheet], activeSheet: Int) {
        self.sheets = sheets
        self.activeSheet = activeSheet
    }

    static let name = "xl/workbook.xml"

    mutating func assembleXML() -> [UInt8] {
        writer.writeDeclaration()
        writeWorkbook()
        return writer.take()
    }

    // ECMA-376 CT_Workbook order: fileVersion, workbookPr, bookViews, sheets, definedNames, calcPr.
    private mutating func writeWorkbook() {
        writer.startElement(
            "workbook",
            [
                "xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            ])
        writeFileVersion()
        writeWorkbookPr()
        writeBookViews()
        writeSheets()
        writeDefinedNames()
        writeCalcPr()
        writer.endElement("workbook")
    }

    private mutating func writeFileVersion() {
        writer.emptyElement(
            "fileVersion", ["appName": "xl", "lastEdited": "4", "lowestEdited": "4", "rupBuild": "4505"])
    }

    private mutating func writeWorkbookPr() {
        writer.emptyElement("workbookPr", ["defaultThemeVersion": "124226"])
    }

    private mutating func writeBookViews() {
        writer.startElement("bookViews")
        writeWorkbookView()
        writer.endElement("bookViews")
    }

    private mutating func writeWorkbookView() {
        if activeSheet > 0 {
            writer.emptyElement(
                "workbookView",
                [
                    "xWindow": "240", "yWindow": "15", "windowWidth": "16095", "windowHeight": "9660",
                    "activeTab": String(activeSheet),
                ])
        } else {
            writer.emptyElement(
                "workbookView", ["xWindow": "240", "yWindow": "15", "windowWidth": "16095", "windowHeight": "9660"])
        }
    }

    private mutating func writeSheets() {
        writer.startElement("sheets")
        for (index, sheet) in sheets.enumerated() {
            writeSheet(sheet, number: index + 1)
        }
        writer.endElement("sheets")
    }

    private mutating func writeSheet(_ sheet: Sheet, number: Int) {
        if sheet.hidden {
            writer.emptyElement(
                "sheet", ["name": sheet.name, "sheetId": String(number), "state": "hidden", "r:id": "rId\(number)"])
        } else {
            writer.emptyElement("sheet", ["name": sheet.name, "sheetId": String(number), "r:id": "rId\(number)"])
        }
    }

    /// Excel's hidden `_xlnm._FilterDatabase` name, one per sheet with an autofilter, by sheet.
    private mutating func writeDefinedNames() {
        let filtered = sheets.indices.filter { sheets[$0].autoFilterRange != nil }
        guard !filtered.isEmpty else { return }
        writer.startElement("definedNames")
        for index in filtered {
            writeDefinedName(
                "_xlnm._FilterDatabase", localSheetId: index,
                formula: Self.absoluteReference(sheet: sheets[index].name, range: sheets[index].autoFilterRange!))
        }
        writer.endElement("definedNames")
    }

    private mutating func writeDefinedName(_ name: String, localSheetId: Int, formula: String) {
        writer.textElement(
            "definedName", ["name": name, "localSheetId": String(localSheetId), "hidden": "1"], text: formula)
    }

    private mutating func writeCalcPr() {
        writer.emptyElement("calcPr", ["calcId": "124519", "fullCalcOnLoad": "1"])
    }

    /// `Sheet1!$A$1:$C$5`, quoting the sheet name when a formula needs it (`'Q1 plan'!$A$1`).
    static func absoluteReference(sheet: String, range: String) -> String {
        let absolute = range.split(separator: ":").map { corner in
            let letters = corner.prefix { $0.isLetter }
            return "$\(letters)$\(corner.dropFirst(letters.count))"
        }
        return "\(quotedSheetName(sheet))!\(absolute.joined(separator: ":"))"
    }

    /// The sheet name as a formula prefix: bare when it is a plain identifier, else in single quotes
    /// with inner quotes doubled.
    static func quotedSheetName(_ name: String) -> String {
        let isIdentifier =
            name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default:
                    false
                }
            }
            && !(name.first.map { $0.isNumber || $0 == "." } ?? true)
            && !looksLikeReference(name)
        if isIdentifier { return name }
        return "'" + name.replacing("'", with: "''") + "'"
    }

    /// Whether `name` would read as a cell reference in A1 (`AB12`) or R1C1 (`R2C3`, `R`, `C4`) form.
    private static func looksLikeReference(_ name: String) -> Bool {
        let upper = name.uppercased()
        let letters = upper.prefix { $0.isLetter }
        let digits = upper.dropFirst(letters.count)
        if (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy(\.isNumber) { return true }
        guard let first = upper.first, first == "R" || first == "C" else { return false }
        var rest = Substring(upper)
        for marker: Character in ["R", "C"] where rest.first == marker {
            rest = rest.dropFirst().drop { $0.isNumber }
        }
        return rest.isEmpty
    }
}
