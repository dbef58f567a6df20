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
///
/// Its fields live in a shared copy-on-write ``FieldBox`` (issue 11).
public struct KPI: Hashable, Sendable, Codable {
    public enum Direction: String, Sendable, Codable { case up, down, maintain }

    /// The fields, stored once; synthesized `Codable` and `Hashable` give the KPI's.
    struct Fields: Hashable, Sendable, Codable {
        var id: String
        var linkedTo: String
        var linkedOutput: OutputCode?
        var name: String
        var unit: String
        var direction: Direction?
        var baseline: Quantity?
        var baselineYear: Int?
        var baselineCell: CellSource
        var target: Quantity?
        var targetYear: Int?
        var targetCell: CellSource
        var actuals: [Int: Quantity]
        var reportedStatus: TextCell?
        var source: CellSource
    }

    private var storage: FieldBox<Fields>

    /// Copies the box first when another copy shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = FieldBox(storage.fields) }
    }

    public var id: String {
        get { storage.fields.id }
        _modify {
            makeUnique()
            yield &storage.fields.id
        }
    }
    /// The linked code as typed (trimmed) and, when it parses as an output, its canonical form.
    public var linkedTo: String {
        get { storage.fields.linkedTo }
        _modify {
            makeUnique()
            yield &storage.fields.linkedTo
        }
    }
    public var linkedOutput: OutputCode? {
        get { storage.fields.linkedOutput }
        _modify {
            makeUnique()
            yield &storage.fields.linkedOutput
        }
    }
    public var name: String {
        get { storage.fields.name }
        _modify {
            makeUnique()
            yield &storage.fields.name
        }
    }
    public var unit: String {
        get { storage.fields.unit }
        _modify {
            makeUnique()
            yield &storage.fields.unit
        }
    }
    public var direction: Direction? {
        get { storage.fields.direction }
        _modify {
            makeUnique()
            yield &storage.fields.direction
        }
    }
    public var baseline: Quantity? {
        get { storage.fields.baseline }
        _modify {
            makeUnique()
            yield &storage.fields.baseline
        }
    }
    public var baselineYear: Int? {
        get { storage.fields.baselineYear }
        _modify {
            makeUnique()
            yield &storage.fields.baselineYear
        }
    }
    public var baselineCell: CellSource {
        get { storage.fields.baselineCell }
        _modify {
            makeUnique()
            yield &storage.fields.baselineCell
        }
    }
    public var target: Quantity? {
        get { storage.fields.target }
        _modify {
            makeUnique()
            yield &storage.fields.target
        }
    }
    public var targetYear: Int? {
        get { storage.fields.targetYear }
        _modify {
            makeUnique()
            yield &storage.fields.targetYear
        }
    }
    public var targetCell: CellSource {
        get { storage.fields.targetCell }
        _modify {
            makeUnique()
            yield &storage.fields.targetCell
        }
    }
    /// Actuals by year.
    public var actuals: [Int: Quantity] {
        get { storage.fields.actuals }
        _modify {
            makeUnique()
            yield &storage.fields.actuals
        }
    }
    public var reportedStatus: TextCell? {
        get { storage.fields.reportedStatus }
        _modify {
            makeUnique()
            yield &storage.fields.reportedStatus
        }
    }
    public var source: CellSource {
        get { storage.fields.source }
        _modify {
            makeUnique()
            yield &storage.fields.source
        }
    }

    public init(id: String, linkedTo: String, linkedOutput: OutputCode?, name: String, unit: String, direction: Direction?,
                baseline: Quantity?, baselineYear: Int?, baselineCell: CellSource, target: Quantity?, targetYear: Int?,
                targetCell: CellSource, actuals: [Int: Quantity], reportedStatus: TextCell?, source: CellSource) {
        storage = FieldBox(Fields(id: id, linkedTo: linkedTo, linkedOutput: linkedOutput, name: name, unit: unit,
                                  direction: direction, baseline: baseline, baselineYear: baselineYear,
                                  baselineCell: baselineCell, target: target, targetYear: targetYear, targetCell: targetCell,
                                  actuals: actuals, reportedStatus: reportedStatus, source: source))
    }

    public static func == (a: KPI, b: KPI) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The same keyed form as the fields'.
    public init(from decoder: any Decoder) throws { storage = FieldBox(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

/// A risk of the register.
///
/// Its fields live in a shared copy-on-write ``FieldBox`` (issue 11).
public struct Risk: Hashable, Sendable, Codable {
    /// The fields, stored once; synthesized `Codable` and `Hashable` give the risk's.
    struct Fields: Hashable, Sendable, Codable {
        var id: String
        var bureau: Bureau?
        var description: String
        var category: String
        var linkedObjective: TextCell?
        var linkedOutput: TextCell?
        var likelihood: Quantity?
        var impact: Quantity?
        var likelihoodCell: CellSource
        var statedScore: Quantity?
        var owner: String
        var mitigation: TextCell
        var status: String
        var lastReview: String?
        var source: CellSource
    }

    private var storage: FieldBox<Fields>

    /// Copies the box first when another copy shares it.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = FieldBox(storage.fields) }
    }

    public var id: String {
        get { storage.fields.id }
        _modify {
            makeUnique()
            yield &storage.fields.id
        }
    }
    public var bureau: Bureau? {
        get { storage.fields.bureau }
        _modify {
            makeUnique()
            yield &storage.fields.bureau
        }
    }
    public var description: String {
        get { storage.fields.description }
        _modify {
            makeUnique()
            yield &storage.fields.description
        }
    }
    public var category: String {
        get { storage.fields.category }
        _modify {
            makeUnique()
            yield &storage.fields.category
        }
    }
    public var linkedObjective: TextCell? {
        get { storage.fields.linkedObjective }
        _modify {
            makeUnique()
            yield &storage.fields.linkedObjective
        }
    }
    public var linkedOutput: TextCell? {
        get { storage.fields.linkedOutput }
        _modify {
            makeUnique()
            yield &storage.fields.linkedOutput
        }
    }
    public var likelihood: Quantity? {
        get { storage.fields.likelihood }
        _modify {
            makeUnique()
            yield &storage.fields.likelihood
        }
    }
    public var impact: Quantity? {
        get { storage.fields.impact }
        _modify {
            makeUnique()
            yield &storage.fields.impact
        }
    }
    public var likelihoodCell: CellSource {
        get { storage.fields.likelihoodCell }
        _modify {
            makeUnique()
            yield &storage.fields.likelihoodCell
        }
    }
    public var statedScore: Quantity? {
        get { storage.fields.statedScore }
        _modify {
            makeUnique()
            yield &storage.fields.statedScore
        }
    }
    public var owner: String {
        get { storage.fields.owner }
        _modify {
            makeUnique()
            yield &storage.fields.owner
        }
    }
    public var mitigation: TextCell {
        get { storage.fields.mitigation }
        _modify {
            makeUnique()
            yield &storage.fields.mitigation
        }
    }
    public var status: String {
        get { storage.fields.status }
        _modify {
            makeUnique()
            yield &storage.fields.status
        }
    }
    public var lastReview: String? {
        get { storage.fields.lastReview }
        _modify {
            makeUnique()
            yield &storage.fields.lastReview
        }
    }
    public var source: CellSource {
        get { storage.fields.source }
        _modify {
            makeUnique()
            yield &storage.fields.source
        }
    }

    public init(id: String, bureau: Bureau?, description: String, category: String, linkedObjective: TextCell?, linkedOutput: TextCell?,
                likelihood: Quantity?, impact: Quantity?, likelihoodCell: CellSource, statedScore: Quantity?, owner: String,
                mitigation: TextCell, status: String, lastReview: String?, source: CellSource) {
        storage = FieldBox(Fields(id: id, bureau: bureau, description: description, category: category,
                                  linkedObjective: linkedObjective, linkedOutput: linkedOutput, likelihood: likelihood,
                                  impact: impact, likelihoodCell: likelihoodCell, statedScore: statedScore, owner: owner,
                                  mitigation: mitigation, status: status, lastReview: lastReview, source: source))
    }

    public static func == (a: Risk, b: Risk) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The same keyed form as the fields'.
    public init(from decoder: any Decoder) throws { storage = FieldBox(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}
