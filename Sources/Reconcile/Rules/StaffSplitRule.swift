import Foundation
import Results

/// FIN-008: the staff share of an output and year differs between the plans.
struct StaffSplitRule: Rule {
    var emits: [RuleID] { [.fin008] }
    func apply(to run: inout RuleRun) {
        run.coverBureaus(emits, opFields: [FieldGap.staffSplit], fpFields: ["category"])
        run.splitRule()
    }
}

extension RuleRun {
    /// FIN-008: staff share per (output, year) where both sides give the split.
    mutating func splitRule() {
        guard hasFinancialPlan else { return }
        for key in ledger.keys {
            guard let row = model.allocations(of: key.output, in: ledger).first(where: { $0.years[key.year]?.staff != nil && $0.years[key.year]?.nonStaff != nil }),
                  let cost = row.years[key.year], let opStaff = cost.staff else { continue }
            let lines = model.budgetLines(of: key.output, in: ledger).filter { $0.years[key.year] != nil }
            guard !lines.isEmpty, lines.allSatisfy({ $0.category != nil }) else { continue }
            let fpTotal = lines.reduce(Exact(0)) { $0 + $1.years[key.year]!.chf }
            let fpStaff = lines.filter { $0.category!.rollUp == "STAFF" }.reduce(Exact(0)) { $0 + $1.years[key.year]!.chf }
            let opTotal = cost.chf
            guard !opTotal.isZero, !fpTotal.isZero else { continue }
            // Both tolerances must be passed: the staff amounts' difference first, which needs no
            // division (issue 11: most outputs' staff amounts agree, and the two shares' quotients
            // are seldom exact, so computed to 38 digits as `Decimal` does).
            let staffDelta = opStaff.chf - fpStaff
            guard abs(staffDelta) > tolerances.splitAbs else { continue }
            let points = (opStaff.chf / opTotal - fpStaff / fpTotal) * 100
            guard abs(points) > tolerances.splitPoints else { continue }
            emit(Finding(id: Finding.ID(.fin008, .output(key.output), .year(key.year)), severity: .warning, bureau: row.bureau,
                         output: key.output, period: .year(key.year),
                         message: .staffSplit(output: key.output, title: row.title, year: key.year, bureau: row.bureau, planStaff: opStaff.chf,
                                              planTotal: opTotal, budgetStaff: fpStaff, budgetTotal: fpTotal),
                         expected: .term(.staff(fpStaff)), actual: .term(.staff(opStaff.chf)),
                         delta: .term(.staffShift(staffDelta, points: points)),
                         sources: [Format.cell(opStaff.source)] + lines.map { Format.cell($0.years[key.year]!.source) }))
        }
    }
}
