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
    public var envelope: Exact?
    /// The most a FIN-003 can weigh when the operational plan exceeds the financial plan for an
    /// output the results framework flags as cost recovery (Decision 5 lets Council raise the
    /// budget of cost-recovery products to meet demand; domain.md, caveats). `.error` keeps the
    /// catalogue's bands; `.warning` makes such overruns warnings.
    public var costRecoveryOverrun: Severity = .error
    /// The name of the folder the run took its inputs from (the last part of `--inbox` or of the
    /// pipeline's `inbox:`): SUB-001 cites it as its source, `<name>/`. Only the name, never the
    /// path, so that a finding's sources do not depend on where the drop folder lies.
    public var inboxName = "inbox"

    public init() {}

    public var years: [Int] { biennium.years }
}
