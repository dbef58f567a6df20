import Foundation
import Results

/// FIN-003: the regular-budget amounts of an output and year differ; pairs a FIN-007 or FIN-010
/// already explains are left to them.
struct AmountRule: Rule {
    var emits: [RuleID] { [.fin003] }
    var reads: [RuleID] { [.fin007, .fin010] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits)
        run.amountRule()
    }
}

extension RuleRun {
    /// FIN-003: RB amount per (output, year), with the catalogue's bands.
    mutating func amountRule() {
        guard hasFinancialPlan else { return }
        let replaced = unitCovered.union(classCovered)
        for key in ledger.keys where !replaced.contains(key) {
            guard let op = ledger.op[key], let fp = ledger.fp[key], !op.rbCells.isEmpty, !fp.rbCells.isEmpty else { continue }
            let delta = op.rb - fp.rb
            let magnitude = abs(delta)
            let relative = fp.rb == 0 ? Exact.greatestFiniteMagnitude : magnitude / abs(fp.rb)
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
}
