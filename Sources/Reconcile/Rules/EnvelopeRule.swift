import Foundation
import Results

/// FIN-012: the regular-budget lines against the approved envelope.
struct EnvelopeRule: Rule {
    var emits: [RuleID] { [.fin012] }
    func apply(to run: inout RuleRun) { run.envelopeRule() }
}

extension RuleRun {
    /// FIN-012: regular-budget lines against the approved envelope.
    mutating func envelopeRule() {
        if let (reason, causes) = tableGap(.financialPlan, table: "budgetLines") {
            skipped([.fin012], .workbook(SourceTag(.financialPlan)), reason, causedBy: causes)
            return
        }
        guard let envelope = model.envelope?.amount ?? settings.envelope else {
            skipped([.fin012], .workbook(SourceTag(.financialPlan)), .noEnvelope)
            return
        }
        evaluated([.fin012], .workbook(SourceTag(.financialPlan)))
        let cells = model.budgetLines.filter { $0.funding.isRegular }.flatMap { line in settings.years.compactMap { line.years[$0] } }
        guard !cells.isEmpty else { return }
        let total = cells.reduce(Exact(0)) { $0 + $1.chf }
        let delta = total - envelope
        let severity: Severity
        if delta > 0 { severity = .error }
        else if -delta > envelope * tolerances.envelopeInfoRel { severity = .info }
        else { return }
        let positions = cells.map(\.source.position)
        let first = cells[0].source
        let topLeft = CellPosition(row: positions.map(\.row).min()!, column: positions.map(\.column).min()!)
        let bottomRight = CellPosition(row: positions.map(\.row).max()!, column: positions.map(\.column).max()!)
        var sources: [SourceRef] = []
        if let cell = model.envelope?.source { sources.append(Format.cell(cell)) }
        sources.append(SourceRef(file: first.file, sheet: first.sheet, cell: "\(topLeft.a1):\(bottomRight.a1)"))
        emit(Finding(id: Finding.ID(.fin012, .biennium(settings.biennium)), severity: severity, period: .biennium(settings.biennium),
                     message: .envelope(biennium: settings.biennium, total: total, envelope: envelope),
                     expected: .term(.atMost(envelope)), actual: .amount(total), delta: .signed(delta), sources: sources))
    }
}
