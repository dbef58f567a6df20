import Foundation
import Results

/// FIN-011: a high-priority output funded below its requirement over the biennium, caused by the
/// FIN-007s in its requirement.
struct PriorityRule: Rule {
    var emits: [RuleID] { [.fin011] }
    var reads: [RuleID] { [.fin007] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits, opFields: ["priority"])
        run.priorityRule()
    }
}

extension RuleRun {
    /// FIN-011: high-priority outputs funded below their requirement over the biennium.
    mutating func priorityRule() {
        guard hasFinancialPlan else { return }
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
            // Funded in full is a coverage of at least 1, never below a warning threshold of at
            // most 1: no division needed to know it (issue 11).
            if funded >= requirement, tolerances.priorityWarn <= 1 { continue }
            let coverage = funded / requirement
            guard coverage < tolerances.priorityWarn else { continue }
            let severity: Severity = coverage < tolerances.priorityError ? .error : .warning
            let causes = opCells.compactMap { unitErrorCells[$0] }
            emit(Finding(id: Finding.ID(.fin011, .output(row.output), .biennium(settings.biennium)), severity: severity, bureau: row.bureau,
                         output: row.output, period: .biennium(settings.biennium),
                         message: .priorityUnderfunded(output: row.output, biennium: settings.biennium, bureau: row.bureau, funded: funded,
                                                       requirement: requirement, coverage: coverage),
                         expected: .term(.atLeast(requirement)), actual: .amount(funded),
                         delta: .term(.coverage(shortfall: funded - requirement, percent: coverage * 100)),
                         sources: Format.summed(opCells) + (row.priorityCell.map { [Format.cell($0)] } ?? []) + Format.summed(fpSides.flatMap(\.allCells)),
                         causedBy: Self.causeOrder(causes)))
        }
    }
}
