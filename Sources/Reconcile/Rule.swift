import Results

/// One rule of the catalogue (or a family of entries checked together), declaring what it emits
/// and which entries' findings or facts it reads. The evaluation order follows from these
/// declarations (`RuleCatalogue.ordered`), not from the order of calls in a function.
protocol Rule: Sendable {
    /// The catalogue entries whose findings this rule emits.
    var emits: [RuleID] { get }
    /// The entries whose findings (or the facts their rules leave in the run) this rule reads;
    /// every rule that emits one of them runs first.
    var reads: [RuleID] { get }
    /// Adds the rule's findings (and facts) to the run.
    func apply(to run: inout RuleRun)
}

extension Rule {
    var reads: [RuleID] { [] }
    var name: String { String(describing: type(of: self)) }
}

/// The rules rbm applies, and the order their declarations give.
enum RuleCatalogue {
    /// Every rule, in catalogue order (the order used between rules that do not depend on each other).
    static let all: [any Rule] = [
        SubmissionRule(), LoadFindingsRule(), DuplicateRule(),
        BienniumSplitRule(), StatedTotalRule(),
        FrameworkRule(),
        FundingClassRule(), UnitRule(), PresenceRule(), AmountRule(), BureauTotalRule(),
        StaffSplitRule(), FTECostRule(), PriorityRule(), EnvelopeRule(),
        KPIRule(), RiskRule(),
    ]

    /// `all`, each rule after the rules emitting what it reads.
    static let ordered: [any Rule] = {
        switch order(all) {
        case .success(let rules): return rules
        case .failure(let cycle): preconditionFailure(cycle.description)
        }
    }()

    /// Rules whose declarations form a cycle (a reads b's findings, b reads a's).
    struct Cycle: Error, CustomStringConvertible {
        var rules: [String]
        var description: String { "the rule catalogue has a cycle among " + rules.joined(separator: ", ") }
    }

    /// Orders `rules` so that each comes after every rule emitting an entry it reads; among rules
    /// free to go, the earlier in `rules` goes first. A rule may read entries it emits itself.
    static func order(_ rules: [any Rule]) -> Result<[any Rule], Cycle> {
        var done = Array(repeating: false, count: rules.count)
        var out: [any Rule] = []
        while out.count < rules.count {
            let next = rules.indices.first { i in
                !done[i] && rules[i].reads.allSatisfy { entry in
                    rules.indices.allSatisfy { j in j == i || done[j] || !rules[j].emits.contains(entry) }
                }
            }
            guard let next else {
                return .failure(Cycle(rules: rules.indices.filter { !done[$0] }.map { rules[$0].name }))
            }
            done[next] = true
            out.append(rules[next])
        }
        return .success(out)
    }
}
