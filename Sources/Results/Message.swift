import Foundation

/// What a finding says, as typed values: one case per rule and variant.
///
/// Rules and the normaliser choose the case and its facts; the words, the number forms and the
/// language are the reports' (`Reports/MessageCatalogue.swift`), so that a message is rendered once,
/// at the edge, and can be rendered in French or Spanish without touching a rule.
public enum Message: Hashable, Sendable, Codable {
    // MARK: Submissions and data (SUB, DAT)

    /// SUB-001: an expected workbook did not arrive (or none was accepted).
    case missingSubmission(kind: WorkbookKind, bureau: Bureau?, biennium: Biennium, received: [Bureau], refused: [RefusedFile])
    /// DAT-001: a key repeats in one workbook.
    case duplicateRow(key: String, file: String, identical: Bool, keptRow: Int, duplicateRow: Int)
    /// DAT-002: a row that could not be loaded, at its first offending cell.
    case rejectedRow(row: Int, file: String, sheet: String, value: String, header: String, reason: String)
    /// DAT-003: the pipeline names an Excel table the workbook does not have; `place` is the
    /// table's entry in the pipeline file.
    case missingExcelTable(file: String, name: String, tables: [NamedTable], place: TablePlace)
    /// DAT-003: the pipeline names a sheet the workbook does not have; `closest` is the sheet of
    /// `sheets` whose name is nearest, when one is near, else (`byHeaders`) the sheet whose first
    /// rows hold the table's header (a renamed or translated sheet: `Produits` for `Outputs`).
    case missingSheet(file: String, sheet: String, sheets: [String], closest: String?, place: TablePlace, byHeaders: Bool = false)
    /// DAT-003: no header row gives a column for a required field; `likelyHeader` is the header of
    /// `headers` that most resembles one of the field's aliases (the line to add maps it), and
    /// `closestAlias` the alias nearest to any header.
    case missingColumn(file: String, sheet: String, field: String, headers: [String], closestAlias: String?, likelyHeader: String?,
                       place: TablePlace)

    // MARK: Arithmetic (FIN-005, FIN-006)

    /// FIN-006: year 1 + year 2 ≠ the stated biennium on `row`.
    case bienniumSplit(row: BienniumRow, years: Biennium, first: Exact, second: Exact, stated: Exact, transposed: Bool)
    /// FIN-005: a stated total differs from the sum of its rows; `skippedText` names the cells holding
    /// numbers as text when leaving them out gives the stated total (a spreadsheet's SUM skips them).
    case statedTotal(label: String, period: Period, stated: Exact, computed: Exact, isMoney: Bool, rows: [Int], transposed: Bool,
                     skippedText: [SkippedTextCell] = [])

    // MARK: Budget (FIN-001 … FIN-012)

    /// FIN-007: a whole column looks entered in the wrong unit.
    case unitColumn(file: String, sheet: String, column: String, hits: Int, pairs: Int)
    /// FIN-007: one output and year differ by a factor of about 1 000.
    case unitCell(output: OutputCode, year: Int, planned: Exact, unit: MoneyUnit, budgeted: Exact, ratio: Exact)
    /// FIN-010: the two plans fund an output from different classes of money.
    case fundingClass(output: OutputCode, year: Int, bureau: Bureau, planned: Exact, planClass: FundingClass, budgetClass: FundingClass, misstated: Exact)
    /// FIN-010: a regular-budget row whose notes name extrabudgetary money.
    case extrabudgetaryNote(output: OutputCode, year: Int, notes: String)
    /// FIN-001: planned, not budgeted.
    case plannedNotBudgeted(output: OutputCode, title: String, bureau: Bureau, year: Int, planned: Exact)
    /// FIN-002: budgeted, not planned.
    case budgetedNotPlanned(output: OutputCode, title: String, bureau: Bureau?, year: Int, budgeted: Exact)
    /// FIN-003: the regular-budget amounts differ. `costRecovery` is the severity a cost-recovery
    /// overrun was capped at, when it was.
    case amountDiffers(output: OutputCode, year: Int, bureau: Bureau?, planned: Exact, budgeted: Exact, costRecovery: Severity?)
    /// FIN-004: a bureau's total differs from the financial plan's.
    case bureauTotal(bureau: Bureau, year: Int, planned: Exact, budgeted: Exact)
    /// FIN-008: the staff share differs.
    case staffSplit(output: OutputCode, title: String, year: Int, bureau: Bureau, planStaff: Exact, planTotal: Exact,
                    budgetStaff: Exact, budgetTotal: Exact)
    /// FIN-009: staff cost per FTE outside the plausible band; `perFTE` nil for zero FTE.
    case costPerFTE(output: OutputCode, year: Int, staff: Exact, fte: Exact, perFTE: Exact?, minimum: Exact, maximum: Exact)
    /// FIN-011: a high-priority output funded below its requirement.
    case priorityUnderfunded(output: OutputCode, biennium: Biennium, bureau: Bureau, funded: Exact, requirement: Exact, coverage: Exact)
    /// FIN-012: the regular budget against the approved envelope.
    case envelope(biennium: Biennium, total: Exact, envelope: Exact)

    // MARK: Results framework (RF)

    /// RF-002: an objective lists a goal the plan does not have.
    case unknownGoal(objective: String, goal: String, plan: String, goals: Int)
    /// RF-003: an output coded under an objective of the previous plan.
    case previousPlanObjective(output: OutputCode, objective: String, previousPlan: String, successor: String?)
    /// RF-001: an output under an objective the plan does not have.
    case unknownObjective(output: OutputCode, title: String, objective: String, plan: String, sameBureau: [String])
    /// RF-005: an output missing from the framework's Outputs sheet.
    case notInFramework(output: OutputCode, title: String, plan: String)
    /// RF-004: the row states another objective than its code's.
    case objectiveMismatch(output: OutputCode, stated: String)
    /// RF-004: the row states another bureau than its code's.
    case bureauMismatch(output: OutputCode, owner: Bureau, stated: Bureau)

    // MARK: KPIs and risks

    /// KPI-001: a KPI without a complete baseline or target; each says what of it is missing.
    case kpiIncomplete(kpi: String, name: String, baseline: KPIGap?, target: KPIGap?)
    /// KPI-002: a KPI off track, at risk, or reported otherwise than computed.
    case kpiStatus(kpi: String, name: String, actual: Exact, year: Int, baseline: Exact, baselineYear: Int, target: Exact,
                   targetYear: Int, computed: KPIStatus, reported: String?)
    /// RSK-001: a high risk without mitigation.
    case riskUnmitigated(risk: String, description: String, score: Exact, likelihood: Exact, impact: Exact, band: RiskBand)
    /// RSK-002: a risk linked to an unknown objective.
    case riskUnknownObjective(risk: String, objective: String)
    /// RSK-002: a risk linked to an unknown output; `siblings` are the objective's known outputs.
    case riskUnknownOutput(risk: String, output: OutputCode, objective: String, siblings: [OutputCode])
    /// RSK-003: likelihood or impact off the 1-5 scale.
    case riskOffScale(risk: String, likelihood: Exact?, impact: Exact?)
    /// RSK-003: the stated score is not likelihood × impact.
    case riskScore(risk: String, likelihood: Exact, impact: Exact, score: Exact, band: RiskBand, stated: Exact, statedBand: RiskBand)
}

extension Message {
    /// A workbook that arrived but was not accepted, with the reason it was refused.
    public struct RefusedFile: Hashable, Sendable, Codable {
        public var file: String
        public var reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    /// An Excel table of a workbook and the sheet it is on.
    public struct NamedTable: Hashable, Sendable, Codable {
        public var name: String
        public var sheet: String

        public init(name: String, sheet: String) {
            self.name = name
            self.sheet = sheet
        }
    }
}

/// The row a FIN-006 is about, as typed values: a catalogue names its cost category in its own
/// language (`Staff`, `Contractual services`), never by the internal code (`NONSTAFF.CON`).
public enum BienniumRow: Hashable, Sendable, Codable {
    /// A financial-plan line: an output, its cost category when the plan gives one, and its funding.
    case budgetLine(output: OutputCode, category: CostCategory?, funding: FundingSource)
    /// A bureau's row of the financial plan's summary.
    case summary(bureau: Bureau)
    /// An operational plan's row: an output and its funding.
    case allocation(output: OutputCode, funding: FundingSource)
}

/// A KPI's status for a year, computed from its baseline, target and actual (domain.md a.6).
public enum KPIStatus: String, Hashable, Sendable, Codable {
    case onTrack = "On track", atRisk = "At risk", offTrack = "Off track", noData = "No data"
}

/// What a KPI's baseline or target lacks: its value, its year, or both.
public enum KPIGap: String, Hashable, Sendable, Codable {
    case value, year, both

    /// The gap of a value and a year, nil when neither is missing.
    public init?(valueMissing: Bool, yearMissing: Bool) {
        switch (valueMissing, yearMissing) {
        case (true, true): self = .both
        case (true, false): self = .value
        case (false, true): self = .year
        case (false, false): return nil
        }
    }
}

/// A risk score's rating band (`risk.bands`: Low, Medium, High, Critical).
public enum RiskBand: String, Hashable, Sendable, Codable {
    case low = "Low", medium = "Medium", high = "High", critical = "Critical"
}
