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
            let id = Finding.ID(.sub001, [.kind(kind)] + (bureau.map { [.bureau($0)] } ?? []))
            emit(Finding(id: id, severity: .error, bureau: bureau, period: .biennium(biennium),
                         message: .missingSubmission(kind: kind, bureau: bureau, biennium: biennium, received: bureausPresent.sorted(),
                                                     refused: candidates.map { Message.RefusedFile(file: $0.file, reason: $0.reason) }),
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

    /// DAT-001: duplicate rows or keys found while loading.
    mutating func duplicateRules() {
        for dup in model.duplicates {
            emit(Finding(
                id: Finding.ID(.dat001, .source(dup.workbook), .text(dup.key)), severity: dup.identical ? .warning : .error,
                bureau: dup.bureau, output: dup.output,
                message: .duplicateRow(key: dup.key, file: dup.keptCell.file, identical: dup.identical, keptRow: dup.keptCell.position.row,
                                       duplicateRow: dup.duplicateCell.position.row),
                expected: .words("1 row"), actual: .words("2 rows"), sources: [Format.cell(dup.keptCell), Format.cell(dup.duplicateCell)]))
        }
    }
}
