import Results

/// The catalogue cut into groups that share nothing: no rule of a group reads what a rule of
/// another group emits, so the groups can be applied at once, each on a run of its own, and their
/// output merged into exactly what one run applying `ordered` gives (issue 11).
extension RuleCatalogue {
    /// `ordered`'s indices in groups, each group in `ordered`'s order, the groups by their first rule.
    static let groups: [[Int]] = group(ordered)

    /// Groups `rules`: two rules share a group when one reads an entry the other emits, or both
    /// emit one entry (directly or through other rules of the group).
    static func group(_ rules: [any Rule]) -> [[Int]] {
        var root = Array(rules.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while root[i] != i { i = root[i] }
            return i
        }
        for i in rules.indices {
            for j in rules.indices where i != j {
                let emits = rules[j].emits
                guard rules[i].reads.contains(where: emits.contains) || rules[i].emits.contains(where: emits.contains) else { continue }
                let a = find(i), b = find(j)
                if a != b { root[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in rules.indices { groups[find(i), default: []].append(i) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}

/// One group's rules applied on a run of their own, with where each rule's findings, notes and
/// bureau totals end in that run.
struct GroupRun {
    struct End { var findings: Int; var notes: Int; var bureauTotals: Int }
    var run: RuleRun
    /// One per rule of the group, in the group's order.
    var ends: [End] = []

    init(_ rules: [any Rule], model: ResultsModel, settings: ReconcileSettings, ledger: Ledger) {
        run = RuleRun(model: model, settings: settings, ledger: ledger)
        for rule in rules {
            rule.apply(to: &run)
            ends.append(End(findings: run.findings.count, notes: run.notes.count, bureauTotals: run.bureauTotals.count))
        }
    }

    /// The groups' output in the order one run applying `ordered` gives it: each rule's findings,
    /// notes and bureau totals in catalogue order, and the coverage of every entry. Nil when two
    /// groups report findings or coverage of the same entry (a finding's occurrence number counts
    /// the ids already used in its own run, so such groups are not independent): then the caller
    /// applies the catalogue on one run.
    static func merge(_ parts: [GroupRun], groups: [[Int]]) -> (findings: [Finding], notes: [Note], bureauTotals: [BureauTotal], coverage: [RuleID: Coverage])? {
        var owner: [RuleID: Int] = [:]
        for (g, part) in parts.enumerated() {
            for rule in Set(part.run.findings.map(\.rule)).union(part.run.coverage.keys) {
                if let other = owner.updateValue(g, forKey: rule), other != g { return nil }
            }
        }
        var place = Array(repeating: (group: 0, position: 0), count: groups.reduce(0) { $0 + $1.count })
        for (g, group) in groups.enumerated() {
            for (position, index) in group.enumerated() { place[index] = (g, position) }
        }
        var findings: [Finding] = [], notes: [Note] = [], bureauTotals: [BureauTotal] = []
        findings.reserveCapacity(parts.reduce(0) { $0 + $1.run.findings.count })
        var starts = Array(repeating: End(findings: 0, notes: 0, bureauTotals: 0), count: parts.count)
        for (g, position) in place {
            let run = parts[g].run, start = starts[g], end = parts[g].ends[position]
            findings += run.findings[start.findings..<end.findings]
            notes += run.notes[start.notes..<end.notes]
            bureauTotals += run.bureauTotals[start.bureauTotals..<end.bureauTotals]
            starts[g] = end
        }
        var coverage: [RuleID: Coverage] = [:]
        for part in parts { coverage.merge(part.run.coverage) { a, _ in a } }
        return (findings, notes, bureauTotals, coverage)
    }
}
