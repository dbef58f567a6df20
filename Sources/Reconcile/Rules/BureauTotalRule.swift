import Foundation
import Results

/// FIN-004: a bureau's computed regular-budget total for a year against the financial plan's,
/// caused by the FIN-007s in its sum and the FIN-010s of its bureau and year.
struct BureauTotalRule: Rule {
    var emits: [RuleID] { [.fin004] }
    var reads: [RuleID] { [.fin007, .fin010] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits)
        if !run.model.hasSectorSummary, run.tableGap(.financialPlan, table: "budgetLines") == nil {
            for bureau in run.coverageOf(.fin004).evaluated.compactMap(\.bureau) { run.limited(emits, .bureau(bureau), .summedLines) }
        }
        run.bureauTotalRule()
    }
}

extension RuleRun {
    /// FIN-004: each bureau's computed RB total per year against the financial plan's figure.
    mutating func bureauTotalRule() {
        guard hasFinancialPlan else { return }
        let classIDs = Set(classFindings)
        let fin010 = findings.filter { classIDs.contains($0.id) }
        for bureau in Bureau.allCases where bureausPresent.contains(bureau) {
            // The bureau's regular-budget rows, found once for every year (by index: no row is copied).
            let rows = model.allocations.indices.filter { model.allocations[$0].bureau == bureau && model.allocations[$0].funding.isRegular }
            for year in settings.years {
                let cells = rows.compactMap { model.allocations[$0].years[year] }.flatMap(\.cells)
                let actual = cells.reduce(Exact(0)) { $0 + $1.chf }
                var expectedSources: [SourceRef]
                let expected: Exact
                if model.hasSectorSummary {
                    guard let summary = model.sectorSummary.first(where: { $0.bureau == bureau }), let amount = summary.years[year] else {
                        skipped([.fin004], .bureau(bureau), .noBureauTotal(year: year))
                        continue
                    }
                    expected = amount.chf
                    expectedSources = [Format.cell(amount.source)]
                } else {
                    let lines = model.budgetLines.filter { $0.funding.isRegular && Bureau.owner(of: $0.output, fallback: $0.bureau) == bureau }
                    let amounts = lines.compactMap { $0.years[year] }
                    expected = amounts.reduce(Exact(0)) { $0 + $1.chf }
                    expectedSources = Format.summed(amounts.map(\.source))
                }
                bureauTotals.append(BureauTotal(bureau: bureau, year: year, financialPlan: expected, operationalPlan: actual))
                let delta = actual - expected
                let relative = expected == 0 ? (delta == 0 ? 0 : Exact.greatestFiniteMagnitude) : abs(delta) / abs(expected)
                guard relative > tolerances.bureauWarnRel else { continue }
                let severity: Severity = relative > tolerances.bureauErrorRel ? .error : .warning
                let opCells = cells.map(\.source)
                var causes = opCells.compactMap { unitErrorCells[$0] }
                causes += fin010.filter { $0.bureau == bureau && $0.period == .year(year) }.map(\.id)
                emit(Finding(id: Finding.ID(.fin004, .bureau(bureau), .year(year)), severity: severity, bureau: bureau, period: .year(year),
                             message: .bureauTotal(bureau: bureau, year: year, planned: actual, budgeted: expected),
                             expected: .amount(expected), actual: .amount(actual), delta: .change(delta, of: expected),
                             sources: expectedSources + Format.summed(opCells), causedBy: Self.causeOrder(causes)))
            }
        }
    }
}
