import Foundation
import Results

/// FIN-005: a stated total differs from the sum of its rows, caused by the FIN-006s among them.
struct StatedTotalRule: Rule {
    var emits: [RuleID] { [.fin005] }
    var reads: [RuleID] { [.fin006] }
    func apply(to run: inout RuleRun) { run.statedTotalRule() }
}

extension RuleRun {
    /// FIN-005 on every stated total the normaliser found.
    mutating func statedTotalRule() {
        let biennium = settings.biennium
        for total in model.statedTotals {
            let computed = total.components.reduce(Exact(0)) { $0 + $1.value }
            let delta = total.stated - computed
            let tolerance = Exact(total.components.count) * tolerances.rounding(for: total.unit)
            guard abs(delta) > tolerance else { continue }
            let period: Period
            switch total.measure {
            case .year(let y): period = .year(y)
            case .biennium: period = .biennium(biennium)
            case .fte: period = .none
            }
            let causes = total.measure == .biennium ? total.components.compactMap { bienniumErrorCells[$0.source] } : []
            let skipped = Self.skippedText(total, tolerance: tolerance)
            emit(Finding(
                id: Finding.ID(.fin005, .source(total.workbook), .text("\(total.cell.sheet)!\(total.cell.position.a1)")), severity: .error,
                bureau: total.bureau, period: period,
                message: .statedTotal(label: total.label, period: period, stated: total.stated, computed: computed, isMoney: total.unit != nil,
                                      rows: total.components.map(\.source.position.row), transposed: Self.looksTransposed(delta, unit: total.unit),
                                      skippedText: skipped.map { SkippedTextCell(cell: $0.source.position.a1, value: $0.value / (total.unit?.factor ?? 1)) }),
                expected: .amount(computed), actual: .amount(total.stated), delta: .change(delta, of: computed),
                sources: ([total.cell] + skipped.map(\.source)).map(Format.cell), causedBy: causes))
        }
    }

    /// The cells of the total's scope that hold numbers as text, when leaving them all out gives the
    /// stated total within the rounding tolerance (what a spreadsheet's SUM computes); else none.
    static func skippedText(_ total: StatedTotal, tolerance: Exact) -> [Quantity] {
        let texts = total.components.filter(\.typedAsText)
        guard !texts.isEmpty else { return [] }   // no second sum of a scope without text cells (issue 11)
        let withoutTexts = total.components.filter { !$0.typedAsText }.reduce(Exact(0)) { $0 + $1.value }
        guard abs(total.stated - withoutTexts) <= tolerance else { return [] }
        return texts
    }
}
