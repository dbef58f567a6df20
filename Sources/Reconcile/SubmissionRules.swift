import Foundation
import Results

extension RuleRun {
    /// SUB-001: each expected workbook kind present once (RF, FP, RR; OP per bureau).
    mutating func submissionRules() {
        let biennium = settings.biennium
        let present = model.submissions
        var missing: [(WorkbookKind, Bureau?)] = []
        for kind in [WorkbookKind.resultsFramework, .financialPlan, .riskRegister] where !present.contains(where: { $0.kind == kind }) {
            missing.append((kind, nil))
        }
        for bureau in settings.bureaus where !bureausPresent.contains(bureau) {
            missing.append((.operationalPlan, bureau))
        }
        for (kind, bureau) in missing {
            // The refused files meant to be this workbook, else every refused file of unknown purpose.
            let meant = model.missed.filter { $0.kind == kind && (kind != .operationalPlan || $0.bureau == nil || $0.bureau == bureau) }
            let candidates = meant.isEmpty ? model.missed.filter { $0.kind == nil } : meant
            let refused = candidates.map { "\($0.file) (\($0.reason))" }.joined(separator: "; ")
            let missedText = candidates.isEmpty ? "" : " Received but not accepted: \(refused)."
            let id = Finding.ID(.sub001, [.kind(kind)] + (bureau.map { [.bureau($0)] } ?? []))
            let what = bureau.map { "an operational plan from \($0.rawValue)" } ?? "a \(kindName(kind))"
            let received = bureausPresent.sorted().map(\.rawValue).joined(separator: ", ")
            emit(Finding(id: id, severity: .error, bureau: bureau, period: .biennium(biennium),
                         message: "No \(what) for \(biennium): expected 1 workbook, found 0 (operational plans received: \(received.isEmpty ? "none" : received)).\(missedText)",
                         expected: .words("1 submission"), actual: .amount(0), sources: [SourceRef(file: "inbox/")]))
            if let bureau {
                for line in model.budgetLines where Bureau.owner(of: line.output, fallback: line.bureau) == bureau {
                    for year in settings.years {
                        if let amount = line.years[year], amount.chf != 0 {
                            notes.append("not reconciled: \(line.output)/\(year) (\(amount.source.ref)): no operational plan from \(bureau.rawValue)")
                        }
                    }
                }
            }
        }
    }

    private func kindName(_ kind: WorkbookKind) -> String {
        switch kind {
        case .resultsFramework: "results framework"
        case .financialPlan: "financial plan"
        case .operationalPlan: "operational plan"
        case .riskRegister: "risk register"
        }
    }

    /// DAT-001: duplicate rows or keys found while loading.
    mutating func duplicateRules() {
        for dup in model.duplicates {
            emit(Finding(
                id: Finding.ID(.dat001, .source(dup.workbook), .text(dup.key)), severity: dup.identical ? .warning : .error,
                bureau: dup.bureau, output: dup.output,
                message: dup.identical
                    ? "\(dup.key) appears twice in \(dup.keptCell.file) with identical values; row \(dup.duplicateCell.position.row) skipped."
                    : "\(dup.key) appears twice in \(dup.keptCell.file) with different values; row \(dup.keptCell.position.row) kept, row \(dup.duplicateCell.position.row) not loaded.",
                expected: .words("1 row"), actual: .words("2 rows"), sources: [Format.cell(dup.keptCell), Format.cell(dup.duplicateCell)]))
        }
    }
}
