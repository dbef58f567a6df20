import Foundation

/// A strategic goal of the results framework (`Goals` sheet).
public struct Goal: Hashable, Sendable, Codable {
    public var code: String
    public var shortName: String
    public var title: String
    public var source: CellSource

    public init(code: String, shortName: String, title: String, source: CellSource) {
        self.code = code
        self.shortName = shortName
        self.title = title
        self.source = source
    }
}

/// A target of a goal (`Targets` sheet).
public struct Target: Hashable, Sendable, Codable {
    public var code: String
    public var goal: String
    public var description: String
    public var unit: String
    public var baseline: Exact?
    public var baselineYear: Int?
    public var target: Exact?
    public var targetYear: Int?
    public var source: CellSource

    public init(code: String, goal: String, description: String, unit: String, baseline: Exact?, baselineYear: Int?,
                target: Exact?, targetYear: Int?, source: CellSource) {
        self.code = code
        self.goal = goal
        self.description = description
        self.unit = unit
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.target = target
        self.targetYear = targetYear
        self.source = source
    }
}

/// An objective of the plan (`Objectives` sheet) with the goals it says it serves.
public struct Objective: Hashable, Sendable, Codable {
    public var code: String
    public var bureau: Bureau?
    public var kind: String
    public var title: String
    /// Goal numbers as typed in the goals cell (`1`, `2`, `6`).
    public var goalTokens: [String]
    public var goalsSource: CellSource?
    public var source: CellSource

    public init(code: String, bureau: Bureau?, kind: String, title: String, goalTokens: [String], goalsSource: CellSource?, source: CellSource) {
        self.code = code
        self.bureau = bureau
        self.kind = kind
        self.title = title
        self.goalTokens = goalTokens
        self.goalsSource = goalsSource
        self.source = source
    }
}

/// An output listed in the results framework (`Outputs` sheet).
public struct FrameworkOutput: Hashable, Sendable, Codable {
    public var code: OutputCode
    public var objective: String
    public var bureau: Bureau?
    public var title: String
    public var isCostRecovery: Bool
    /// The output code's cell.
    public var source: CellSource
    /// The cells of the stated objective and bureau, when the sheet has those columns.
    public var objectiveCell: CellSource?
    public var bureauCell: CellSource?

    public init(code: OutputCode, objective: String, bureau: Bureau?, title: String, isCostRecovery: Bool, source: CellSource,
                objectiveCell: CellSource? = nil, bureauCell: CellSource? = nil) {
        self.code = code
        self.objective = objective
        self.bureau = bureau
        self.title = title
        self.isCostRecovery = isCostRecovery
        self.source = source
        self.objectiveCell = objectiveCell
        self.bureauCell = bureauCell
    }
}

/// A line of the predecessor plan's crosswalk (`Old code` → `New code`).
public struct CrosswalkEntry: Hashable, Sendable, Codable {
    public var oldCode: String
    public var newCode: String?
    public var note: String
    public var source: CellSource

    public init(oldCode: String, newCode: String?, note: String, source: CellSource) {
        self.oldCode = oldCode
        self.newCode = newCode
        self.note = note
        self.source = source
    }
}

extension CrosswalkEntry {
    /// Words a `New code` cell holds when the old objective has no successor (domain.md (d) RF-003).
    public static let noSuccessorWords: Set<String> = ["", "-", "–", "—", "n/a", "na", "none", "discontinued", "supprimé", "supprime",
                                                        "suprimido", "sin sucesor", "aucun", "ninguno"]

    /// The successor code, nil when the crosswalk gives none (an empty cell, a dash or a word for none).
    public var successor: String? {
        guard let code = newCode?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        return Self.noSuccessorWords.contains(code.lowercased()) ? nil : code
    }
}

/// A key performance indicator with its latest actual.
public struct KPI: Hashable, Sendable, Codable {
    public enum Direction: String, Sendable, Codable { case up, down, maintain }

    public var id: String
    /// The linked code as typed (trimmed) and, when it parses as an output, its canonical form.
    public var linkedTo: String
    public var linkedOutput: OutputCode?
    public var name: String
    public var unit: String
    public var direction: Direction?
    public var baseline: Quantity?
    public var baselineYear: Int?
    public var baselineCell: CellSource
    public var target: Quantity?
    public var targetYear: Int?
    public var targetCell: CellSource
    /// Actuals by year.
    public var actuals: [Int: Quantity]
    public var reportedStatus: TextCell?
    public var source: CellSource

    public init(id: String, linkedTo: String, linkedOutput: OutputCode?, name: String, unit: String, direction: Direction?,
                baseline: Quantity?, baselineYear: Int?, baselineCell: CellSource, target: Quantity?, targetYear: Int?,
                targetCell: CellSource, actuals: [Int: Quantity], reportedStatus: TextCell?, source: CellSource) {
        self.id = id
        self.linkedTo = linkedTo
        self.linkedOutput = linkedOutput
        self.name = name
        self.unit = unit
        self.direction = direction
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.baselineCell = baselineCell
        self.target = target
        self.targetYear = targetYear
        self.targetCell = targetCell
        self.actuals = actuals
        self.reportedStatus = reportedStatus
        self.source = source
    }
}

/// A risk of the register.
public struct Risk: Hashable, Sendable, Codable {
    public var id: String
    public var bureau: Bureau?
    public var description: String
    public var category: String
    public var linkedObjective: TextCell?
    public var linkedOutput: TextCell?
    public var likelihood: Quantity?
    public var impact: Quantity?
    public var likelihoodCell: CellSource
    public var statedScore: Quantity?
    public var owner: String
    public var mitigation: TextCell
    public var status: String
    public var lastReview: String?
    public var source: CellSource

    public init(id: String, bureau: Bureau?, description: String, category: String, linkedObjective: TextCell?, linkedOutput: TextCell?,
                likelihood: Quantity?, impact: Quantity?, likelihoodCell: CellSource, statedScore: Quantity?, owner: String,
                mitigation: TextCell, status: String, lastReview: String?, source: CellSource) {
        self.id = id
        self.bureau = bureau
        self.description = description
        self.category = category
        self.linkedObjective = linkedObjective
        self.linkedOutput = linkedOutput
        self.likelihood = likelihood
        self.impact = impact
        self.likelihoodCell = likelihoodCell
        self.statedScore = statedScore
        self.owner = owner
        self.mitigation = mitigation
        self.status = status
        self.lastReview = lastReview
        self.source = source
    }
}
