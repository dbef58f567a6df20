/// Maps `<workbook>` in `xl/workbook.xml`: the sheet list, the active tab and defined names.
struct WorkbookPart {
    /// What the workbook part needs to know about one sheet.
    struct Sheet {
        var name: String
        var hidden: Bool
        /// The autofilter's range (`A1:L20`), when the sheet has one.
        var autoFilterRange: String?
        /// Rows at the top printed on every page.
        var repeatRowsAtTop = 0
    }

    /// A name for a formula, for the whole workbook or for one sheet (`localSheet`, 0-based).
    struct DefinedName {
        var name: String
        /// Without the leading `=`.
        var formula: String
        var localSheet: Int?
        var hidden = false
    }

    var sheets: [Sheet]
    /// Index of the tab shown when the workbook opens; must be a visible sheet.
    var activeSheet: Int
    /// Names given by the caller; the filter and print-title names are added from `sheets`.
    var definedNames: [DefinedName]

    private var writer = XMLWriter()

    init(sheets: [Sheet], activeSheet: Int, definedNames: [DefinedName] = []) {
        self.sheets = sheets
        self.activeSheet = activeSheet
        self.definedNames = definedNames
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
        // The name as written: readers take it literally (no `_xHHHH_`, see XMLWriter).
        var attributes = [(key: "name", value: sheet.name), (key: "sheetId", value: String(number))]
        if sheet.hidden { attributes.append((key: "state", value: "hidden")) }
        attributes.append((key: "r:id", value: "rId\(number)"))
        writer.emptyElement("sheet", attributes: attributes, literal: true)
    }

    /// Every defined name: the caller's, Excel's hidden `_xlnm._FilterDatabase` for each sheet with
    /// an autofilter, and `_xlnm.Print_Titles` for each sheet with rows repeated on print.
    var allDefinedNames: [DefinedName] {
        var names = definedNames
        for (index, sheet) in sheets.enumerated() {
            if let range = sheet.autoFilterRange {
                names.append(
                    DefinedName(
                        name: "_xlnm._FilterDatabase", formula: Self.absoluteReference(sheet: sheet.name, range: range),
                        localSheet: index, hidden: true))
            }
            if sheet.repeatRowsAtTop > 0 {
                names.append(
                    DefinedName(
                        name: "_xlnm.Print_Titles",
                        formula: "\(Self.quotedSheetName(sheet.name))!$1:$\(sheet.repeatRowsAtTop)", localSheet: index))
            }
        }
        return names
    }

    /// The names in Excel's order: by name without the `_xlnm.` prefix, ignoring case, then by the
    /// name of their sheet (as XlsxWriter sorts them).
    private var sortedDefinedNames: [DefinedName] {
        func key(_ name: DefinedName) -> String {
            let bare = name.name.hasPrefix("_xlnm.") ? String(name.name.dropFirst(6)) : name.name
            let sheet = name.localSheet.map { sheets[$0].name } ?? ""
            return bare.lowercased() + "::" + sheet.lowercased()
        }
        return allDefinedNames.enumerated()
            .sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }
            .map(\.element)
    }

    private mutating func writeDefinedNames() {
        let names = sortedDefinedNames
        guard !names.isEmpty else { return }
        writer.startElement("definedNames")
        for name in names {
            writeDefinedName(name)
        }
        writer.endElement("definedNames")
    }

    private mutating func writeDefinedName(_ name: DefinedName) {
        var attributes: [(key: String, value: String)] = [("name", name.name)]
        if let sheet = name.localSheet { attributes.append(("localSheetId", String(sheet))) }
        if name.hidden { attributes.append(("hidden", "1")) }
        writer.startElement("definedName", attributes: attributes)
        writer.text(name.formula)
        writer.endElement("definedName")
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
        // Most names have no apostrophe to double: `replacing` is not run for them (every
        // hyperlink quotes its sheet's name; issue 11).
        guard name.utf8.contains(UInt8(ascii: "'")) else { return "'" + name + "'" }
        return "'" + name.replacing("'", with: "''") + "'"
    }

    /// Whether `name` can name a formula or a table: 1 to 255 characters, a letter, `_` or `\`
    /// first, then letters, digits, `_`, `.` or `\`, and not something that reads as a cell.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, name.utf16.count <= 255 else { return false }
        guard first.isLetter || first == "_" || first == "\\" else { return false }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "\\" }) else {
            return false
        }
        return !looksLikeReference(name)
    }

    /// Whether `name` would read as a cell reference in A1 (`AB12`) or R1C1 (`R2C3`, `R`, `C4`) form.
    static func looksLikeReference(_ name: String) -> Bool {
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
