import Foundation
import Results

/// The plan, the expected submissions and every tolerance of the rule catalogue (domain.md (d)),
/// with the catalogue's defaults. All settable in the pipeline file.
public struct ReconcileSettings: Sendable, Codable, Equatable {
    public var planID = "SP2020-2023"
    public var predecessorPlanID = "SP2016-2019"
    public var goalCount = 5
    public var biennium = Biennium(2022, 2023)
    /// Bureaus that must each send an operational plan.
    public var bureaus: [Bureau] = [.br, .tsb, .bdt, .gs]
    public var tolerances = Tolerances()
    /// Words in an RB row's notes that reveal extrabudgetary money (FIN-010).
    public var extrabudgetaryNotes = ["trust fund", "voluntary contribution", "fonds fiduciaire", "contribución voluntaria"]
    /// The envelope when the financial plan has no Parameters sheet.
    public var envelope: Decimal?
    /// The most a FIN-003 can weigh when the operational plan exceeds the financial plan for an
    /// output the results framework flags as cost recovery (Decision 5 lets Council raise the
    /// budget of cost-recovery products to meet demand; domain.md, caveats). `.error` keeps the
    /// catalogue's bands; `.warning` makes such overruns warnings.
    public var costRecoveryOverrun: Severity = .error

    public init() {}

    public var years: [Int] { biennium.years }
}

/// Tolerances of domain.md (d), named as in its table.
public struct Tolerances: Sendable, Codable, Equatable {
    public var amountAbs: Decimal = 1000
    public var amountRel: Decimal = 0.005
    public var amountErrorAbs: Decimal = 100_000
    public var amountErrorRel: Decimal = 0.05
    public var bureauWarnRel: Decimal = 0.01
    public var bureauErrorRel: Decimal = 0.05
    public var roundingCHFPerCell: Decimal = 1
    public var roundingKCHFPerCell: Decimal = 500
    public var roundingMCHFPerCell: Decimal = 500_000
    public var roundingFTEPerCell: Decimal = 0.05
    public var unitFactorBand: Decimal = 0.10
    public var splitPoints: Decimal = 5
    public var splitAbs: Decimal = 50_000
    public var fteCostMin: Decimal = 120_000
    public var fteCostMax: Decimal = 320_000
    public var priorityWarn: Decimal = 0.90
    public var priorityError: Decimal = 0.75
    public var kpiOnTrack: Decimal = 0.90
    public var kpiAtRisk: Decimal = 0.60
    public var kpiMaintainRel: Decimal = 0.02
    public var riskWarn: Decimal = 10
    public var riskError: Decimal = 15
    /// Upper bounds of the rating bands (`risk.bands`: 1-4 Low, 5-9 Medium, 10-15 High, 16-25 Critical).
    public var riskLowMax: Decimal = 4
    public var riskMediumMax: Decimal = 9
    public var riskHighMax: Decimal = 15
    public var envelopeInfoRel: Decimal = 0.01

    public init() {}

    func rounding(for unit: MoneyUnit?) -> Decimal {
        switch unit {
        case .chf: roundingCHFPerCell
        case .kchf: roundingKCHFPerCell
        case .mchf: roundingMCHFPerCell
        case nil: roundingFTEPerCell
        }
    }
}
