import Foundation
import Results

/// The linkage Resolution 151 asks for, line by line: goal → objective → output, with the financial
/// plan's budget, the operational plans' allocation, their difference, the output's KPIs and their
/// status, the risks linked to it or its objective, and the findings on the line. Totals per
/// objective and goal add up to the regular-budget total the envelope is compared with.
/// Built from values only; the workbook and the page render it.
public struct ResultsChain: Sendable {
    /// One output: regular-budget (RB) and extrabudgetary (XB) money over the biennium on both sides.
    public struct Line: Sendable {
        public var output: OutputCode
        public var title: String
        public var bureau: Bureau?
        public var budgetRB: Exact = 0
        public var budgetXB: Exact = 0
        public var plannedRB: Exact = 0
        public var plannedXB: Exact = 0
        public var kpis: [(id: String, status: String)] = []
        public var risks: [String] = []
        /// The findings on the line, in the log's order (each shown by its ``Finding/idText``).
        public var findings: [Finding] = []
        /// The most severe finding on the line, nil when there is none.
        public var worst: Severity?
        /// Operational plans minus financial plan, regular budget.
        public var differenceRB: Exact { plannedRB - budgetRB }
    }

    /// An objective and its outputs, with totals (summed once: the workbook and the page read
    /// them several times, and a `Exact` sum is slow; issue 11).
    public struct ObjectiveGroup: Sendable {
        public var code: String
        public var title: String
        /// Goals the objective serves besides the one it is listed under.
        public var otherGoals: [String]
        public var risks: [String]
        public let lines: [Line]
        public let budgetRB: Exact
        public let plannedRB: Exact

        init(code: String, title: String, otherGoals: [String], risks: [String], lines: [Line]) {
            self.code = code
            self.title = title
            self.otherGoals = otherGoals
            self.risks = risks
            self.lines = lines
            budgetRB = lines.reduce(0) { $0 + $1.budgetRB }
            plannedRB = lines.reduce(0) { $0 + $1.plannedRB }
        }
    }

    /// A goal (or the outputs whose objective the framework does not know, under `nil`), with its
    /// objectives' totals summed once.
    public struct GoalGroup: Sendable {
        public var goal: String?
        public var title: String
        public let objectives: [ObjectiveGroup]
        public let budgetRB: Exact
        public let plannedRB: Exact

        init(goal: String?, title: String, objectives: [ObjectiveGroup]) {
            self.goal = goal
            self.title = title
            self.objectives = objectives
            budgetRB = objectives.reduce(0) { $0 + $1.budgetRB }
            plannedRB = objectives.reduce(0) { $0 + $1.plannedRB }
        }
    }

    public var goals: [GoalGroup]
    public var envelope: Exact?
    public var budgetRB: Exact { goals.reduce(0) { $0 + $1.budgetRB } }
    public var plannedRB: Exact { goals.reduce(0) { $0 + $1.plannedRB } }

    public init(model: ResultsModel, findings: [Finding], years: [Int], envelope: Exact? = nil) {
        var lines: [OutputCode: Line] = [:]
        /// Changes an output's line in place (a new one when it has none yet): a line taken out,
        /// changed and put back was copied with its lists (issue 11).
        func change(_ output: OutputCode, _ body: (inout Line) -> Void) {
            body(&lines[output, default: Line(output: output, title: "")])
        }
        for o in model.outputs {
            change(o.code) { l in
                l.title = o.title
                l.bureau = o.bureau
            }
        }
        /// Adds one row's biennium money to its output's line, on the financial plan's side
        /// (`budget`) or the operational plans' (`planned`); the framework's title and bureau win.
        func add(_ output: OutputCode, title: String, bureau: Bureau?, amount: Exact, regular: Bool,
                 to side: WritableKeyPath<Line, Exact>, or other: WritableKeyPath<Line, Exact>) {
            change(output) { l in
                if l.title.isEmpty { l.title = title }
                if l.bureau == nil { l.bureau = bureau }
                l[keyPath: regular ? side : other] += amount
            }
        }
        /// The sum over the biennium's years of what a row gives for them.
        func biennium(_ amount: (Int) -> Exact?) -> Exact {
            var sum = Exact(0)
            for year in years { if let value = amount(year) { sum += value } }
            return sum
        }
        for b in model.budgetLines {
            add(b.output, title: b.title, bureau: b.bureau, amount: biennium { b.years[$0]?.chf },
                regular: b.funding.isRegular, to: \.budgetRB, or: \.budgetXB)
        }
        for a in model.allocations {
            add(a.output, title: a.title, bureau: a.bureau, amount: biennium { a.years[$0]?.chf },
                regular: a.funding.isRegular, to: \.plannedRB, or: \.plannedXB)
        }
        let status = Self.kpiStatus(model.kpis, findings)
        for k in model.kpis {
            guard let output = k.linkedOutput, lines[output] != nil else { continue }
            lines[output]?.kpis.append((k.id, status[k.id] ?? "no data"))
        }
        var objectiveRisks: [String: [String]] = [:]
        for r in model.risks {
            if let output = r.linkedOutput.map({ OutputCode($0.text) }), lines[output] != nil { lines[output]?.risks.append(r.id) }
            if let objective = r.linkedObjective?.text.uppercased() { objectiveRisks[objective, default: []].append(r.id) }
        }
        for f in findings {
            guard let output = f.output, lines[output] != nil else { continue }
            change(output) { l in
                l.findings.append(f)
                l.worst = max(l.worst ?? f.severity, f.severity)
            }
        }

        // Objectives under their first goal; outputs under their code's objective.
        let byObjective = Dictionary(grouping: lines.values, by: \.output.objective)
        let known = Dictionary(model.objectives.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func group(_ code: String) -> ObjectiveGroup {
            let objective = known[code]
            return ObjectiveGroup(code: code, title: objective?.title ?? "", otherGoals: Array((objective?.goalTokens ?? []).dropFirst()),
                                  risks: objectiveRisks[code] ?? [],
                                  lines: NaturalOrder.sorted(byObjective[code] ?? [], by: \.output.text))
        }
        var goals: [GoalGroup] = []
        let goalTitles = Dictionary(model.goals.map { (Self.goalNumber($0.code), $0.title) }, uniquingKeysWith: { a, _ in a })
        let objectivesByGoal = Dictionary(grouping: model.objectives, by: { $0.goalTokens.first.map(Self.goalNumber) ?? "" })
        for goal in objectivesByGoal.keys.sorted(by: { NaturalOrder.less($0, $1) }) {
            let objectives = (objectivesByGoal[goal] ?? []).map(\.code).sorted { NaturalOrder.less($0, $1) }.map(group)
            goals.append(GoalGroup(goal: goal.isEmpty ? nil : "G" + goal, title: goalTitles[goal] ?? "", objectives: objectives))
        }
        // Outputs whose objective the framework does not list (RF-001/RF-003): shown, not lost.
        let unknown = byObjective.keys.filter { known[$0] == nil }.sorted { NaturalOrder.less($0, $1) }
        if !unknown.isEmpty {
            goals.append(GoalGroup(goal: nil, title: "Objective not in the results framework", objectives: unknown.map(group)))
        }
        self.goals = goals
        self.envelope = envelope ?? model.envelope?.amount
    }

    /// `G1`, `1`, `Goal 1` → `1`.
    static func goalNumber(_ token: String) -> String { String(token.filter(\.isNumber)) }

    /// A KPI's status as the rules computed it: off track or at risk from its KPI-002, no baseline
    /// or target from its KPI-001, on track when it has actuals and no finding, else no data.
    static func kpiStatus(_ kpis: [KPI], _ findings: [Finding]) -> [String: String] {
        var status: [String: String] = [:]
        for k in kpis where !k.actuals.isEmpty { status[k.id] = KPIStatus.onTrack.rawValue }
        for f in findings {
            switch f.message {
            case .kpiStatus(let kpi, _, _, _, _, _, _, _, let computed, _): status[kpi] = computed.rawValue
            case .kpiIncomplete(let kpi, _, _, _): status[kpi] = "no baseline or target"
            default: break
            }
        }
        return status
    }
}
