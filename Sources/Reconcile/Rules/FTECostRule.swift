import Foundation
import Results

/// FIN-009: staff cost per FTE outside the plausible band, caused by the FIN-007 of its staff cell.
struct FTECostRule: Rule {
    var emits: [RuleID] { [.fin009] }
    var reads: [RuleID] { [.fin007] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits, opFields: ["fte", FieldGap.staffSplit])
        run.fteCostRule()
    }
}

extension RuleRun {
    /// FIN-009: staff cost per FTE outside the plausible band.
    mutating func fteCostRule() {
        guard hasFinancialPlan else { return }
        for row in model.allocations {
            guard let fte = row.fte else { continue }
            for year in settings.years {
                guard let staff = row.years[year]?.staff else { continue }
                /// Staff cost per FTE, nil when staff cost is planned for zero FTE.
                let perFTE: Exact?
                if fte.value == 0 {
                    guard staff.chf != 0 else { continue }
                    perFTE = nil
                } else {
                    let cost = Exact.quotient(staff.chf, fte.value, roundedTo: 0)
                    guard cost < tolerances.fteCostMin || cost > tolerances.fteCostMax else { continue }
                    perFTE = cost
                }
                emit(Finding(id: Finding.ID(.fin009, .output(row.output), .year(year)), severity: .warning, bureau: row.bureau,
                             output: row.output, period: .year(year),
                             message: .costPerFTE(output: row.output, year: year, staff: staff.chf, fte: fte.value, perFTE: perFTE,
                                                  minimum: tolerances.fteCostMin, maximum: tolerances.fteCostMax),
                             expected: .term(.range(tolerances.fteCostMin, tolerances.fteCostMax)), actual: perFTE.map(FindingValue.amount) ?? .term(.infinity),
                             sources: [Format.cell(fte.source), Format.cell(staff.source)],
                             causedBy: unitErrorCells[staff.source].map { [$0] } ?? []))
            }
        }
    }
}
