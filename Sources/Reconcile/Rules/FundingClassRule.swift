import Foundation
import Results

/// FIN-010: the two plans fund an output from different classes of money, or a regular-budget
/// row's notes name extrabudgetary money (a row of an operational plan or of the financial plan).
struct FundingClassRule: Rule {
    var emits: [RuleID] { [.fin010] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits)
        // Without a funding column every row of a plan reads as regular budget: a class
        // disagreement on that side cannot be seen.
        for bureau in run.coverageOf(.fin010).evaluated.compactMap(\.bureau) {
            if let reason = run.columnGap(.operationalPlan, bureau: bureau, table: "allocations", fields: ["funding"]) {
                run.limited(emits, .bureau(bureau), reason)
            }
        }
        run.fundingClassRule()
    }
}

extension RuleRun {
    /// FIN-010: extrabudgetary money counted as regular budget. Leaves the ids of the class
    /// disagreements (FIN-004 cites them) and every pair it covers (FIN-003 skips them).
    mutating func fundingClassRule() {
        guard hasFinancialPlan else { return }
        var covered = Set<Ledger.Key>()
        var classIDs: [Finding.ID] = []
        for key in ledger.keys {
            guard let op = ledger.op[key], let fp = ledger.fp[key], !op.all.isZero, !fp.all.isZero else { continue }
            let opClass = op.fundingClass, fpClass = fp.fundingClass
            guard let opClass, let fpClass, opClass != fpClass else { continue }
            let opRow = model.allocations(of: key.output, in: ledger).first { $0.years[key.year]?.chf.isZero == false }
            let fpLine = model.budgetLines(of: key.output, in: ledger).first { $0.years[key.year]?.chf.isZero == false }
            guard let opRow, let fpLine else { continue }
            let opCell = opRow.fundingCell ?? opRow.years[key.year]!.cells[0].source
            let amount = opClass == .regular ? op.rb : fp.rb
            emit(Finding(id: Finding.ID(.fin010, .output(key.output), .year(key.year)), severity: .error, bureau: opRow.bureau,
                         output: key.output, period: .year(key.year),
                         message: .fundingClass(output: key.output, year: key.year, bureau: opRow.bureau, planned: op.all, planClass: opClass,
                                                budgetClass: fpClass, misstated: amount),
                         expected: .code(fpClass.rawValue), actual: .code(opClass.rawValue), delta: .amount(amount),
                         sources: [Format.cell(opCell), Format.cell(fpLine.fundingCell)]))
            covered.insert(key)
            classIDs.append(findings.last!.id)
        }
        for row in regularRowsWithNotes() {
            let notes = row.notes.text.lowercased()
            guard settings.extrabudgetaryNotes.contains(where: { TextSearch.contains(notes, $0) }) else { continue }
            for year in settings.years {
                let key = Ledger.Key(output: row.output, year: year)
                guard !covered.contains(key), let (amount, cell) = row.years[year], !amount.isZero else { continue }
                emit(Finding(id: Finding.ID(.fin010, .output(row.output), .year(year)), severity: .error, bureau: row.bureau,
                             output: row.output, period: .year(year),
                             message: .extrabudgetaryNote(output: row.output, year: year, notes: row.notes.text),
                             expected: .code(FundingClass.extrabudgetary.rawValue), actual: .code(FundingClass.regular.rawValue), delta: .amount(amount),
                             sources: [Format.cell(row.notes.source), Format.cell(row.fundingCell ?? cell)]))
                covered.insert(key)
            }
        }
        classFindings = classIDs
        classCovered = covered
    }
}

/// A regular-budget row of either plan that has a notes cell: the operational plans' allocations,
/// then the financial plan's lines (domain.md FIN-010: the notes clause applies to every plan with a
/// notes column).
private struct NotedRegularRow {
    var bureau: Bureau?
    var output: OutputCode
    var notes: TextCell
    /// The funding cell, nil when the sheet has no funding column.
    var fundingCell: CellSource?
    /// Each year's amount in CHF with its first cell (cited when there is no funding cell).
    var years: [Int: (Exact, CellSource)]
}

extension RuleRun {
    fileprivate func regularRowsWithNotes() -> [NotedRegularRow] {
        let planned = model.allocations.compactMap { a -> NotedRegularRow? in
            guard a.funding.isRegular, let notes = a.notes else { return nil }
            return NotedRegularRow(bureau: a.bureau, output: a.output, notes: notes, fundingCell: a.fundingCell,
                                   years: a.years.compactMapValues { cost in cost.cells.first.map { (cost.chf, $0.source) } })
        }
        let budgeted = model.budgetLines.compactMap { line -> NotedRegularRow? in
            guard line.funding.isRegular, let notes = line.notes else { return nil }
            return NotedRegularRow(bureau: line.bureau, output: line.output, notes: notes, fundingCell: line.fundingCell,
                                   years: line.years.mapValues { ($0.chf, $0.source) })
        }
        return planned + budgeted
    }
}
