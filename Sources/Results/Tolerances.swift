import Foundation

/// Every tolerance of the rule catalogue, named as in the pipeline file's `tolerances:` block.
///
/// `Tolerances.keys` is the one table of them: name, kind, default and the rules that use each.
/// The pipeline file reads and validates through it, the manifest records through it, and the
/// reports colour by the values here, so a changed tolerance changes all of them at once.
public struct Tolerances: Sendable, Codable, Equatable {
    public var amountAbs: Exact = 0
    public var amountRel: Exact = 0
    public var amountErrorAbs: Exact = 0
    public var amountErrorRel: Exact = 0
    public var bureauWarnRel: Exact = 0
    public var bureauErrorRel: Exact = 0
    public var roundingCHFPerCell: Exact = 0
    public var roundingKCHFPerCell: Exact = 0
    public var roundingMCHFPerCell: Exact = 0
    public var roundingFTEPerCell: Exact = 0
    public var unitFactorBand: Exact = 0
    public var splitPoints: Exact = 0
    public var splitAbs: Exact = 0
    public var fteCostMin: Exact = 0
    public var fteCostMax: Exact = 0
    public var priorityWarn: Exact = 0
    public var priorityError: Exact = 0
    public var kpiOnTrack: Exact = 0
    public var kpiAtRisk: Exact = 0
    public var kpiMaintainRel: Exact = 0
    public var riskWarn: Exact = 0
    public var riskError: Exact = 0
    /// Upper bounds of the rating bands (`risk.bands`: 1-4 Low, 5-9 Medium, 10-15 High, 16-25 Critical).
    public var riskLowMax: Exact = 0
    public var riskMediumMax: Exact = 0
    public var riskHighMax: Exact = 0
    public var envelopeInfoRel: Exact = 0

    /// The catalogue's defaults (domain.md (d)), from the key table.
    public init() {
        for key in Self.keys { self[key] = key.defaultValue }
    }

    /// What a tolerance measures, which says which values are valid.
    public enum Kind: String, Sendable, Codable {
        /// CHF (or FTE): any amount not below zero.
        case amount
        /// A share, 0.05 = 5 %: between 0 and 1.
        case fraction
        /// Percentage points: 5 = 5 pp.
        case points
        /// A risk score on the 1-25 scale.
        case score
    }

    /// One tolerance: its pipeline-file name, kind, default and the rules it tunes.
    public struct Key: @unchecked Sendable {
        public let name: String
        public let kind: Kind
        public let defaultValue: Exact
        public let rules: [RuleID]
        let path: WritableKeyPath<Tolerances, Exact>

        init(_ name: String, _ kind: Kind, _ defaultValue: Exact, _ rules: [RuleID], _ path: WritableKeyPath<Tolerances, Exact>) {
            self.name = name
            self.kind = kind
            self.defaultValue = defaultValue
            self.rules = rules
            self.path = path
        }

        /// Why `value` cannot be this tolerance, in plain words; nil when it can.
        public func problem(with value: Exact) -> String? {
            if value < 0 { return "tolerance '\(name)' must not be negative (\(value))" }
            if kind == .fraction, value > 1 { return "tolerance '\(name)' is a fraction (0.05 = 5 %), not \(value)" }
            if kind == .score, value > 25 { return "tolerance '\(name)' is a risk score (1-25), not \(value)" }
            return nil
        }
    }

    /// The table, in the order the documentation lists it.
    public static let keys: [Key] = [
        Key("amount.abs", .amount, 1000, [.fin003], \.amountAbs),
        Key("amount.rel", .fraction, 0.005, [.fin003], \.amountRel),
        Key("amount.errorAbs", .amount, 100_000, [.fin003], \.amountErrorAbs),
        Key("amount.errorRel", .fraction, 0.05, [.fin003], \.amountErrorRel),
        Key("bureau.warnRel", .fraction, 0.01, [.fin004], \.bureauWarnRel),
        Key("bureau.errorRel", .fraction, 0.05, [.fin004], \.bureauErrorRel),
        Key("rounding.chfPerCell", .amount, 1, [.fin005, .fin006], \.roundingCHFPerCell),
        Key("rounding.kchfPerCell", .amount, 500, [.fin005, .fin006], \.roundingKCHFPerCell),
        Key("rounding.mchfPerCell", .amount, 500_000, [.fin005, .fin006], \.roundingMCHFPerCell),
        Key("rounding.ftePerCell", .amount, 0.05, [.fin005], \.roundingFTEPerCell),
        Key("unit.factorBand", .fraction, 0.10, [.fin007], \.unitFactorBand),
        Key("split.points", .points, 5, [.fin008], \.splitPoints),
        Key("split.abs", .amount, 50_000, [.fin008], \.splitAbs),
        Key("fteCost.min", .amount, 120_000, [.fin009], \.fteCostMin),
        Key("fteCost.max", .amount, 320_000, [.fin009], \.fteCostMax),
        Key("priority.warn", .fraction, 0.90, [.fin011], \.priorityWarn),
        Key("priority.error", .fraction, 0.75, [.fin011], \.priorityError),
        Key("kpi.onTrack", .fraction, 0.90, [.kpi002], \.kpiOnTrack),
        Key("kpi.atRisk", .fraction, 0.60, [.kpi002], \.kpiAtRisk),
        Key("kpi.maintainRel", .fraction, 0.02, [.kpi002], \.kpiMaintainRel),
        Key("risk.warn", .score, 10, [.rsk001], \.riskWarn),
        Key("risk.error", .score, 15, [.rsk001], \.riskError),
        Key("risk.bands.lowMax", .score, 4, [.rsk001, .rsk003], \.riskLowMax),
        Key("risk.bands.mediumMax", .score, 9, [.rsk001, .rsk003], \.riskMediumMax),
        Key("risk.bands.highMax", .score, 15, [.rsk001, .rsk003], \.riskHighMax),
        Key("envelope.infoRel", .fraction, 0.01, [.fin012], \.envelopeInfoRel),
    ]

    /// The key of a pipeline-file name (`amount.abs`).
    public static func key(named name: String) -> Key? { keys.first { $0.name == name } }

    public subscript(key: Key) -> Exact {
        get { self[keyPath: key.path] }
        set { self[keyPath: key.path] = newValue }
    }

    /// The rounding allowed per summed cell in a column of `unit` (nil: an FTE column).
    public func rounding(for unit: MoneyUnit?) -> Exact {
        switch unit {
        case .chf: roundingCHFPerCell
        case .kchf: roundingKCHFPerCell
        case .mchf: roundingMCHFPerCell
        case nil: roundingFTEPerCell
        }
    }
}
