import Foundation
import XLSXCore
import XLSXReader

/// A cell value as the corpus writes it: `[ref, type, value]`.
enum ReferenceValue: Equatable, CustomStringConvertible {
    case number(Double)
    case numberText(String)   // `nan`, `inf`: what openpyxl's float gave
    case string(String)
    /// A string over 32,767 characters, summarised (hostile files only).
    case longString(length: Int, prefix: String)
    case bool(Bool)
    case error(String)
    case date(ISOInstant)

    init?(type: String, value: Any) {
        switch type {
        case "n":
            if let text = value as? String { self = .numberText(text) }
            else if let n = value as? NSNumber { self = .number(n.doubleValue) } else { return nil }
        case "s":
            if let s = value as? String { self = .string(s) }
            else if let d = value as? [String: Any], let length = (d["length"] as? NSNumber)?.intValue, let prefix = d["prefix"] as? String {
                self = .longString(length: length, prefix: prefix)
            } else { return nil }
        case "b":
            guard let n = value as? NSNumber else { return nil }
            self = .bool(n.boolValue)
        case "e":
            guard let s = value as? String else { return nil }
            self = .error(s)
        case "d":
            guard let s = value as? String, let instant = ISOInstant(s) else { return nil }
            self = .date(instant)
        default: return nil
        }
    }

    /// rbm's reading of a cell, or nil when it counts as empty (no value, the empty string, a formula
    /// without a saved result).
    init?(_ cell: SheetCell) {
        switch cell.value {
        case .number(let d, _): self = .number(d)
        case .string(let s):
            if s.isEmpty { return nil }
            self = .string(s)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .error(e)
        case .date(_, let iso):
            guard let instant = ISOInstant(iso) else { self = .string("unparsable date '\(iso)'"); return }
            self = .date(instant)
        case .uncalculated: return nil   // no saved result: the references see a blank
        }
    }

    var type: String {
        switch self {
        case .number, .numberText: "n"
        case .string, .longString: "s"
        case .bool: "b"
        case .error: "e"
        case .date: "d"
        }
    }

    /// Whether rbm's value `self` matches the reference `other` (numbers numerically, dates as
    /// instants to the millisecond, long strings by length and prefix).
    func matches(_ other: ReferenceValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
        case (.number(let a), .numberText(let t)): return "\(a)".lowercased() == t.lowercased()
        case (.string(let s), .longString(let length, let prefix)):
            return s.unicodeScalars.count == length && String(String.UnicodeScalarView(s.unicodeScalars.prefix(64))) == prefix
        case (.date(let a), .date(let b)): return a.matches(b)
        default: return self == other
        }
    }

    var description: String {
        switch self {
        case .number(let d): "n \(d)"
        case .numberText(let t): "n \(t)"
        case .string(let s): "s \(s.debugDescription.prefix(120))"
        case .longString(let length, let prefix): "s <\(length) chars: \(prefix.prefix(20).debugDescription)…>"
        case .bool(let b): "b \(b)"
        case .error(let e): "e \(e)"
        case .date(let i): "d \(i.text)"
        }
    }
}

/// ISO 8601 text as the corpus writes dates: a date-time (`2003-02-01T04:05:06.009`), a date, a
/// time of day, or a duration (`-P1DT4H48M0S`); compared to the millisecond.
struct ISOInstant: Equatable {
    enum Kind: Equatable { case dateTime, time, duration }
    var kind: Kind
    /// Microseconds since 1970-01-01 (date-times), since midnight (times), or in total (durations).
    var micros: Int64
    var text: String

    init?(_ raw: String) {
        text = raw
        var s = Substring(raw)
        if s.hasSuffix("Z") { s = s.dropLast() }
        if s.hasPrefix("P") || s.hasPrefix("-P") {
            guard let d = Self.duration(s) else { return nil }
            kind = .duration
            micros = d
            return
        }
        if s.count >= 10, s[s.index(s.startIndex, offsetBy: 4)] == "-" {
            let parts = s.split(separator: "T", maxSplits: 1)
            let ymd = parts[0].split(separator: "-")
            guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]) else { return nil }
            var time: Int64 = 0
            if parts.count == 2 {
                guard let t = Self.clock(parts[1]) else { return nil }
                time = t
            }
            kind = .dateTime
            micros = Int64(Self.daysFromCivil(y, m, d)) * 86_400_000_000 + time
            return
        }
        guard let t = Self.clock(s) else { return nil }
        kind = .time
        micros = t
    }

    func matches(_ other: ISOInstant) -> Bool {
        kind == other.kind && abs(micros - other.micros) <= 1_000
    }

    static func == (a: ISOInstant, b: ISOInstant) -> Bool { a.kind == b.kind && a.micros == b.micros }

    private static func clock(_ s: Substring) -> Int64? {
        let hms = s.split(separator: ":")
        guard hms.count == 3, let h = Int64(hms[0]), let m = Int64(hms[1]), let sec = Double(hms[2]) else { return nil }
        return (h * 3600 + m * 60) * 1_000_000 + Int64((sec * 1_000_000).rounded())
    }

    private static func duration(_ s: Substring) -> Int64? {
        var rest = s
        var sign: Int64 = 1
        if rest.hasPrefix("-") { sign = -1; rest = rest.dropFirst() }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var number = ""
        var inTime = false
        for ch in rest {
            switch ch {
            case "T": inTime = true
            case "0"..."9", ".": number.append(ch)
            case "D", "H", "M", "S":
                guard let v = Double(number) else { return nil }
                number = ""
                switch ch {
                case "D": total += v * 86_400
                case "H": total += v * 3600
                case "M": total += inTime ? v * 60 : v * 30 * 86_400
                default: total += v
                }
            default: return nil
            }
        }
        return sign * Int64((total * 1_000_000).rounded())
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// The reference values of one corpus file (`expected/<file>.json`) and the comparison with rbm.
struct CorpusReference {
    struct Sheet {
        var name: String
        var kind: String
        /// Visibility states either reader reported.
        var states: Set<String>
        /// Primary reference cells (openpyxl's, or calamine's for sheets only calamine listed).
        var primary: [CellReference: ReferenceValue] = [:]
        /// The last cell position the primary list covers when it was truncated at 5,000 cells.
        var primaryBound: CellReference?
        /// calamine's cells, accepted where the readers disagree.
        var secondary: [CellReference: ReferenceValue] = [:]
        var secondaryBound: CellReference?
        /// Refs listed as disagreements; all refs when the list was truncated.
        var disagreements: Set<CellReference> = []
        var disagreementsTruncated = false
        /// True when only calamine's view exists (apply calamine's known deviations).
        var calamineOnly = false
    }

    var file: String
    var sheets: [Sheet] = []
    /// Whether either reference reader opened the file.
    var referenceOpened: Bool

    init(json url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        file = root["file"] as? String ?? url.lastPathComponent
        let openpyxl = root["openpyxl_opened"] as? Bool ?? false
        let calamine = root["calamine_opened"] as? Bool ?? false
        referenceOpened = openpyxl || calamine
        for raw in root["sheets"] as? [[String: Any]] ?? [] {
            var sheet = Sheet(name: raw["name"] as? String ?? "", kind: raw["kind"] as? String ?? "worksheet", states: [])
            if let state = raw["state"] as? String { sheet.states.insert(state) }
            (sheet.primary, sheet.primaryBound) = Self.cells(raw)
            if let cal = raw["calamine"] as? [String: Any] {
                if let state = cal["state"] as? String { sheet.states.insert(state) }
                if cal["error"] == nil || cal["error"] is NSNull {
                    (sheet.secondary, sheet.secondaryBound) = Self.cells(cal)
                }
            }
            if let dis = raw["disagreements"] as? [String: Any] {
                for record in dis["cells"] as? [[String: Any]] ?? [] {
                    if let ref = (record["ref"] as? String).flatMap({ CellReference($0) }) { sheet.disagreements.insert(ref) }
                }
                sheet.disagreementsTruncated = dis["truncated"] as? Bool ?? false
            }
            sheets.append(sheet)
        }
        for raw in root["calamine_only_sheets"] as? [[String: Any]] ?? [] {
            var sheet = Sheet(name: raw["name"] as? String ?? "", kind: raw["kind"] as? String ?? "worksheet", states: [])
            if let state = raw["state"] as? String { sheet.states.insert(state) }
            (sheet.primary, sheet.primaryBound) = Self.cells(raw)
            sheet.calamineOnly = true
            sheets.append(sheet)
        }
    }

    private static func cells(_ sheet: [String: Any]) -> ([CellReference: ReferenceValue], CellReference?) {
        var out: [CellReference: ReferenceValue] = [:]
        var last: CellReference?
        for cell in sheet["cells"] as? [[Any]] ?? [] {
            guard cell.count == 3, let ref = (cell[0] as? String).flatMap({ CellReference($0) }) ?? rowZero(cell[0]),
                  let type = cell[1] as? String, let value = ReferenceValue(type: type, value: cell[2])
            else { continue }
            out[ref] = value
            last = ref
        }
        let truncated = sheet["cells_truncated"] as? Bool ?? false
        return (out, truncated ? last : nil)
    }

    /// openpyxl writes `A0` for rows numbered from 0 (one hostile file); rbm cannot match those.
    private static func rowZero(_ any: Any) -> CellReference? {
        guard let s = any as? String, s.hasSuffix("0"), let ref = CellReference(s.dropLast() + "1") else { return nil }
        return CellReference(row: 0, column: ref.column)
    }

    /// One difference between rbm and the references: `Sheet!B7: rbm n 3 ≠ s "3"`.
    struct Problem: CustomStringConvertible {
        var sheet: String
        /// The cell (`B7`), or `*` for the sheet as a whole.
        var ref: String
        var text: String
        var description: String { "\(sheet)!\(ref): \(text)" }
    }

    /// Differences between rbm's reading of `book` and the references.
    func compare(with book: Workbook) throws -> [Problem] {
        var problems: [Problem] = []
        for expected in sheets {
            guard let info = book.sheet(named: expected.name) else {
                problems.append(Problem(sheet: expected.name, ref: "*", text: "sheet missing in rbm (rbm lists \(book.sheets.map(\.name)))"))
                continue
            }
            let rbmKind = info.kind == .worksheet || info.kind == .macrosheet || info.kind == .dialogsheet ? "worksheet" : info.kind.rawValue
            if expected.kind != rbmKind, !(expected.calamineOnly && expected.kind == info.kind.rawValue) {
                problems.append(Problem(sheet: expected.name, ref: "*", text: "kind \(info.kind.rawValue) ≠ \(expected.kind)"))
            }
            if !expected.states.isEmpty, !expected.states.contains(info.visibility.rawValue) {
                problems.append(Problem(sheet: expected.name, ref: "*",
                                        text: "state \(info.visibility.rawValue) ≠ \(expected.states.sorted().joined(separator: " or "))"))
            }
            guard info.kind == .worksheet || info.kind == .macrosheet else { continue }
            var actual: [CellReference: ReferenceValue] = [:]
            let cursor = try book.cursor(for: info)
            while let row = try cursor.nextRow() {
                for cell in row.cells {
                    if let value = ReferenceValue(cell) { actual[cell.reference] = value }
                }
            }
            problems += compare(expected, actual)
        }
        return problems
    }

    private func compare(_ sheet: Sheet, _ actual: [CellReference: ReferenceValue]) -> [Problem] {
        var problems: [Problem] = []
        let refs = Set(actual.keys).union(sheet.primary.keys).sorted()
        for ref in refs {
            if let bound = sheet.primaryBound, bound < ref { continue }
            let mine = actual[ref]
            let primary = sheet.primary[ref]
            let disagreeing = !sheet.calamineOnly && (sheet.disagreementsTruncated || sheet.disagreements.contains(ref))
                && !(sheet.secondaryBound.map { $0 < ref } ?? false)
            if disagreeing, let shown = Self.trimmedByCalamine(openpyxl: primary, calamine: sheet.secondary[ref]) {
                // Not either answer: only the text Excel shows.
                if Self.same(mine, shown) { continue }
                problems.append(Problem(sheet: sheet.name, ref: ref.description,
                                        text: "rbm \(mine.map(\.description) ?? "empty") ≠ \(shown) (Excel drops the whitespace openpyxl keeps)"))
                continue
            }
            if Self.same(mine, primary) { continue }
            if sheet.calamineOnly, Self.calamineDeviation(mine: mine, calamine: primary) { continue }
            if !sheet.calamineOnly, sheet.disagreementsTruncated || sheet.disagreements.contains(ref) {
                if let bound = sheet.secondaryBound, bound < ref { continue }
                if Self.same(mine, sheet.secondary[ref]) { continue }
            }
            let want = primary.map(\.description) ?? "empty"
            let alt = !sheet.calamineOnly && sheet.disagreements.contains(ref) ? " or \(sheet.secondary[ref].map(\.description) ?? "empty")" : ""
            problems.append(Problem(sheet: sheet.name, ref: ref.description, text: "rbm \(mine.map(\.description) ?? "empty") ≠ \(want)\(alt)"))
        }
        return problems
    }

    private static func same(_ mine: ReferenceValue?, _ reference: ReferenceValue?) -> Bool {
        switch (mine, reference) {
        case (nil, nil): true
        case (let a?, let b?): a.matches(b)
        default: false
        }
    }

    /// calamine's documented deviations (corpus README, "Known differences") where rbm reads what
    /// Excel shows and calamine does not: it drops error values, and a `<t>` of nothing but XML
    /// whitespace (rbm keeps it, as it keeps a rich-text run that separates two words: see
    /// `OOXMLText+Whitespace.swift`). `calamine__minimal_package.xlsx` holds 1,903 such cells.
    /// Trimming is no deviation: rbm trims each `<t>` without `xml:space="preserve"` as calamine does.
    private static func calamineDeviation(mine: ReferenceValue?, calamine: ReferenceValue?) -> Bool {
        switch (mine, calamine) {
        case (.error?, nil): return true
        case (.string(let s)?, nil): return s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        default: return false
        }
    }

    /// Where the references disagree only in whitespace at the ends of a string (corpus README,
    /// "Whitespace"): openpyxl keeps the literal content of a `<t>` without `xml:space="preserve"`,
    /// calamine 0.9.1 trims it as Excel shows it. calamine's text is the one to match then.
    private static func trimmedByCalamine(openpyxl: ReferenceValue?, calamine: ReferenceValue?) -> ReferenceValue? {
        guard case .string(let o)? = openpyxl, case .string(let c)? = calamine, o != c, !c.isEmpty,
              o.trimmingCharacters(in: .whitespacesAndNewlines) == c else { return nil }
        return calamine
    }
}
