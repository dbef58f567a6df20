import Foundation
import Results

/// What each rule of the catalogue checks, in words a reviewer reads: a title and a one-sentence
/// description per rule, shown beside its findings in the page and the workbook and listed in
/// docs/rules.md. The bands quoted are the run's tolerances, so a description never states a
/// threshold the run did not use. English here; other languages go beside it.
public enum RuleDescriptions {
    public struct Entry: Sendable {
        public var title: String
        public var description: String
    }

    /// The English title and description of `rule`.
    public static func english(_ rule: RuleID, tolerances t: Tolerances = Tolerances()) -> Entry {
        func chf(_ amount: Exact) -> String { "CHF \(amount.groupedCHF())" }
        func share(_ fraction: Exact) -> String { "\((fraction * 100).plainText) %" }
        return switch rule {
        case .sub001: Entry(title: "Missing submission",
                            description: "Each expected workbook arrived and was accepted: the results framework, the financial plan, the risk register and one operational plan per bureau.")
        case .fin001: Entry(title: "Output planned without a budget line",
                            description: "A bureau plans money for an output and year that the financial plan does not budget at all.")
        case .fin002: Entry(title: "Budget line without an allocation",
                            description: "The financial plan budgets an output and year that its bureau's operational plan does not allocate.")
        case .fin003: Entry(title: "Amount differs per output and year",
                            description: "The regular-budget amounts of the operational and financial plans for one output and year differ beyond \(chf(t.amountAbs)) and \(share(t.amountRel)) (an error beyond \(chf(t.amountErrorAbs)) and \(share(t.amountErrorRel))).")
        case .fin004: Entry(title: "Bureau total differs from the financial plan",
                            description: "A bureau's operational-plan allocations for a year, summed, differ from the financial plan's figure for that bureau (warning above \(share(t.bureauWarnRel)), error above \(share(t.bureauErrorRel))).")
        case .fin005: Entry(title: "Stated total is not the sum of its rows",
                            description: "A total or subtotal typed in a workbook differs from the sum of the rows it covers, beyond rounding; cells holding numbers as text, which the spreadsheet's SUM skips, are named when they explain the difference.")
        case .fin006: Entry(title: "Biennium is not year 1 + year 2",
                            description: "A row's stated biennium amount differs from the sum of its two years, beyond rounding.")
        case .fin007: Entry(title: "Amount in the wrong unit",
                            description: "An amount differs from the other plan by a factor of about 1 000: it was entered in CHF where thousands were declared, or the reverse.")
        case .fin008: Entry(title: "Staff and non-staff split differs",
                            description: "The staff share of an output's cost differs between the plans by more than \(t.splitPoints.plainText) percentage points and \(chf(t.splitAbs)).")
        case .fin009: Entry(title: "Implausible staff cost per FTE",
                            description: "Staff cost divided by full-time equivalents falls outside \(chf(t.fteCostMin))-\(t.fteCostMax.groupedCHF()) a year: the FTE or the cost may be mistyped.")
        case .fin010: Entry(title: "Extrabudgetary money counted as regular budget",
                            description: "The plans fund an output from different classes of money, or a regular-budget row's notes, in an operational plan or the financial plan, name a trust fund or voluntary contribution.")
        case .fin011: Entry(title: "High-priority output under-funded",
                            description: "The financial plan covers less than \(share(t.priorityWarn)) of a high-priority output's requirement over the biennium (an error below \(share(t.priorityError))).")
        case .fin012: Entry(title: "Regular budget against the envelope",
                            description: "The regular-budget lines exceed the approved envelope (an error), or fall more than \(share(t.envelopeInfoRel)) below it (for information).")
        case .dat001: Entry(title: "Duplicate row",
                            description: "The same key appears twice in one workbook: an identical row is skipped, a conflicting one is not loaded.")
        case .dat002: Entry(title: "Row rejected while reading",
                            description: "A data row could not be loaded: its first offending cell holds a value that is not what the column needs.")
        case .dat003: Entry(title: "Required column or sheet missing",
                            description: "A sheet or Excel table the pipeline file names is absent, or a sheet has no header for a column the table needs, so the table was not loaded; the message names the line of the pipeline file to change.")
        case .rf001: Entry(title: "Output under an unknown objective",
                           description: "An output code's objective exists neither in the current strategic plan nor in the crosswalk from the previous one.")
        case .rf002: Entry(title: "Objective under an unknown goal",
                           description: "An objective lists a goal the strategic plan does not have.")
        case .rf003: Entry(title: "Code from the previous plan",
                           description: "An output is coded under an objective of the previous strategic plan; the crosswalk names its successor, or says it was discontinued.")
        case .rf004: Entry(title: "Code disagrees with its stated objective or bureau",
                           description: "A row states another objective or bureau than its output code gives; the code wins.")
        case .rf005: Entry(title: "Output not in the results framework",
                           description: "An output is planned or budgeted but not listed in the results framework's Outputs sheet.")
        case .kpi001: Entry(title: "KPI without baseline or target",
                            description: "A KPI lacks its baseline or target value or year, so its progress cannot be computed or judged.")
        case .kpi002: Entry(title: "KPI off track",
                            description: "A KPI's latest actual is off track or at risk against the line from baseline to target, or its reported status says otherwise.")
        case .rsk001: Entry(title: "High risk without mitigation",
                            description: "A risk scoring \(t.riskWarn.plainText) or more (likelihood × impact) has no mitigation measures (an error from \(t.riskError.plainText)).")
        case .rsk002: Entry(title: "Risk linked to nothing known",
                            description: "A risk is linked to an objective or output that no plan or framework has.")
        case .rsk003: Entry(title: "Risk score or scale wrong",
                            description: "A risk's likelihood or impact is off the 1-5 scale, or its stated score is not likelihood × impact.")
        }
    }
}

extension RuleDescriptions {
    /// The rule catalogue as Markdown (docs/rules.md, `rbm rules --format markdown`): a table of code,
    /// title, what it checks, and the tolerances (pipeline-file names) that tune it; then the
    /// reference sections (`RuleDescriptions+Reference.swift`): each rule's severity, tolerance
    /// values, links and example message, the tolerance table, the `caused_by` links and the KPI formula.
    public static func markdown(tolerances: Tolerances = Tolerances()) -> String {
        var out = "| rule | title | what it checks | tolerances |\n|---|---|---|---|\n"
        for rule in RuleID.allCases {
            let entry = english(rule, tolerances: tolerances)
            let keys = Tolerances.keys.filter { $0.rules.contains(rule) }.map { "`\($0.name)`" }.joined(separator: ", ")
            out += "| \(rule.rawValue) | \(entry.title) | \(entry.description) | \(keys.isEmpty ? "—" : keys) |\n"
        }
        return out + reference(tolerances: tolerances)
    }

    /// The catalogue as plain text for a terminal: one rule a paragraph.
    public static func text(tolerances: Tolerances = Tolerances()) -> String {
        RuleID.allCases.map { rule in
            let entry = english(rule, tolerances: tolerances)
            let keys = Tolerances.keys.filter { $0.rules.contains(rule) }.map(\.name)
            return "\(rule.rawValue)  \(entry.title)\n    \(entry.description)" + (keys.isEmpty ? "" : "\n    tolerances: " + keys.joined(separator: ", "))
        }.joined(separator: "\n\n") + "\n"
    }
}
