import Foundation
import Results

extension RuleRun {
    /// The bureau that owns an output: its code's prefix, else the bureau of its first row or line.
    func owner(_ output: OutputCode) -> Bureau? {
        Bureau.owner(of: output, fallback: model.allocations(of: output, in: ledger).first?.bureau
                     ?? model.budgetLines(of: output, in: ledger).first?.bureau)
    }

    /// Whether the output's bureau sent an operational plan (else its lines are not reconciled).
    func isReconciled(_ output: OutputCode) -> Bool {
        guard let bureau = owner(output) else { return true }
        return bureausPresent.contains(bureau)
    }

    /// Whether a financial plan arrived (the cross-workbook rules need one).
    var hasFinancialPlan: Bool { model.submissions.contains { $0.kind == .financialPlan } }
}
