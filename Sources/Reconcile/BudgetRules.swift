import Foundation
import Results

extension RuleRun {
    /// Cross-workbook rules in evaluation order: FIN-007, FIN-010, FIN-001 … FIN-004, FIN-008,
    /// FIN-009, FIN-011, FIN-012.
    mutating func budgetRules() {
        guard model.submissions.contains(where: { $0.kind == .financialPlan }) else { return }
        let (classIDs, classPairs) = fundingClassRule()
        let replaced = unitRule().union(classPairs)
        let cells = unitCells
        let fin007Cells = Dictionary(findings(of: .fin007).flatMap { f in cells[f.id.first, default: []].map { ($0, f.id) } },
                                     uniquingKeysWith: { a, _ in a })
        presenceRules()
        amountRule(skipping: replaced)
        bureauTotalRule(fin007Cells: fin007Cells, classFindings: classIDs)
        splitRule()
        fteCostRule()
        priorityRule(fin007Cells: fin007Cells)
        envelopeRule()
    }

    /// The operational-plan cells a per-cell FIN-007 would cover, by that finding's id.
    private var unitCells: [Finding.ID: [CellSource]] {
        var cells: [Finding.ID: [CellSource]] = [:]
        for key in ledger.keys {
            if let op = ledger.op[key] { cells[Finding.ID(.fin007, .output(key.output), .year(key.year))] = op.allCells }
        }
        return cells
    }

    private func owner(_ output: OutputCode) -> Bureau? {
        Bureau.owner(of: output, fallback: model.allocations.first { $0.output == output }?.bureau
                     ?? model.budgetLines.first { $0.output == output }?.bureau)
    }

    private func isReconciled(_ output: OutputCode) -> Bool {
        guard let bureau = owner(output) else { return true }
        return bureausPresent.contains(bureau)
    }

    /// FIN-007: sides differing by a factor of about 1 000. Returns the pairs it covers.
    private mutating func unitRule() -> Set<Ledger.Key> {
        let band = tolerances.unitFactorBand
        struct Hit { var key: Ledger.Key; var ratio: Decimal; var op: Ledger.Side; var fp: Ledger.Side }
        var hits: [Hit] = []
        var pairsPerColumn: [SourceRef: Int] = [:]
        /// The amount column of a side's first cell: `file!sheet!E`.
        func column(_ side: Ledger.Side) -> SourceRef {
            guard let c = side.allCells.first else { return SourceRef(file: "") }
            return SourceRef(file: c.file, sheet: c.sheet, cell: CellPosition.letters(c.position.column))
        }
        for key in ledger.keys {
            guard let op = ledger.op[key], let fp = ledger.fp[key], op.all != 0, fp.all != 0 else { continue }
            pairsPerColumn[column(op), default: 0] += 1
            let ratio = op.all / fp.all
            let big = abs(ratio - 1000) <= 1000 * band
            let small = abs(ratio - Decimal(1) / 1000) <= band / 1000
            if big || small { hits.append(Hit(key: key, ratio: ratio, op: op, fp: fp)) }
        }
        var byColumn: [SourceRef: [Hit]] = [:]
        for hit in hits { byColumn[column(hit.op), default: []].append(hit) }
        var covered = Set<Ledger.Key>()
        for (col, columnHits) in byColumn.sorted(by: { $0.key.description < $1.key.description }) {
            let pairs = pairsPerColumn[col, default: 0]
            if columnHits.count >= 2, Decimal(columnHits.count) >= Decimal(pairs) * 0.8, let first = columnHits.first?.op.allCells.first {
                let a = model.allocations.first { $0.outputCell.file == first.file }
                emit(Finding(id: Finding.ID(.fin007, .source(.operationalPlan(a?.bureau)), .text("\(first.sheet)!\(CellPosition.letters(first.position.column))")),
                             severity: .error, bureau: a?.bureau,
                             message: .unitColumn(file: first.file, sheet: first.sheet, column: CellPosition.letters(first.position.column),
                                                  hits: columnHits.count, pairs: pairs),
                             expected: .words("declared unit"), actual: .words("factor 1000 on \(columnHits.count) of \(pairs) pairs"), sources: [col]))
                columnHits.forEach { covered.insert($0.key) }
                continue
            }
            for hit in columnHits {
                let unit = hit.op.units.first ?? .chf
                let bureau = owner(hit.key.output)
                let ratioText = Format.fixed(hit.ratio, places: 1)
                emit(Finding(id: Finding.ID(.fin007, .output(hit.key.output), .year(hit.key.year)), severity: .error, bureau: bureau,
                             output: hit.key.output, period: .year(hit.key.year),
                             message: .unitCell(output: hit.key.output, year: hit.key.year, planned: hit.op.all, unit: unit, budgeted: hit.fp.all, ratio: hit.ratio),
                             expected: .words("\((hit.fp.all / unit.factor).plainText) (\(unit.rawValue))"),
                             actual: .words("\((hit.op.all / unit.factor).plainText) (\(unit.rawValue))"),
                             delta: .words("ratio \(ratioText)"), sources: Format.summed(hit.op.allCells) + Format.summed(hit.fp.allCells)))
                covered.insert(hit.key)
            }
        }
        return covered
    }

    /// FIN-010: extrabudgetary money counted as regular budget. Returns the ids of the class
    /// disagreements (FIN-004 cites them) and every pair it covers.
    private mutating func fundingClassRule() -> (classIDs: [Finding.ID], covered: Set<Ledger.Key>) {
        var covered = Set<Ledger.Key>()
        var classIDs: [Finding.ID] = []
        for key in ledger.keys {
            guard let op = ledger.op[key], let fp = ledger.fp[key], op.all != 0, fp.all != 0 else { continue }
            let opClass = op.fundingClass, fpClass = fp.fundingClass
            guard let opClass, let fpClass, opClass != fpClass else { continue }
            let opRow = model.allocations.first { $0.output == key.output && ($0.years[key.year]?.chf ?? 0) != 0 }
            let fpLine = model.budgetLines.first { $0.output == key.output && ($0.years[key.year]?.chf ?? 0) != 0 }
            guard let opRow, let fpLine else { continue }
            let opCell = opRow.fundingCell ?? opRow.years[key.year]!.cells[0].source
            let amount = opClass == .regular ? op.rb : fp.rb
            emit(Finding(id: Finding.ID(.fin010, .output(key.output), .year(key.year)), severity: .error, bureau: opRow.bureau,
                         output: key.output, period: .year(key.year),
                         message: .fundingClass(output: key.output, year: key.year, bureau: opRow.bureau, planned: op.all, planClass: opClass,
                                                budgetClass: fpClass, misstated: amount),
                         expected: .words(fpClass.rawValue), actual: .words(opClass.rawValue), delta: .amount(amount),
                         sources: [Format.cell(opCell), Format.cell(fpLine.fundingCell)]))
            covered.insert(key)
            classIDs.append(findings.last!.id)
        }
        for a in model.allocations where a.funding.isRegular {
            guard let notes = a.notes, settings.extrabudgetaryNotes.contains(where: { notes.text.lowercased().contains($0) }) else { continue }
            for year in settings.years {
                let key = Ledger.Key(output: a.output, year: year)
                guard !covered.contains(key), let cost = a.years[year], cost.chf != 0 else { continue }
                emit(Finding(id: Finding.ID(.fin010, .output(a.output), .year(year)), severity: .error, bureau: a.bureau,
                             output: a.output, period: .year(year),
                             message: .extrabudgetaryNote(output: a.output, year: year, notes: notes.text),
                             expected: .words(FundingClass.extrabudgetary.rawValue), actual: .words(FundingClass.regular.rawValue), delta: .amount(cost.chf),
                             sources: [Format.cell(notes.source), Format.cell(a.fundingCell ?? cost.cells[0].source)]))
                covered.insert(key)
            }
        }
        return (classIDs, covered)
    }

    /// FIN-001 (planned, not budgeted) and FIN-002 (budgeted, not planned).
    private mutating func presenceRules() {
        let rf003 = Set(findings(of: .rf003).map(\.id.first))
        for key in ledger.keys {
            let op = ledger.op[key], fp = ledger.fp[key]
            if let op, op.all != 0, fp == nil {
                guard let row = model.allocations.first(where: { $0.output == key.output && ($0.years[key.year]?.chf ?? 0) != 0 }) else { continue }
                let recoded = Finding.ID(.rf003, .source(.operationalPlan(row.bureau)), .output(key.output))
                let cause = rf003.contains(recoded) ? [recoded] : []
                emit(Finding(id: Finding.ID(.fin001, .output(key.output), .year(key.year)), severity: .error, bureau: row.bureau,
                             output: key.output, period: .year(key.year),
                             message: .plannedNotBudgeted(output: key.output, title: row.title, bureau: row.bureau, year: key.year, planned: op.all),
                             expected: .words("budget line \(key.output)/\(key.year)"), actual: .words("none"), delta: .signed(op.all),
                             sources: row.years[key.year]!.cells.map { Format.cell($0.source) }, causedBy: cause))
            }
            if let fp, fp.all != 0, op == nil || !(model.allocations.contains { $0.output == key.output && $0.years[key.year] != nil }) {
                guard isReconciled(key.output) else { continue }
                let bureau = owner(key.output)
                let title = model.budgetLines.first { $0.output == key.output }?.title ?? ""
                emit(Finding(id: Finding.ID(.fin002, .output(key.output), .year(key.year)), severity: .warning, bureau: bureau,
                             output: key.output, period: .year(key.year),
                             message: .budgetedNotPlanned(output: key.output, title: title, bureau: bureau, year: key.year, budgeted: fp.all),
                             expected: .words("\(bureau?.rawValue ?? "") allocation \(key.output)/\(key.year)"), actual: .words("none"), delta: .signed(-fp.all),
                             sources: Format.summed(fp.allCells)))
            }
        }
    }

    /// FIN-003: RB amount per (output, year), with the catalogue's bands.
    private mutating func amountRule(skipping replaced: Set<Ledger.Key>) {
        for key in ledger.keys where !replaced.contains(key) {
            guard let op = ledger.op[key], let fp = ledger.fp[key], !op.rbCells.isEmpty, !fp.rbCells.isEmpty else { continue }
            let delta = op.rb - fp.rb
            let magnitude = abs(delta)
            let relative = fp.rb == 0 ? Decimal.greatestFiniteMagnitude : magnitude / abs(fp.rb)
            if magnitude <= tolerances.amountAbs || relative <= tolerances.amountRel { continue }
            var severity: Severity = magnitude > tolerances.amountErrorAbs && relative > tolerances.amountErrorRel ? .error : .warning
            var capped: Severity?
            if delta > 0, severity > settings.costRecoveryOverrun, model.outputs.contains(where: { $0.code == key.output && $0.isCostRecovery }) {
                severity = settings.costRecoveryOverrun
                capped = severity
            }
            let bureau = owner(key.output)
            emit(Finding(id: Finding.ID(.fin003, .output(key.output), .year(key.year)), severity: severity, bureau: bureau,
                         output: key.output, period: .year(key.year),
                         message: .amountDiffers(output: key.output, year: key.year, bureau: bureau, planned: op.rb, budgeted: fp.rb, costRecovery: capped),
                         expected: .amount(fp.rb), actual: .amount(op.rb), delta: .change(delta, of: fp.rb),
                         sources: Format.summed(op.rbCells) + Format.summed(fp.rbCells)))
        }
    }

    /// FIN-004: each bureau's computed RB total per year against the financial plan's figure.
    private mutating func bureauTotalRule(fin007Cells: [CellSource: Finding.ID], classFindings: [Finding.ID]) {
        let fin010 = findings.filter { classFindings.contains($0.id) }
        for bureau in Bureau.allCases where bureausPresent.contains(bureau) {
            for year in settings.years {
                let rows = model.allocations.filter { $0.bureau == bureau && $0.funding.isRegular }
                let cells = rows.compactMap { $0.years[year] }.flatMap(\.cells)
                let actual = cells.reduce(Decimal(0)) { $0 + $1.chf }
                var expectedSources: [SourceRef]
                let expected: Decimal
                if model.hasSectorSummary {
                    guard let summary = model.sectorSummary.first(where: { $0.bureau == bureau }), let amount = summary.years[year] else { continue }
                    expected = amount.chf
                    expectedSources = [Format.cell(amount.source)]
                } else {
                    let lines = model.budgetLines.filter { $0.funding.isRegular && Bureau.owner(of: $0.output, fallback: $0.bureau) == bureau }
                    let amounts = lines.compactMap { $0.years[year] }
                    expected = amounts.reduce(Decimal(0)) { $0 + $1.chf }
                    expectedSources = Format.summed(amounts.map(\.source))
                }
                bureauTotals.append(BureauTotal(bureau: bureau, year: year, financialPlan: expected, operationalPlan: actual))
                let delta = actual - expected
                let relative = expected == 0 ? (delta == 0 ? 0 : Decimal.greatestFiniteMagnitude) : abs(delta) / abs(expected)
                guard relative > tolerances.bureauWarnRel else { continue }
                let severity: Severity = relative > tolerances.bureauErrorRel ? .error : .warning
                let opCells = cells.map(\.source)
                var causes = opCells.compactMap { fin007Cells[$0] }
                causes += fin010.filter { $0.bureau == bureau && $0.period == .year(year) }.map(\.id)
                emit(Finding(id: Finding.ID(.fin004, .bureau(bureau), .year(year)), severity: severity, bureau: bureau, period: .year(year),
                             message: .bureauTotal(bureau: bureau, year: year, planned: actual, budgeted: expected),
                             expected: .amount(expected), actual: .amount(actual), delta: .change(delta, of: expected),
                             sources: expectedSources + Format.summed(opCells), causedBy: Self.causeOrder(causes)))
            }
        }
    }

    /// FIN-008: staff share per (output, year) where both sides give the split.
    private mutating func splitRule() {
        for key in ledger.keys {
            guard let row = model.allocations.first(where: { $0.output == key.output && $0.years[key.year]?.staff != nil && $0.years[key.year]?.nonStaff != nil }),
                  let cost = row.years[key.year], let opStaff = cost.staff else { continue }
            let lines = model.budgetLines.filter { $0.output == key.output && $0.years[key.year] != nil }
            guard !lines.isEmpty, lines.allSatisfy({ $0.category != nil }) else { continue }
            let fpTotal = lines.reduce(Decimal(0)) { $0 + $1.years[key.year]!.chf }
            let fpStaff = lines.filter { $0.category!.rollUp == "STAFF" }.reduce(Decimal(0)) { $0 + $1.years[key.year]!.chf }
            let opTotal = cost.chf
            guard opTotal != 0, fpTotal != 0 else { continue }
            let points = (opStaff.chf / opTotal - fpStaff / fpTotal) * 100
            let staffDelta = opStaff.chf - fpStaff
            guard abs(points) > tolerances.splitPoints, abs(staffDelta) > tolerances.splitAbs else { continue }
            emit(Finding(id: Finding.ID(.fin008, .output(key.output), .year(key.year)), severity: .warning, bureau: row.bureau,
                         output: key.output, period: .year(key.year),
                         message: .staffSplit(output: key.output, title: row.title, year: key.year, bureau: row.bureau, planStaff: opStaff.chf,
                                              planTotal: opTotal, budgetStaff: fpStaff, budgetTotal: fpTotal),
                         expected: .words("staff \(fpStaff.plainText)"), actual: .words("staff \(opStaff.chf.plainText)"),
                         delta: .words("\(staffDelta.signedText) (\(Format.fixed(points, places: 1)) pp)"),
                         sources: [Format.cell(opStaff.source)] + lines.map { Format.cell($0.years[key.year]!.source) }))
        }
    }

    /// FIN-009: staff cost per FTE outside the plausible band.
    private mutating func fteCostRule() {
        for row in model.allocations {
            guard let fte = row.fte else { continue }
            for year in settings.years {
                guard let staff = row.years[year]?.staff else { continue }
                /// Staff cost per FTE, nil when staff cost is planned for zero FTE.
                let perFTE: Decimal?
                if fte.value == 0 {
                    guard staff.chf != 0 else { continue }
                    perFTE = nil
                } else {
                    let cost = (staff.chf / fte.value).rounded(scale: 0)
                    guard cost < tolerances.fteCostMin || cost > tolerances.fteCostMax else { continue }
                    perFTE = cost
                }
                emit(Finding(id: Finding.ID(.fin009, .output(row.output), .year(year)), severity: .warning, bureau: row.bureau,
                             output: row.output, period: .year(year),
                             message: .costPerFTE(output: row.output, year: year, staff: staff.chf, fte: fte.value, perFTE: perFTE,
                                                  minimum: tolerances.fteCostMin, maximum: tolerances.fteCostMax),
                             expected: .words("\(tolerances.fteCostMin.plainText)-\(tolerances.fteCostMax.plainText)"), actual: perFTE.map(FindingValue.amount) ?? .words("∞"),
                             sources: [Format.cell(fte.source), Format.cell(staff.source)]))
            }
        }
    }

    /// FIN-011: high-priority outputs funded below their requirement over the biennium.
    private mutating func priorityRule(fin007Cells: [CellSource: Finding.ID]) {
        var done = Set<OutputCode>()
        for row in model.allocations where row.priority == .high && !done.contains(row.output) {
            done.insert(row.output)
            let opKeys = settings.years.map { Ledger.Key(output: row.output, year: $0) }
            let opCells = opKeys.compactMap { ledger.op[$0] }.flatMap(\.allCells)
            let fpSides = opKeys.compactMap { ledger.fp[$0] }
            guard ledger.fpOutputs.contains(row.output), !fpSides.isEmpty else { continue }
            let requirement = opKeys.compactMap { ledger.op[$0]?.all }.reduce(0, +)
            let funded = fpSides.map(\.all).reduce(0, +)
            guard requirement > 0 else { continue }
            let coverage = funded / requirement
            guard coverage < tolerances.priorityWarn else { continue }
            let severity: Severity = coverage < tolerances.priorityError ? .error : .warning
            let percent = Format.fixed(coverage * 100, places: 1)
            let causes = opCells.compactMap { fin007Cells[$0] }
            emit(Finding(id: Finding.ID(.fin011, .output(row.output), .biennium(settings.biennium)), severity: severity, bureau: row.bureau,
                         output: row.output, period: .biennium(settings.biennium),
                         message: .priorityUnderfunded(output: row.output, biennium: settings.biennium, bureau: row.bureau, funded: funded,
                                                       requirement: requirement, coverage: coverage),
                         expected: .words("≥ \(requirement.plainText)"), actual: .amount(funded),
                         delta: .words("\((funded - requirement).signedText) (\(percent)% coverage)"),
                         sources: Format.summed(opCells) + (row.priorityCell.map { [Format.cell($0)] } ?? []) + Format.summed(fpSides.flatMap(\.allCells)),
                         causedBy: Self.causeOrder(causes)))
        }
    }

    /// FIN-012: regular-budget lines against the approved envelope.
    private mutating func envelopeRule() {
        guard let envelope = model.envelope?.amount ?? settings.envelope else { return }
        let cells = model.budgetLines.filter { $0.funding.isRegular }.flatMap { line in settings.years.compactMap { line.years[$0] } }
        guard !cells.isEmpty else { return }
        let total = cells.reduce(Decimal(0)) { $0 + $1.chf }
        let delta = total - envelope
        let severity: Severity
        if delta > 0 { severity = .error }
        else if -delta > envelope * tolerances.envelopeInfoRel { severity = .info }
        else { return }
        let positions = cells.map(\.source.position)
        let first = cells[0].source
        let topLeft = CellPosition(row: positions.map(\.row).min()!, column: positions.map(\.column).min()!)
        let bottomRight = CellPosition(row: positions.map(\.row).max()!, column: positions.map(\.column).max()!)
        var sources: [SourceRef] = []
        if let cell = model.envelope?.source { sources.append(Format.cell(cell)) }
        sources.append(SourceRef(file: first.file, sheet: first.sheet, cell: "\(topLeft.a1):\(bottomRight.a1)"))
        emit(Finding(id: Finding.ID(.fin012, .biennium(settings.biennium)), severity: severity, period: .biennium(settings.biennium),
                     message: .envelope(biennium: settings.biennium, total: total, envelope: envelope),
                     expected: .words("≤ \(envelope.plainText)"), actual: .amount(total), delta: .signed(delta), sources: sources))
    }
}
