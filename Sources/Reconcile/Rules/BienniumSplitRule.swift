import Foundation
import Results

/// FIN-006: on each data row, the stated biennium is not year 1 + year 2.
struct BienniumSplitRule: Rule {
    var emits: [RuleID] { [.fin006] }
    func apply(to run: inout RuleRun) { run.bienniumSplitRule() }
}

extension RuleRun {
    /// FIN-006 on the financial plan's lines and summary and the operational plans' rows; leaves
    /// the stated cells it flagged (FIN-005 cites them as causes).
    mutating func bienniumSplitRule() {
        let biennium = settings.biennium
        let (y1, y2) = (biennium.first, biennium.second)
        var fin006ByCell: [CellSource: Finding.ID] = [:]

        func check(tag: SourceTag, key: [Finding.ID.Part], bureau: Bureau?, output: OutputCode?, row: BienniumRow,
                   first: Exact, second: Exact, stated: Amount) -> Finding? {
            let computed = first + second
            let delta = stated.chf - computed
            guard abs(delta) > 2 * tolerances.rounding(for: stated.unit) else { return nil }
            return Finding(
                id: Finding.ID(.fin006, [.source(tag)] + key + [.biennium(biennium)]), severity: .error, bureau: bureau,
                output: output, period: .biennium(biennium),
                message: .bienniumSplit(row: row, years: biennium, first: first, second: second, stated: stated.chf,
                                        transposed: Self.looksTransposed(delta, unit: stated.unit)),
                expected: .amount(computed), actual: .amount(stated.chf), delta: .change(delta, of: computed),
                sources: [Format.cell(stated.source)])
        }

        var new: [Finding] = []
        for line in model.budgetLines {
            guard let stated = line.biennium, let a = line.years[y1], let b = line.years[y2] else { continue }
            let key: [Finding.ID.Part] = [.output(line.output)] + (line.category.map { [.text($0.code)] } ?? []) + [.text(line.funding.code)]
            if let f = check(tag: SourceTag(.financialPlan), key: key, bureau: line.bureau, output: line.output,
                             row: .budgetLine(output: line.output, category: line.category, funding: line.funding),
                             first: a.chf, second: b.chf, stated: stated) {
                new.append(f)
                fin006ByCell[stated.source] = f.id
            }
        }
        for row in model.sectorSummary {
            guard let stated = row.biennium, let a = row.years[y1], let b = row.years[y2] else { continue }
            if let f = check(tag: SourceTag(.financialPlan, isSummary: true), key: [.bureau(row.bureau)], bureau: row.bureau, output: nil,
                             row: .summary(bureau: row.bureau),
                             first: a.chf, second: b.chf, stated: stated) {
                new.append(f)
                fin006ByCell[stated.source] = f.id
            }
        }
        for a in model.allocations {
            guard let stated = a.biennium, let c1 = a.years[y1], let c2 = a.years[y2], !c1.cells.isEmpty, !c2.cells.isEmpty else { continue }
            if let f = check(tag: .operationalPlan(a.bureau), key: [.output(a.output), .text(a.funding.code)], bureau: a.bureau, output: a.output,
                             row: .allocation(output: a.output, funding: a.funding), first: c1.chf, second: c2.chf, stated: stated) {
                new.append(f)
                fin006ByCell[stated.source] = f.id
            }
        }
        emit(new)
        bienniumErrorCells = fin006ByCell
    }

    /// Possibly transposed digits: Δ, in the column's display unit, is a whole multiple of 9.
    static func looksTransposed(_ delta: Exact, unit: MoneyUnit?) -> Bool {
        // In CHF the value is its own display (no division: issue 11).
        let display = unit == nil || unit == .chf ? delta : delta / unit!.factor
        guard display != 0, display == display.rounded(scale: 0) else { return false }
        let remainder = display - (display / 9).rounded(scale: 0, mode: .down) * 9
        return remainder == 0
    }
}

extension Exact {
    func rounded(scale: Int, mode: NSDecimalNumber.RoundingMode) -> Exact {
        var value = decimal
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return Exact(result)
    }
}
