import Foundation
import Results

/// FIN-010: the two plans fund an output from different classes of money, or a regular-budget
/// row's notes name extrabudgetary money.
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
            guard let op = ledger.op[key], let fp = ledger.fp[key], op.all != 0, fp.all != 0 else { continue }
            let opClass = op.fundingClass, fpClass = fp.fundingClass
            guard let opClass, let fpClass, opClass != fpClass else { continue }
            let opRow = model.allocations(of: key.output, in: ledger).first { ($0.years[key.year]?.chf ?? 0) != 0 }
            let fpLine = model.budgetLines(of: key.output, in: ledger).first { ($0.years[key.year]?.chf ?? 0) != 0 }
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
        for a in model.allocations where a.funding.isRegular {
            guard let notes = a.notes, settings.extrabudgetaryNotes.contains(where: { notes.text.lowercased().contains($0) }) else { continue }
            for year in settings.years {
                let key = Ledger.Key(output: a.output, year: year)
                guard !covered.contains(key), let cost = a.years[year], cost.chf != 0 else { continue }
                emit(Finding(id: Finding.ID(.fin010, .output(a.output), .year(year)), severity: .error, bureau: a.bureau,
                             output: a.output, period: .year(year),
                             message: .extrabudgetaryNote(output: a.output, year: year, notes: notes.text),
                             expected: .code(FundingClass.extrabudgetary.rawValue), actual: .code(FundingClass.regular.rawValue), delta: .amount(cost.chf),
                             sources: [Format.cell(notes.source), Format.cell(a.fundingCell ?? cost.cells[0].source)]))
                covered.insert(key)
            }
        }
        classFindings = classIDs
        classCovered = covered
    }
}
