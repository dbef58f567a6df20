import Foundation
import Results

/// RF-001 … RF-005: goals, objectives and output codes against the results framework.
struct FrameworkRule: Rule {
    var emits: [RuleID] { [.rf001, .rf002, .rf003, .rf004, .rf005] }
    func apply(to run: inout RuleRun) { run.frameworkRules() }
}

extension RuleRun {
    /// RF-001 … RF-005: codes and links against the results framework.
    mutating func frameworkRules() {
        let framework = SourceTag(.resultsFramework)
        if let (reason, causes) = tableGap(.resultsFramework, table: "outputs"), case .workbookMissing = reason {
            skipped([.rf001, .rf002, .rf003, .rf004, .rf005], .workbook(framework), reason, causedBy: causes)
            return
        }
        // A table that did not load (DAT-003) is not an empty one: the rules reading it skip the
        // run, caused by that DAT-003, rather than flag every code it would have listed.
        let objectivesLoaded = coverTable([.rf001, .rf002, .rf003], .resultsFramework, table: "objectives")
        let outputsLoaded = coverTable([.rf005], .resultsFramework, table: "outputs")
        evaluated([.rf004], .workbook(framework))
        let objectives = Set(model.objectives.map(\.code))
        let listed = Set(model.outputs.map(\.code))
        let crosswalk = Dictionary(model.crosswalk.map { ($0.oldCode, $0) }, uniquingKeysWith: { a, _ in a })
        let titles = Dictionary(model.outputs.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
        // The objectives of each prefix letter in natural order, sorted once (a sort per unknown
        // objective led this rule's profile at scale; issue 11).
        var sameLetter: [Character: [String]] = [:]
        func sameLetterObjectives(_ letter: Character) -> [String] {
            if let same = sameLetter[letter] { return same }
            let same = NaturalOrder.sorted(objectives.filter { $0.first == letter }, by: { $0 })
            sameLetter[letter] = same
            return same
        }

        // RF-002: goals an objective lists must exist in the plan.
        for objective in model.objectives {
            for token in objective.goalTokens {
                let number = Int(token.filter(\.isNumber)) ?? 0
                guard !(1...settings.goalCount).contains(number), let cell = objective.goalsSource else { continue }
                emit(Finding(id: Finding.ID(.rf002, .text(objective.code), .text(token)), severity: .error,
                             message: .unknownGoal(objective: objective.code, goal: token, plan: settings.planID, goals: settings.goalCount),
                             expected: .term(.goals(settings.goalCount)), actual: .code(token), sources: [Format.cell(cell)]))
            }
        }

        // Each workbook's output codes, once per workbook and code, in reading order.
        struct Use { var tag: SourceTag; var output: OutputCode; var bureau: Bureau?; var cell: CellSource; var title: String }
        struct Seen: Hashable { var tag: SourceTag; var output: OutputCode }
        var uses: [Use] = []
        var seen = Set<Seen>()
        for sub in model.submissions where sub.kind == .financialPlan || sub.kind == .operationalPlan {
            let tag = sub.tag
            if sub.kind == .financialPlan {
                for line in model.budgetLines where line.outputCell.file == sub.file && seen.insert(Seen(tag: tag, output: line.output)).inserted {
                    uses.append(Use(tag: tag, output: line.output, bureau: line.bureau, cell: line.outputCell, title: line.title))
                }
            } else {
                for a in model.allocations where a.outputCell.file == sub.file && seen.insert(Seen(tag: tag, output: a.output)).inserted {
                    uses.append(Use(tag: tag, output: a.output, bureau: a.bureau, cell: a.outputCell, title: a.title))
                }
            }
        }
        // The results framework's own Outputs sheet is a source like any other (RF-001, RF-003).
        if let framework = model.submissions.first(where: { $0.kind == .resultsFramework }) {
            for output in model.outputs where seen.insert(Seen(tag: framework.tag, output: output.code)).inserted {
                uses.append(Use(tag: framework.tag, output: output.code, bureau: output.bureau, cell: output.source, title: output.title))
            }
        }
        for use in uses {
            let objective = use.output.objective
            let title = titles[use.output] ?? use.title
            if !objectives.contains(objective) {
                guard objectivesLoaded else { continue }
                if let entry = crosswalk[objective] {
                    let successor = entry.successor
                    emit(Finding(id: Finding.ID(.rf003, .source(use.tag), .output(use.output)), severity: successor == nil ? .error : .warning,
                                 bureau: use.bureau, output: use.output,
                                 message: .previousPlanObjective(output: use.output, objective: objective, previousPlan: settings.predecessorPlanID,
                                                                 successor: successor),
                                 expected: .term(.planCode(settings.planID)), actual: .term(.codeOfPlan(objective, plan: settings.predecessorPlanID)), sources: [Format.cell(use.cell)]))
                } else {
                    let letter = use.output.prefix
                    let same = sameLetterObjectives(letter)
                    emit(Finding(id: Finding.ID(.rf001, .source(use.tag), .output(use.output)), severity: .error,
                                 bureau: use.bureau, output: use.output,
                                 message: .unknownObjective(output: use.output, title: title, objective: objective, plan: settings.planID, sameBureau: same),
                                 expected: .term(.objectiveAmong(first: same.first, last: same.count > 1 ? same.last : nil)), actual: .code(objective), sources: [Format.cell(use.cell)]))
                }
            } else if outputsLoaded, use.tag.kind != .resultsFramework, !listed.contains(use.output) {
                emit(Finding(id: Finding.ID(.rf005, .source(use.tag), .output(use.output)), severity: .warning,
                             bureau: use.bureau, output: use.output,
                             message: .notInFramework(output: use.output, title: use.title, plan: settings.planID),
                             expected: .term(.listedOutput), actual: .code(use.output.text), sources: [Format.cell(use.cell)]))
            }
        }

        // RF-004: the code's objective and bureau win over what the row states.
        func rf004(tag: SourceTag, output: OutputCode, stated: TextCell?, bureau: Bureau?, statedBureau: Bureau?, bureauCell: CellSource?) {
            if let stated, stated.text != output.objective {
                emit(Finding(id: Finding.ID(.rf004, .source(tag), .output(output)), severity: .warning, bureau: bureau, output: output,
                             message: .objectiveMismatch(output: output, stated: stated.text),
                             expected: .code(output.objective), actual: .code(stated.text), sources: [Format.cell(stated.source)]))
            }
            if let owner = Bureau.owning(prefix: output.prefix), let statedBureau, statedBureau != owner, let bureauCell {
                emit(Finding(id: Finding.ID(.rf004, .source(tag), .output(output), .text("bureau")), severity: .warning, bureau: owner, output: output,
                             message: .bureauMismatch(output: output, owner: owner, stated: statedBureau),
                             expected: .code(owner.rawValue), actual: .code(statedBureau.rawValue), sources: [Format.cell(bureauCell)]))
            }
        }
        for line in model.budgetLines {
            rf004(tag: SourceTag(.financialPlan), output: line.output, stated: line.statedObjective, bureau: line.bureau, statedBureau: line.sectorBureau, bureauCell: line.sector?.source)
        }
        for a in model.allocations {
            rf004(tag: .operationalPlan(a.bureau), output: a.output, stated: a.statedObjective, bureau: a.bureau, statedBureau: a.bureau, bureauCell: a.outputCell)
        }
        // The framework's Outputs sheet: its Objective and Bureau columns are the stated ones.
        if let framework = model.submissions.first(where: { $0.kind == .resultsFramework }) {
            for o in model.outputs {
                rf004(tag: framework.tag, output: o.code, stated: TextCell(text: o.objective, source: o.objectiveCell ?? o.source),
                      bureau: o.bureau, statedBureau: o.bureau, bureauCell: o.bureauCell ?? o.source)
            }
        }
    }
}
