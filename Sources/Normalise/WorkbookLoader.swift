import Foundation
import Results
import XLSXReader

/// Turns one workbook file into its part of the results model: sniff, read, normalise.
///
/// This is the per-file unit of work (`reliability.md` 1.1): a pure function of the file and the
/// settings, so it can run in a worker process. File-level problems are thrown as ``XLSXError``;
/// row-level problems become findings and notes inside the returned model.
public struct WorkbookLoader: Sendable {
    public let sources: [SourceProfile]
    public let settings: NormaliseSettings
    /// Counts the rows each sheet loader holds at once and its passes over sheets (tests).
    package var probe: RowWindowProbe?

    public init(sources: [SourceProfile], settings: NormaliseSettings) {
        self.sources = sources
        self.settings = settings
    }

    /// The source whose file patterns match the file name, if any.
    public func source(forFile name: String) -> SourceProfile? {
        sources.first { $0.files.contains { Glob.matches($0, name) } }
    }

    /// The source whose `titles` words occur in the title rows of the workbook's first visible sheet, for a
    /// file whose name matches no pattern. Nil when none does.
    /// - Throws: ``XLSXError`` when the workbook or its first rows cannot be read: the cause, not
    ///   a mere "not recognised", is then what the file is refused for.
    public func source(forTitleOf path: String) throws -> SourceProfile? {
        let workbook = try Workbook(path: path)
        guard let first = DefaultSheet(worksheets: workbook.sheets.filter { $0.kind == .worksheet }).sheet else { return nil }
        let cursor = try workbook.cursor(for: first)
        var titles: [String] = []
        while titles.count < 6, let row = try cursor.nextRow(), row.cells.count == 1 { titles.append(row.cells[0].text) }
        let text = HeaderKey.fold(titles.joined(separator: " "))
        return sources.first { source in
            (source.titles ?? []).contains { word in
                let key = HeaderKey.fold(word)
                return !key.isEmpty && (" " + text + " ").contains(" " + key + " ")
            }
        }
    }

    /// The bureau a source's rule reads from a file name alone (fixed, or the `fileName` pattern).
    public func bureau(fromFileName file: String, source: SourceProfile) -> Bureau? {
        let rule = source.bureau ?? BureauRule()
        if let fixed = rule.fixed { return fixed }
        guard let pattern = rule.fileName, let regex = try? Regex(pattern), let match = try? regex.firstMatch(in: file),
              let group = match.output["bureau"]?.substring, let code = settings.bureaus.canonical(String(group)) else { return nil }
        return Bureau(rawValue: code)
    }

    /// Reads and normalises the workbook at `path` as `source` describes it.
    /// - Throws: ``XLSXError`` when the file cannot be read at all, ``OtherPeriod`` when its
    ///   amounts are all for years outside the biennium, ``NoTable`` when none of the source's
    ///   tables is found (in each case it is then quarantined).
    public func load(path: String, as source: SourceProfile) throws -> ResultsModel {
        let workbook = try Workbook(path: path)
        let file = workbook.fileName
        var model = ResultsModel()
        let ext = (file as NSString).pathExtension.lowercased()
        if !["xlsx", "xlsm"].contains(ext) {
            model.notes.append(Note(.fileExtension, source: SourceRef(file: file),
                                    "an Office Open XML workbook named \(ext.isEmpty ? "without an extension" : ".\(ext)"); read as .xlsx"))
        }
        let worksheets = workbook.sheets.filter { $0.kind == .worksheet }

        var bureau: Bureau?
        if source.kind == .operationalPlan {
            bureau = try resolveBureau(file: file, source: source, firstSheet: DefaultSheet(worksheets: worksheets).sheet, in: workbook)
        }
        let tag = SourceTag(source.kind, bureau: source.kind == .operationalPlan ? bureau : nil)
        var accounts: [SheetAccount] = []
        // Excel tables (ListObjects) locate headers; a damaged table part costs only that help.
        var excelTables: [TableDefinition] = []
        do {
            excelTables = try workbook.tables()
        } catch {
            model.notes.append(Note(.unreadableExcelTables, source: SourceRef(file: file),
                                    "its Excel table definitions could not be read (\(error)); headers were found by their words"))
        }
        var unloaded: [UnloadedTable] = []
        let sourceIndex = sources.firstIndex(of: source) ?? 0
        for (tableIndex, table) in source.tables.enumerated() {
            let place = TablePlace(source: sourceIndex, sourceName: source.name, table: tableIndex, kind: table.table.rawValue)
            let findingsBefore = model.loadFindings.count
            // A table that raised DAT-003 did not load: the rules reading it skip this workbook.
            defer {
                let dat003 = model.loadFindings[findingsBefore...].filter { $0.rule == .dat003 }.map(\.id)
                if !dat003.isEmpty { unloaded.append(UnloadedTable(table: table.table.rawValue, sheet: table.sheet ?? table.excelTable, findings: dat003)) }
            }
            let info: SheetInfo?
            var headerRows: [Int] = []
            if let name = table.excelTable {
                guard let excel = excelTables.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                    model.loadFindings.append(Finding(
                        id: Finding.ID(.dat003, .source(tag), .text(name), .text("table")), severity: .error, bureau: bureau,
                        message: .missingExcelTable(file: file, name: name, tables: excelTables.map { Message.NamedTable(name: $0.name, sheet: $0.sheet) },
                                                    place: place),
                        expected: .term(.excelTable(name)), actual: .term(.nothing), sources: [SourceRef(file: file)]))
                    continue
                }
                info = worksheets.first { $0.name == excel.sheet }
                headerRows = excel.headerRow.map { [$0] } ?? []
            } else if let pattern = table.sheet {
                info = worksheets.first { $0.name == pattern } ?? worksheets.first { Glob.matches(pattern, $0.name) }
            } else {
                let choice = DefaultSheet(worksheets: worksheets)
                info = choice.sheet
                if let text = choice.note(table: table.table.rawValue) {
                    let note = Note(.hiddenSheet, source: SourceRef(file: file), text)
                    if !model.notes.contains(note) { model.notes.append(note) }
                }
            }
            if let info, table.excelTable == nil {
                headerRows = excelTables.filter { $0.sheet == info.name }.compactMap(\.headerRow)
            }
            guard let info else {
                let named = SheetNames.closest(to: table.sheet ?? "", among: worksheets.map(\.name))
                let byHeaders = named == nil ? sheetHolding(table, among: worksheets, of: workbook) : nil
                for field in table.table.required {
                    model.loadFindings.append(Finding(
                        id: Finding.ID(.dat003, .source(tag), .text(table.sheet ?? "?"), .text(field.rawValue)), severity: .error, bureau: bureau,
                        message: .missingSheet(file: file, sheet: table.sheet ?? "", sheets: worksheets.map(\.name), closest: named ?? byHeaders,
                                               place: place, byHeaders: byHeaders != nil),
                        expected: .term(.column(field.rawValue)), actual: .term(.nothing), sources: [SourceRef(file: file, sheet: table.sheet)]))
                }
                continue
            }
            if table.table == .parameters {
                probe?.open()
                model.envelope = try envelope(in: workbook.cursor(for: info), file: file, notes: &model.notes)
                continue
            }
            // Percent cells are rescaled: the loader looks up each cell's number format as it goes.
            let loader = SheetLoader(rows: SheetRows(info, of: workbook), file: file, table: table, source: source, settings: settings, bureau: bureau, tag: tag,
                                     numberFormat: { workbook.numberFormat(style: $0) }, tableHeaderRows: headerRows,
                                     place: place,
                                     probe: probe)
            if let account = try loader.load(into: &model) { accounts.append(account) }
            if table.table == .sectorSummary { model.hasSectorSummary = true }
        }
        // A workbook that yields none of its kind's tables must never stand for its kind and
        // bureau (it would supersede the good one with zero rows): refused, with what was seen.
        if accounts.isEmpty, source.tables.contains(where: { $0.table != .parameters }) {
            throw NoTable(file: file, kind: source.kind,
                          sheetsSeen: workbook.sheets.map { $0.kind == .worksheet ? $0.name : "\($0.name) (\($0.kind.rawValue))" },
                          hasWorksheet: !worksheets.isEmpty, details: model.loadFindings.filter { $0.rule == .dat003 }.map(\.message))
        }
        model.submissions.append(Submission(file: file, kind: source.kind, bureau: bureau, sheets: accounts, unloaded: unloaded))
        return model
    }

    /// Fixed, else from the file name, else from the title rows of the first visible sheet (its
    /// leading one-cell rows, read from its cursor up to the first other row, at most a window's).
    private func resolveBureau(file: String, source: SourceProfile, firstSheet: SheetInfo?, in workbook: Workbook) throws -> Bureau? {
        let rule = source.bureau ?? BureauRule(fileName: nil, fromTitle: true)
        if let bureau = bureau(fromFileName: file, source: source) { return bureau }
        if rule.fromTitle ?? true, let info = firstSheet {
            probe?.open()
            let cursor = try workbook.cursor(for: info)
            var read = 0
            while read < RowWindow.maxRows, let row = try cursor.nextRow(), row.cells.count == 1 {
                read += 1
                if let code = settings.bureaus.find(in: row.cells[0].text), let bureau = Bureau(rawValue: code) { return bureau }
            }
        }
        return nil
    }

    /// The number beside the label that contains `envelope`.
    private func envelope(in cursor: SheetCursor, file: String, notes: inout [Note]) throws -> Envelope? {
        let sheet = cursor.sheet.name
        while let row = try cursor.nextRow() {
            guard let label = row.cells.first, label.text.lowercased().contains("envelope") else { continue }
            for cell in row.cells.dropFirst() {
                if case .number(let d, let text) = cell.value {
                    let value = AmountGrammar.decimal(fromNumberText: text) ?? AmountGrammar.decimal(fromNumber: d)
                    // An envelope no budget can have is not taken (nor summed with anything).
                    guard PlausibleNumber.isWithin(value, PlausibleNumber.maxAmountCHF) else {
                        let at = SourceRef(file: file, sheet: sheet, cell: CellPosition(row: row.number, column: cell.reference.column).a1)
                        notes.append(Note(.implausibleEnvelope, source: at, "the envelope \(text) is beyond any plausible budget (below CHF 10^15); not used"))
                        return nil
                    }
                    return Envelope(amount: value, source: CellSource(file: file, sheet: sheet,
                                                                     position: CellPosition(row: row.number, column: cell.reference.column)))
                }
            }
        }
        return nil
    }
}
