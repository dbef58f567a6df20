import Foundation
import Results
import XLSXReader

/// Loads one table of one sheet: finds the header, classifies and accounts for every row, records
/// stated totals and duplicates, and turns data rows into model entities.
///
/// Rows stream from the reader's cursor: the loader holds a ``RowWindow`` of at most 1,000 rows
/// (the header search looks at the first 31), never the whole sheet.
struct SheetLoader {
    let rows: SheetRows
    let file: String
    let table: TableProfile
    let source: SourceProfile
    let settings: NormaliseSettings
    let bureau: Bureau?
    /// `FP`, `OP-BR`, … for finding ids.
    let tag: SourceTag
    /// The workbook's number format for a cell format index.
    let numberFormat: (Int) -> String
    /// Header rows of the sheet's Excel tables, tried before the first 30 rows.
    var tableHeaderRows: [Int] = []
    /// The table's entry in the pipeline file (`sources[2].tables[0]`), for the line a warning or
    /// a DAT-003 suggests.
    var place: TablePlace
    /// Counts the rows held and the passes over the sheet (tests).
    var probe: RowWindowProbe?

    /// Rejected or repeated rows after which a sheet that loaded fewer rows is refused as junk.
    static let maxProblemRows = 10_000

    /// - Throws: ``OtherPeriod`` when an amount table's year columns all lie outside the biennium;
    ///   ``XLSXError`` when the sheet cannot be read.
    func load(into model: inout ResultsModel) throws -> SheetAccount? {
        let sheet = rows.sheet.name
        let mapper = HeaderMapper(table: table.table, fields: table.fields ?? [:], categories: settings.costCategories, biennium: settings.biennium)
        let cursor = try open()
        var window = try RowWindow(reading: cursor, headerRow: table.headerRow, preferred: tableHeaderRows, probe: probe)
        let search = mapper.search(rows: window.rows, headerRow: table.headerRow, preferred: tableHeaderRows)
        // No header in the first rows: the sheet is not this table, however long it is; the rest
        // of it is not read.
        guard let position = search.position else {
            for field in search.missing {
                model.loadFindings.append(Finding(
                    id: Finding.ID(.dat003, .source(tag), .text(sheet), .text(field.rawValue)), severity: .error, bureau: bureau,
                    message: .missingColumn(file: file, sheet: sheet, field: field.rawValue, headers: search.best, closestAlias: mapper.closestAlias(to: search.best, for: field),
                                            likelyHeader: mapper.likelyHeader(among: search.best, for: field), place: place),
                    expected: .term(.column(field.rawValue)), actual: .term(.nothing), sources: [SourceRef(file: file, sheet: sheet)]))
            }
            return nil
        }
        try window.fill(from: cursor)
        if window.reachedEnd {
            let layout = mapper.layout(at: position, rows: window.rows, merged: cursor.mergedRanges)
            return try normalise(layout, rows: ArrayRowCursor(rows: window.rows, mergedRanges: []), into: &model)
        }
        return try stream(window, from: cursor, header: position, mapper: mapper, into: &model)
    }

    /// A sheet longer than the window, in one pass when it can be (issue 11: every sheet of more
    /// than 1,000 rows was read twice). Its merged ranges come after its rows, and the layout
    /// depends on them (a group header merged over the columns of a two-row header), so its rows
    /// are normalised as they stream with the layout the header gives without merges; once the
    /// sheet has been read to its end, the layout is made again with its merges. The same layout
    /// (no merge on the header row, the common case) keeps that pass and what it loaded, an error
    /// included; another reads the sheet again with the right one, as a short sheet is read. An
    /// error reading the sheet itself stands whatever the layout.
    private func stream(_ window: RowWindow, from cursor: any RowCursor, header position: Int, mapper: HeaderMapper,
                        into model: inout ResultsModel) throws -> SheetAccount {
        let unmerged = mapper.layout(at: position, rows: window.rows, merged: [])
        let rows = ContinuedRowCursor(window.rows, then: cursor)
        var streamed = model
        let outcome: Result<SheetAccount, any Error>
        do {
            outcome = .success(try normalise(unmerged, rows: rows, into: &streamed))
        } catch {
            if let failure = rows.readFailure { throw failure }
            outcome = .failure(error)
        }
        // The rest of the sheet, when normalising stopped before its end: for its merged ranges,
        // and for a reading error further down, which stands as it did before a row was read.
        if !rows.reachedEnd { while try cursor.nextRow() != nil {} }
        let layout = mapper.layout(at: position, rows: window.rows, merged: cursor.mergedRanges)
        guard layout != unmerged else {
            model = streamed
            return try outcome.get()
        }
        return try normalise(layout, rows: try open(), into: &model)
    }

    /// The sheet's data rows under `layout`, from `data` (the rows down to the header's are
    /// passed over): every row accounted for, the loaded ones added to `model`.
    private func normalise(_ layout: TableLayout, rows data: any RowCursor, into model: inout ResultsModel) throws -> SheetAccount {
        let sheet = rows.sheet.name
        var layout = layout
        if table.table.isAmountTable {
            let years = Set(layout.columns.compactMap { column -> Int? in
                if case .year(_, let year, _) = column.role { year } else { nil }
            })
            if !years.isEmpty, years.isDisjoint(with: settings.years) {
                throw OtherPeriod(file: file, sheet: sheet, years: years.sorted(), biennium: settings.biennium)
            }
        }
        assignUnits(&layout, notes: &model.notes)
        for reason in layout.ignored { model.notes.append(Note(.ignoredColumn, source: SourceRef(file: file, sheet: sheet), reason)) }

        var account = SheetAccount(sheet: sheet, headerRow: layout.headerDescription)
        account.table = table.table.rawValue
        account.columns = accountColumns(layout, notes: &model.notes)
        account.missing = gaps(layout)
        if !account.missing.isEmpty {
            let list = account.missing.map { "\($0.field) (\($0.rules.map(\.rawValue).joined(separator: ", ")))" }.joined(separator: ", ")
            model.notes.append(Note(.missingFields, source: SourceRef(file: file, sheet: sheet),
                                    "no column provides \(list); those rules cannot check this sheet"))
        }
        var scope: [[Int: Quantity]] = []          // loaded rows since the start (totals)
        var subScope: [[Int: Quantity]] = []       // loaded rows since the last total or subtotal
        var seenKeys: [String: (SheetRow, CellSource)] = [:]
        var repeated = 0                           // identical duplicates (skipped, each a DAT-001)

        let notes = NoteSink()
        defer { model.notes += notes.notes }
        while let row = try data.nextRow() {
            guard row.number > layout.lastHeaderRow else { continue }
            let context = RowContext(row: row, layout: layout, file: file, sheet: sheet, settings: settings, numberFormat: numberFormat, notes: notes)
            account.read += 1
            if table.table.isAmountTable, let label = context.firstText, TotalLabel.isTotal(label), !context.hasValidOutput {
                account.skipped += 1
                let isSubtotal = TotalLabel.isSubtotal(label) || Self.namesCode(label, settings: settings)
                recordTotals(context, label: label, components: isSubtotal ? subScope : scope, into: &model)
                subScope = []
                continue
            }
            if table.table.isAmountTable, !context.hasAmounts, row.cells.allSatisfy({ if case .string = $0.value { true } else { false } }) {
                account.skipped += 1      // a note row: text only
                continue
            }
            let record: Record
            do {
                record = try makeRecord(context)
            } catch {
                account.rejected += 1
                reject(context, error, into: &model)
                try refuseJunk(account, repeated: repeated)
                continue
            }
            if let key = record.duplicateKey {
                if let (kept, keptCell) = seenKeys[key.key] {
                    let identical = kept.cells.map(\.value) == row.cells.map(\.value)
                        && kept.cells.map(\.reference.column) == row.cells.map(\.reference.column)
                    model.duplicates.append(DuplicateRow(workbook: tag, key: key.key, bureau: key.bureau, output: key.output,
                                                         identical: identical, keptCell: keptCell, duplicateCell: key.cell))
                    if identical { account.skipped += 1 } else {
                        account.rejected += 1
                        model.rejectedRows.append(rejectedRow(context, finding: Finding.ID(.dat001, .source(tag), .text(key.key)),
                                                              reason: "conflicts with row \(keptCell.position.row), which has the same key \(key.key)"))
                    }
                    if identical { repeated += 1 }
                    try refuseJunk(account, repeated: repeated)
                    continue
                }
                seenKeys[key.key] = (row, key.cell)
            }
            account.loaded += 1
            record.add(to: &model)
            let values = summable(context)
            scope.append(values)
            subScope.append(values)
            if table.table == .targets, context.isNumber(.code), let code = context.text(.code) {
                model.notes.append(Note(.codeTypedAsNumber, source: code.source.ref, "code typed as the number \(code.text)"))
            }
        }
        return account
    }

    /// Gives the sheet up once its rejected and repeated rows reach ``maxProblemRows`` and
    /// outnumber the loaded ones.
    private func refuseJunk(_ account: SheetAccount, repeated: Int) throws(UnloadableRows) {
        let problems = account.rejected + repeated
        guard problems >= Self.maxProblemRows, account.loaded < problems else { return }
        throw UnloadableRows(file: file, sheet: rows.sheet.name, read: account.read, problems: problems, loaded: account.loaded)
    }

    private func open() throws -> any RowCursor {
        probe?.open()
        return try rows.open()
    }

    private func makeRecord(_ context: RowContext) throws(RowRejection) -> Record {
        switch table.table {
        case .allocations:
            guard let bureau else { throw context.reject(.output, expected: "bureau", reason: "the plan's bureau is unknown") }
            return .allocation(try context.allocation(bureau: bureau))
        case .budgetLines: return .budgetLine(try context.budgetLine())
        case .sectorSummary: return .summary(try context.sectorSummary())
        case .goals: return .goal(try context.goal())
        case .targets: return .target(try context.target())
        case .objectives: return .objective(try context.objective())
        case .outputs: return .output(try context.frameworkOutput())
        case .kpis: return .kpi(try context.kpi())
        case .crosswalk: return .crosswalk(try context.crosswalk())
        case .risks: return .risk(try context.risk())
        case .parameters: throw context.reject(.label, expected: "table", reason: "parameters are not rows")
        }
    }

    /// A rejected row of an amount table is DAT-002; elsewhere it is a note.
    private func reject(_ context: RowContext, _ error: RowRejection, into model: inout ResultsModel) {
        let cell = context.source(error.column).ref
        guard table.table.isAmountTable else {
            model.notes.append(Note(.rowNotLoaded, source: cell, "row \(context.row.number) not loaded: \(error.reason)"))
            model.rejectedRows.append(rejectedRow(context, finding: nil, reason: error.reason))
            return
        }
        model.rejectedRows.append(rejectedRow(context, finding: Finding.ID(.dat002, .source(tag), .text("\(rows.sheet.name)!\(context.row.number)")),
                                              reason: error.reason))
        let output = (try? context.requiredOutput())?.0
        let header = context.layout.columns.first { $0.index == error.column }?.header ?? CellPosition.letters(error.column)
        model.loadFindings.append(Finding(
            id: Finding.ID(.dat002, .source(tag), .text("\(rows.sheet.name)!\(context.row.number)")), severity: .error,
            bureau: source.kind == .operationalPlan ? bureau : nil, output: output,
            message: .rejectedRow(row: context.row.number, file: file, sheet: rows.sheet.name, value: error.actual, header: header, reason: error.reason),
            expected: .words(error.expected), actual: .words(error.actual), sources: [cell]))
    }

    /// The row's non-empty cells as read, each with its column's header where the layout maps it.
    private func rejectedRow(_ context: RowContext, finding: Finding.ID?, reason: String) -> RejectedRow {
        let headers = Dictionary(context.layout.columns.map { ($0.index, $0.header) }, uniquingKeysWith: { a, _ in a })
        let cells = context.row.cells.map { cell in
            RejectedRow.Cell(column: CellPosition.letters(cell.reference.column), header: headers[cell.reference.column], text: cell.text)
        }
        return RejectedRow(file: file, sheet: rows.sheet.name, row: context.row.number, cells: cells, finding: finding, reason: reason)
    }

    /// The values of a loaded row that totals may sum: year, biennium and FTE columns, each marked
    /// when its cell held the number as text (a spreadsheet's SUM skips it).
    private func summable(_ context: RowContext) -> [Int: Quantity] {
        var values: [Int: Quantity] = [:]
        for column in context.layout.columns {
            switch column.role {
            case .year, .biennium:
                if let amount = try? context.amount(column) {
                    values[column.index] = Quantity(value: amount.chf, source: amount.source, typedAsText: context.holdsText(column.index))
                }
            case .field(.fte):
                if let v = try? context.decimal(column: column.index) {
                    values[column.index] = Quantity(value: v, source: context.source(column.index), typedAsText: context.holdsText(column.index))
                }
            case .field: break
            }
        }
        return values
    }

    private func recordTotals(_ context: RowContext, label: String, components: [[Int: Quantity]], into model: inout ResultsModel) {
        for column in context.layout.columns {
            let measure: StatedTotal.Measure
            var unit: MoneyUnit? = nil
            switch column.role {
            case .year(_, let year, _): measure = .year(year); unit = column.unit
            case .biennium: measure = .biennium; unit = column.unit
            case .field(.fte): measure = .fte
            case .field: continue
            }
            let value: Exact?
            do {
                value = try context.decimal(column: column.index)
            } catch {
                // A total that is not a number cannot be checked; say so rather than drop it silently.
                model.notes.append(Note(.uncheckedTotal, source: context.source(column.index).ref,
                                        "the total '\(label.trimmingHorizontalSpace)' is not checked: \(error.reason)"))
                continue
            }
            guard let raw = value else { continue }
            let stated = raw * (unit?.factor ?? 1)
            model.statedTotals.append(StatedTotal(
                workbook: tag, bureau: source.kind == .operationalPlan ? bureau : nil, label: label.trimmingHorizontalSpace,
                measure: measure, stated: stated, unit: unit, cell: context.source(column.index),
                components: components.compactMap { $0[column.index] }))
        }
    }

    /// `Total I.1` or `Total D.1-2` names the objective or output it closes: a subtotal.
    static func namesCode(_ label: String, settings: NormaliseSettings) -> Bool {
        let rest = label.drop { !$0.isWhitespace }.trimmingHorizontalSpace
        guard !rest.isEmpty else { return false }
        return settings.codes.parse(rest, as: .objective).code != nil || settings.codes.parse(rest, as: .output).code != nil
    }

    /// Every non-empty header cell and what became of it; a warning note for each one that matched
    /// no alias but resembles a field no column provides, and for each year column outside the biennium.
    private func accountColumns(_ layout: TableLayout, notes: inout [Note]) -> [ColumnAccount] {
        let sheet = rows.sheet.name
        var out: [ColumnAccount] = []
        for column in layout.columns {
            let letter = CellPosition.letters(column.index)
            var entry = ColumnAccount(column: letter, header: column.header, role: .field, field: column.role.field.rawValue, alias: column.alias,
                                      unit: column.unit?.rawValue, unitOrigin: column.unitOrigin)
            switch column.role {
            case .field: break
            case .biennium: entry.role = .biennium
            case .year(_, let year, let category):
                entry.role = .year
                entry.year = year
                entry.category = category
                if !settings.years.contains(year) {
                    entry.reason = "\(year) is outside the biennium \(settings.biennium): not compared"
                    notes.append(Note(.unmappedColumn, source: SourceRef(file: file, sheet: sheet, cell: CellPosition(row: layout.headerRow, column: column.index).a1),
                                      "column \(letter) '\(column.header)' is \(column.role.field.rawValue) for \(year), outside the biennium \(settings.biennium): read but never compared"))
                }
            }
            out.append(entry)
        }
        let needed = Dictionary(table.table.neededBy.map { ($0.field, $0.rules) }, uniquingKeysWith: +)
        for passed in layout.passedOver {
            let letter = CellPosition.letters(passed.index)
            var entry = ColumnAccount(column: letter, header: passed.header, role: .ignored, reason: passed.reason)
            if let field = passed.probably {
                let line = TablePlace.fieldsLine(field: field.rawValue, header: passed.header)
                entry.probably = field.rawValue
                entry.suggestedLine = line
                let readers = needed[field].map { " (read by \($0.map(\.rawValue).joined(separator: ", ")))" } ?? ""
                notes.append(Note(.unmappedColumn, source: SourceRef(file: file, sheet: sheet, cell: CellPosition(row: layout.headerRow, column: passed.index).a1),
                                  "column \(letter) '\(passed.header)' matched no alias and was not read; it is probably '\(field.rawValue)'\(readers): add `\(line)` under \(place.fieldsBlock)"))
            }
            out.append(entry)
        }
        return out.sorted { $0.column.count != $1.column.count ? $0.column.count < $1.column.count : $0.column < $1.column }
    }

    /// Fields some rule needs that no column provided, and the staff/non-staff split of an
    /// operational plan whose amount columns carry no cost category (FIN-008, FIN-009 need it).
    private func gaps(_ layout: TableLayout) -> [FieldGap] {
        let provided = Set(layout.columns.map(\.role.field))
        var gaps = table.table.neededBy.filter { !provided.contains($0.field) }.map { FieldGap(field: $0.field.rawValue, rules: $0.rules) }
        if table.table == .allocations, !layout.columns.contains(where: { if case .year(_, _, let c?) = $0.role { !c.isEmpty } else { false } }) {
            gaps.append(FieldGap(field: FieldGap.staffSplit, rules: [.fin008, .fin009]))
        }
        return gaps
    }

    /// Unit of each amount column: header, else title rows, else profile, else the pipeline default.
    private func assignUnits(_ layout: inout TableLayout, notes: inout [Note]) {
        let titleUnit = AmountUnit.detect(in: layout.titleText.joined(separator: " ")).flatMap { MoneyUnit(rawValue: $0.rawValue) }
        for i in layout.columns.indices {
            switch layout.columns[i].role {
            case .year(let field, _, _) where field == .amount: break
            case .biennium: break
            default: continue
            }
            let header = layout.columns[i].header
            let (unit, origin): (MoneyUnit, String)
            if let u = AmountUnit.detect(in: header).flatMap({ MoneyUnit(rawValue: $0.rawValue) }) { (unit, origin) = (u, "header") }
            else if let u = titleUnit { (unit, origin) = (u, "title rows") }
            else if let u = table.unit ?? source.unit { (unit, origin) = (u, "pipeline source") }
            else { (unit, origin) = (settings.defaultUnit, "pipeline default") }
            layout.columns[i].unit = unit
            layout.columns[i].unitOrigin = origin
            let cell = CellPosition(row: layout.headerRow, column: layout.columns[i].index).a1
            notes.append(Note(.amountUnit, source: SourceRef(file: file, sheet: rows.sheet.name, cell: cell),
                              "'\(header)' read in \(unit.rawValue) (from the \(origin))"))
        }
    }
}

extension RowContext {
    /// Whether the output column holds a valid output code (a total row never does).
    var hasValidOutput: Bool {
        guard let (parse, _) = code(.output, as: .output) else { return false }
        return parse.code != nil
    }
}
