internal import XMLIO

/// What `xl/workbook.xml` declares: sheets in order, their state, the date system, defined names.
struct WorkbookManifest {
    struct SheetEntry {
        var name: String
        var relationshipID: String?
        var state: SheetInfo.Visibility
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    var definedNames: [DefinedName] = []

    static func read(_ part: String, with reader: PartReader) throws -> WorkbookManifest {
        try reader.parse(part, handler: Handler(file: reader.file, part: part)).result
    }

    private struct Handler: XMLEventHandler {
        static let vocabulary = XMLVocabulary(
            elements: ["sheet", "workbookPr", "definedName"],
            textElements: ["definedName"],
            attributes: ["name", "id", "state", "date1904", "localSheetId", "hidden"]
        )
        let file: String
        let part: String
        var result = WorkbookManifest()
        private var pendingName: (String, Int?, Bool)?

        init(file: String, part: String) {
            self.file = file
            self.part = part
        }

        mutating func startElement(_ element: Int, attributes: borrowing XMLAttributes) throws {
            switch element {
            case 0:
                guard let name = attributes[0] else {
                    throw XLSXError(.invalidContent, file: file, part: part, "a <sheet> without a name")
                }
                let rid = attributes[1]
                let state: SheetInfo.Visibility = switch attributes[2] {
                case "hidden": .hidden
                case "veryHidden": .veryHidden
                default: .visible
                }
                result.sheets.append(SheetEntry(name: name, relationshipID: rid, state: state))
            case 1:
                if let v = attributes[3] { result.date1904 = (v == "1" || v == "true") }
            case 2:
                if let name = attributes[0] {
                    pendingName = (name, attributes[4].flatMap { Int($0) }, attributes[5] == "1" || attributes[5] == "true")
                }
            default: break
            }
        }

        mutating func endElement(_ element: Int, text: borrowing XMLText) throws {
            if element == 2, let (name, sheet, hidden) = pendingName {
                result.definedNames.append(DefinedName(name: name, formula: text.string(), localSheetIndex: sheet, hidden: hidden))
                pendingName = nil
            }
        }
    }
}

/// A defined name of the workbook (`<definedName>`).
public struct DefinedName: Sendable, Equatable {
    public var name: String
    public var formula: String
    /// The 0-based sheet it is local to, nil for a workbook-wide name.
    public var localSheetIndex: Int?
    public var hidden: Bool
}

/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Equatable {
    public enum Visibility: String, Sendable { case visible, hidden, veryHidden }
    public enum Kind: String, Sendable { case worksheet, chartsheet, dialogsheet, macrosheet, other }

    public var name: String
    public var visibility: Visibility
    public var kind: Kind
    /// The part holding it, e.g. `xl/worksheets/sheet1.xml`.
    public var part: String
}
