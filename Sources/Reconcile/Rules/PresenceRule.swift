import Foundation
import Results

/// FIN-001 (planned, not budgeted) and FIN-002 (budgeted, not planned); a FIN-001 whose output was
/// coded under a previous plan's objective is caused by that RF-003.
struct PresenceRule: Rule {
    var emits: [RuleID] { [.fin001, .fin002] }
    var reads: [RuleID] { [.rf003] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits)
        run.presenceRules()
    }
}

extension RuleRun {
    /// FIN-001 (planned, not budgeted) and FIN-002 (budgeted, not planned).
    mutating func presenceRules() {
        guard hasFinancialPlan else { return }
        let rf003 = Set(findings(of: .rf003).map(\.id.first))
        for key in ledger.keys {
            let op = ledger.op[key], fp = ledger.fp[key]
            if let op, !op.all.isZero, fp == nil {
                guard let row = model.allocations(of: key.output, in: ledger).first(where: { $0.years[key.year]?.chf.isZero == false }) else { continue }
                let recoded = Finding.ID(.rf003, .source(.operationalPlan(row.bureau)), .output(key.output))
                let cause = rf003.contains(recoded) ? [recoded] : []
                emit(Finding(id: Finding.ID(.fin001, .output(key.output), .year(key.year)), severity: .error, bureau: row.bureau,
                             output: key.output, period: .year(key.year),
                             message: .plannedNotBudgeted(output: key.output, title: row.title, bureau: row.bureau, year: key.year, planned: op.all),
                             expected: .term(.budgetLine(key.output, year: key.year)), actual: .term(.nothing), delta: .signed(op.all),
                             sources: row.years[key.year]!.cells.map { Format.cell($0.source) }, causedBy: cause))
            }
            if let fp, !fp.all.isZero, op == nil || !(model.allocations(of: key.output, in: ledger).contains { $0.years[key.year] != nil }) {
                guard isReconciled(key.output) else { continue }
                let bureau = owner(key.output)
                let title = model.budgetLines(of: key.output, in: ledger).first?.title ?? ""
                emit(Finding(id: Finding.ID(.fin002, .output(key.output), .year(key.year)), severity: .warning, bureau: bureau,
                             output: key.output, period: .year(key.year),
                             message: .budgetedNotPlanned(output: key.output, title: title, bureau: bureau, year: key.year, budgeted: fp.all),
                             expected: .term(.allocation(bureau, key.output, year: key.year)), actual: .term(.nothing), delta: .signed(-fp.all),
                             sources: Format.summed(fp.allCells)))
            }
        }
    }
}
