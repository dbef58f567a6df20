import Foundation
import Results

/// The reference half of docs/rules.md: per rule its severity and what decides it, its tolerances
/// with their defaults, an example message rendered from a typed `Message`, and the `caused_by`
/// links; then the tolerance table and the KPI formula. Generated with the catalogue table by
/// `rbm rules --format markdown`, so the page cannot state a band, a default or a wording the code
/// does not use.
extension RuleDescriptions {
    /// The severity a rule's findings take and what decides it, with the run's bands.
    public static func severity(_ rule: RuleID, tolerances t: Tolerances = Tolerances()) -> String {
        func chf(_ amount: Exact) -> String { "CHF \(amount.groupedCHF())" }
        func share(_ fraction: Exact) -> String { "\((fraction * 100).plainText) %" }
        return switch rule {
        case .sub001: "error"
        case .fin001: "error"
        case .fin002: "warning"
        case .fin003: "none while the difference is at most \(chf(t.amountAbs)) or \(share(t.amountRel)) of the financial plan's amount; "
            + "warning beyond both; error when it exceeds both \(chf(t.amountErrorAbs)) and \(share(t.amountErrorRel)) "
            + "(an overrun on a cost-recovery output is capped at the severity `rules.costRecoveryOverrun` gives)"
        case .fin004: "warning above \(share(t.bureauWarnRel)) of the financial plan's figure; error above \(share(t.bureauErrorRel))"
        case .fin005, .fin006, .fin007, .fin010: "error"
        case .fin008, .fin009: "warning"
        case .fin011: "warning when the financial plan covers less than \(share(t.priorityWarn)) of the requirement; error below \(share(t.priorityError))"
        case .fin012: "error when the regular-budget lines exceed the envelope; info when they fall more than \(share(t.envelopeInfoRel)) below it"
        case .dat001: "warning when the repeated rows are identical (the repeat is skipped); error when they differ (the repeat is not loaded)"
        case .dat002, .dat003: "error"
        case .rf001, .rf002: "error"
        case .rf003: "warning when the crosswalk names a successor; error when it gives none (the output was discontinued)"
        case .rf004, .rf005: "warning"
        case .kpi001: "error when the target (value or year) is missing; warning when only the baseline is"
        case .kpi002: "warning when the KPI is computed off track; info when it is at risk, or on track but reported otherwise"
        case .rsk001: "warning from a score of \(t.riskWarn.plainText); error from \(t.riskError.plainText)"
        case .rsk002, .rsk003: "error"
        }
    }

    /// A representative finding message of `rule`, as a typed value: rendered through a catalogue it
    /// shows what the log says, in the words the code uses.
    public static func example(_ rule: RuleID, tolerances t: Tolerances = Tolerances()) -> Message {
        let biennium = Biennium(2022, 2023)
        let place = TablePlace(source: 2, sourceName: "operational plans", table: 0, kind: "allocations")
        return switch rule {
        case .sub001: .missingSubmission(kind: .operationalPlan, bureau: .gs, biennium: biennium, received: [.br, .tsb, .bdt], refused: [])
        case .fin001: .plannedNotBudgeted(output: OutputCode("R.1-2"), title: "Radio Regulations Board support", bureau: .br, year: 2022,
                                          planned: 1_240_000)
        case .fin002: .budgetedNotPlanned(output: OutputCode("T.1-2"), title: "WTSA-24 / TSAG preparation", bureau: .tsb, year: 2023,
                                          budgeted: 1_150_000)
        case .fin003: .amountDiffers(output: OutputCode("R.2-1"), year: 2022, bureau: .br, planned: 3_905_000, budgeted: 3_950_000, costRecovery: nil)
        case .fin004: .bureauTotal(bureau: .bdt, year: 2022, planned: 31_400_000, budgeted: 30_500_000)
        case .fin005: .statedTotal(label: "Total BR", period: .year(2022), stated: 300_000, computed: 312_000, isMoney: true, rows: [5, 6, 7],
                                   transposed: false)
        case .fin006: .bienniumSplit(row: .budgetLine(output: OutputCode("R.1-3"), category: CostCategory("STAFF"), funding: FundingSource("RB")),
                                     years: biennium, first: 410_000, second: 420_000, stated: 840_000, transposed: false)
        case .fin007: .unitCell(output: OutputCode("D.2-3"), year: 2023, planned: 1_850_000_000, unit: .kchf, budgeted: 1_850_000, ratio: 1000)
        case .fin008: .staffSplit(output: OutputCode("I.1-2"), title: "PP-22", year: 2022, bureau: .gs, planStaff: 1_150_000, planTotal: 5_400_000,
                                  budgetStaff: 2_200_000, budgetTotal: 5_400_000)
        case .fin009: .costPerFTE(output: OutputCode("E.3-1"), year: 2022, staff: 1_900_000, fte: 4, perFTE: 475_000,
                                  minimum: t.fteCostMin, maximum: t.fteCostMax)
        case .fin010: .extrabudgetaryNote(output: OutputCode("D.3-1"), year: 2022, notes: "Funded by the ICT trust fund")
        case .fin011: .priorityUnderfunded(output: OutputCode("T.2-1"), biennium: biennium, bureau: .tsb, funded: 1_250_000, requirement: 1_800_000,
                                           coverage: Exact(string: "0.6944")!)
        case .fin012: .envelope(biennium: biennium, total: 166_050_000, envelope: 166_000_000)
        case .dat001: .duplicateRow(key: "R.1-1", file: "OP_BR_2022-2025_v2.xlsx", identical: false, keptRow: 5, duplicateRow: 12)
        case .dat002: .rejectedRow(row: 14, file: "OP_BDT_2022-2025.xlsx", sheet: "Plan", value: "1 2O0", header: "2022 (kCHF)",
                                   reason: "'1 2O0' is not a number")
        case .dat003: .missingColumn(file: "OP_TSB.xlsx", sheet: "Plan", field: "fte", headers: ["Produit", "ETP prévus"], closestAlias: "etp",
                                     likelyHeader: "ETP prévus", place: place)
        case .rf001: .unknownObjective(output: OutputCode("T.9-1"), title: "Workshops", objective: "T.9", plan: "SP2020-2023", sameBureau: ["T.1", "T.2"])
        case .rf002: .unknownGoal(objective: "D.4", goal: "G7", plan: "SP2020-2023", goals: 5)
        case .rf003: .previousPlanObjective(output: OutputCode("T.5-1"), objective: "T.5", previousPlan: "SP2016-2019", successor: "T.4")
        case .rf004: .objectiveMismatch(output: OutputCode("R.2-1"), stated: "R.1")
        case .rf005: .notInFramework(output: OutputCode("E.1-1"), title: "Internal audit", plan: "SP2020-2023")
        case .kpi001: .kpiIncomplete(kpi: "KPI-D.2-1", name: "Countries with a national broadband plan", baseline: nil, target: .year)
        case .kpi002: .kpiStatus(kpi: "KPI-R.1-1", name: "Notices processed within 2 months", actual: 71, year: 2022, baseline: 60, baselineYear: 2019,
                                 target: 95, targetYear: 2023, computed: .offTrack, reported: "On track")
        case .rsk001: .riskUnmitigated(risk: "RSK-07", description: "Loss of key staff", score: 16, likelihood: 4, impact: 4, band: .critical)
        case .rsk002: .riskUnknownOutput(risk: "RSK-03", output: OutputCode("D.2-9"), objective: "D.2", siblings: [OutputCode("D.2-1"), OutputCode("D.2-2")])
        case .rsk003: .riskScore(risk: "RSK-11", likelihood: 3, impact: 4, score: 12, band: .high, stated: 9, statedBand: .medium)
        }
    }

    /// How the finding of one rule explains (or replaces) another's.
    public enum LinkKind: String, Sendable {
        /// The effect's `caused_by` names the cause's finding.
        case causedBy = "caused_by"
        /// The cause's finding takes the pair's place: no finding of the effect is raised for it.
        case replaces = "replaces"
    }

    /// One link between two rules, as the rules declare it (each rule's `reads` in Reconcile's
    /// `RuleCatalogue`; `RuleLinkDocsTests` keeps this table and those declarations equal).
    public struct Link: Sendable {
        public var cause: RuleID
        public var effect: RuleID
        public var kind: LinkKind
        public var when: String
    }

    /// The links between rules' findings.
    public static let links: [Link] = [
        Link(cause: .fin006, effect: .fin005, kind: .causedBy, when: "a stated biennium total whose rows include a biennium cell FIN-006 flagged"),
        Link(cause: .rf003, effect: .fin001, kind: .causedBy, when: "the output is coded in that bureau's operational plan under an objective of the previous plan"),
        Link(cause: .fin007, effect: .fin003, kind: .replaces, when: "the output and year are explained by a unit error: no FIN-003 is raised for them"),
        Link(cause: .fin010, effect: .fin003, kind: .replaces, when: "the output and year are explained by a funding-class disagreement: no FIN-003 is raised for them"),
        Link(cause: .fin007, effect: .fin004, kind: .causedBy, when: "a cell in the bureau's summed allocations for the year has a unit error"),
        Link(cause: .fin010, effect: .fin004, kind: .causedBy, when: "the same bureau and year have a FIN-010"),
        Link(cause: .fin007, effect: .fin009, kind: .causedBy, when: "the staff-cost cell of the output and year has a unit error"),
        Link(cause: .fin007, effect: .fin011, kind: .causedBy, when: "a cell of the output's requirement has a unit error"),
    ]

    /// Reasons a rule skips a scope (the "Not checked" part of the run), with the finding named as
    /// their cause.
    static let skips: [(cause: String, what: String)] = [
        ("SUB-001", "Every rule that reads a workbook that was not accepted skips the scope it would check there (the workbook, or the bureau for rules comparing an operational plan with the financial plan); the skip names the SUB-001."),
        ("DAT-003", "Every rule that reads a table that did not load skips it the same way; the skip names the DAT-003s of that table."),
        ("KPI-001", "KPI-002 skips a KPI without baseline or target; the skip names its KPI-001."),
        ("—", "A rule also skips a scope without a causing finding when a column it needs is absent on either side (FTE, staff split, priority, funding), when a KPI has no actual, or when the financial plan has no bureau figure for a year (FIN-004 then sums the plan's lines)."),
    ]

    /// The reference sections that follow the catalogue table in docs/rules.md.
    static func reference(tolerances t: Tolerances) -> String {
        var out = "\n## Rule by rule\n\nSeverity, tolerances with their values, links and an example message (rendered from a typed message by the "
            + "English catalogue, exactly as the log would show it).\n"
        for rule in RuleID.allCases {
            let entry = english(rule, tolerances: t)
            out += "\n### \(rule.rawValue): \(entry.title)\n\n"
            out += "- Severity: \(severity(rule, tolerances: t)).\n"
            let keys = Tolerances.keys.filter { $0.rules.contains(rule) }
            if !keys.isEmpty {
                out += "- Tolerances: " + keys.map { "`\($0.name)` = \(value(t[$0], kind: $0.kind))" }.joined(separator: ", ") + ".\n"
            }
            let causes = links.filter { $0.effect == rule }
            if !causes.isEmpty {
                out += "- Explained by: " + causes.map { "\($0.cause.rawValue) (\($0.kind.rawValue))" }.joined(separator: ", ") + ".\n"
            }
            let effects = links.filter { $0.cause == rule }
            if !effects.isEmpty {
                out += "- Explains: " + effects.map { "\($0.effect.rawValue) (\($0.kind.rawValue))" }.joined(separator: ", ") + ".\n"
            }
            out += "- Example: " + EnglishMessages().text(example(rule, tolerances: t)) + "\n"
        }
        out += "\n## Tolerances\n\nEvery tolerance, its kind and default, and the rules it tunes. A pipeline file's `tolerances:` block "
            + "changes any of them (`rbm validate` refuses a negative value, a fraction above 1 or a risk score above 25).\n\n"
            + "| tolerance | kind | default | rules |\n|---|---|---|---|\n"
        for key in Tolerances.keys {
            out += "| `\(key.name)` | \(kindWords(key.kind)) | \(value(key.defaultValue, kind: key.kind)) | "
                + key.rules.map(\.rawValue).joined(separator: ", ") + " |\n"
        }
        out += "\n## caused_by links\n\nA finding explained by another names it in `caused_by`; a finding that replaces another "
            + "means the other is not raised at all. These are all the links between rules:\n\n"
            + "| cause | effect | link | when |\n|---|---|---|---|\n"
        for link in links {
            out += "| \(link.cause.rawValue) | \(link.effect.rawValue) | \(link.kind.rawValue) | \(link.when) |\n"
        }
        out += "\nWhat a rule could not check is listed under \"Not checked\" (`coverage` in manifest.json) rather than raised as findings:\n\n"
            + "| cause | skip |\n|---|---|\n"
        for skip in skips { out += "| \(skip.cause) | \(skip.what) |\n" }
        out += kpiFormula(tolerances: t)
        return out
    }

    /// KPI-002's formula in plain words, with the run's thresholds.
    static func kpiFormula(tolerances t: Tolerances) -> String {
        func share(_ fraction: Exact) -> String { "\((fraction * 100).plainText) %" }
        return """

            ## KPI progress

            KPI-002 judges each KPI with a baseline, a target and at least one actual, on its latest year with an actual:

            1. **Elapsed share** e = (year − baseline year) / (target year − baseline year), kept between 0 and 1 (1 when both years are the same).
            2. **Expected value** = baseline + (target − baseline) × e: the straight line from baseline to target. The log's `expected` shows it, with the on-track threshold baseline + (target − baseline) × e × `kpi.onTrack`.
            3. **Direction**: the KPI's stated direction, else up when the target is at least the baseline and down otherwise.
            4. **maintain**: on track when the actual is within `kpi.maintainRel` (\(share(t.kpiMaintainRel))) of the target (|actual − target| ≤ |target| × \(t.kpiMaintainRel.plainText)), else off track.
            5. **up or down**: on track when the target is already met (actual ≥ target going up, ≤ going down). When target = baseline, off track otherwise.
            6. Otherwise **progress** p = (actual − baseline) / (target − baseline). Off track when p < 0 (moving away). On track when e = 0. Else r = p / e: on track when r ≥ `kpi.onTrack` (\(t.kpiOnTrack.plainText)), at risk when r ≥ `kpi.atRisk` (\(t.kpiAtRisk.plainText)), off track below.

            Off track is a warning, at risk an info. A reported status is compared by meaning: `On track`; `Achieved` (on track with the target met); `At risk`, `Partially achieved`, `Partially on track`; `Off track`, `Not achieved`; `Not started`, `No data`. A KPI computed on track whose reported status says otherwise is an info. Example with the defaults: baseline 60 in 2019, target 95 in 2023, actual 71 in 2022: e = 0.75, expected 86.25, p = 11/35 ≈ 0.31, r ≈ 0.42 < \(t.kpiAtRisk.plainText): off track.

            """
    }

    /// A tolerance's value as the pipeline file writes it, with its meaning.
    static func value(_ value: Exact, kind: Tolerances.Kind) -> String {
        switch kind {
        case .amount: value.plainText
        case .fraction: "\(value.plainText) (\((value * 100).plainText) %)"
        case .points: "\(value.plainText) points"
        case .score: value.plainText
        }
    }

    static func kindWords(_ kind: Tolerances.Kind) -> String {
        switch kind {
        case .amount: "amount (CHF; FTE for `rounding.ftePerCell`)"
        case .fraction: "share (0.05 = 5 %)"
        case .points: "percentage points"
        case .score: "risk score (1-25)"
        }
    }
}
