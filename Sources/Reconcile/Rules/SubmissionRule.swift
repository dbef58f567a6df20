import Foundation
import Results

/// SUB-001: each expected workbook (RF, FP, RR; an OP per bureau) arrived and was accepted.
struct SubmissionRule: Rule {
    var emits: [RuleID] { [.sub001] }
    func apply(to run: inout RuleRun) { run.submissionRules() }
}

/// DAT-002 and DAT-003: what the normaliser found while loading, passed on as findings.
struct LoadFindingsRule: Rule {
    var emits: [RuleID] { [.dat002, .dat003] }
    func apply(to run: inout RuleRun) { run.emit(run.model.loadFindings) }
}

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
                         expected: .term(.submissions(1)), actual: .amount(0), sources: [SourceRef(file: settings.inboxName + "/")]))
            if let bureau {
                for line in model.budgetLines where Bureau.owner(of: line.output, fallback: line.bureau) == bureau {
                    for year in settings.years {
                        if let amount = line.years[year], amount.chf != 0 {
                            notes.append(Note(.notReconciled, source: amount.source.ref,
                                              "\(line.output)/\(year) (\(amount.source.ref)): no operational plan from \(bureau.rawValue)"))
                        }
                    }
                }
            }
        }
    }
}
