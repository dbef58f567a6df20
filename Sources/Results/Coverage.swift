/// What one rule evaluated and what it could not, and why: every rule is accounted for as every
/// row and column is. A scope a rule skipped is never a finding; it is named under "Not checked"
/// (the summary, the manifest's `coverage` block), linked to the finding that caused it when one
/// did (the SUB-001 of a missing workbook, the DAT-003 of a table that did not load).
public struct Coverage: Hashable, Sendable, Codable {
    /// The part of the run a rule checks at once.
    public enum Scope: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
        /// Everything the run read (rules without a narrower scope).
        case run
        /// One workbook: `RF`, `FP`, `RR`, `OP-TSB`.
        case workbook(SourceTag)
        /// One bureau's side of the plans.
        case bureau(Bureau)
        /// One KPI, by its id.
        case kpi(String)

        public var description: String {
            switch self {
            case .run: "all"
            case .workbook(let tag): tag.description
            case .bureau(let bureau): bureau.rawValue
            case .kpi(let id): id
            }
        }

        public static func < (a: Scope, b: Scope) -> Bool {
            a.rank != b.rank ? a.rank < b.rank : NaturalOrder.less(a.description, b.description)
        }

        private var rank: Int {
            switch self { case .run: 0; case .workbook: 1; case .bureau: 2; case .kpi: 3 }
        }

        /// `scopes` in the order of ``<``, each description's natural-order key built once (a rule
        /// evaluates thousands of KPI scopes; comparing pairs re-split both texts: issue 11).
        public static func sorted(_ scopes: [Scope]) -> [Scope] {
            let keys = scopes.map { NaturalOrder.Key($0.description) }
            return scopes.indices.sorted { i, j in
                scopes[i].rank != scopes[j].rank ? scopes[i].rank < scopes[j].rank : NaturalOrder.Key.less(keys, i, j)
            }.map { scopes[$0] }
        }
    }

    /// Why a scope was not (or only partly) checked.
    public enum Reason: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The workbook the rule reads did not arrive or was refused (SUB-001).
        case workbookMissing(WorkbookKind, Bureau?)
        /// The table did not load from its workbook (DAT-003): its sheet is absent or lacks a required column.
        case tableNotLoaded(table: String, file: String, sheet: String?)
        /// No column of the sheet provides a field the rule reads (`fte`, `priority`, `staff/non-staff split`).
        case columnMissing(field: String, file: String, sheet: String)
        /// The KPI reports no actual value for any year.
        case noActual
        /// The KPI lacks its baseline or target (KPI-001), so its progress cannot be computed.
        case noBaselineOrTarget
        /// No approved envelope: neither `plan.envelope` nor the financial plan's Parameters sheet gives one.
        case noEnvelope
        /// The financial plan's summary sheet has no figure for the bureau and year.
        case noBureauTotal(year: Int)
        /// Checked, but against a fallback: the financial plan has no bureau summary, so its lines were summed.
        case summedLines

        public var description: String {
            switch self {
            case .workbookMissing(let kind, let bureau):
                let name = switch kind {
                case .resultsFramework: "results framework"
                case .financialPlan: "financial plan"
                case .riskRegister: "risk register"
                case .operationalPlan: "operational plan"
                }
                return "no \(name)\(bureau.map { " from \($0.rawValue)" } ?? "") was accepted"
            case .tableNotLoaded(let table, let file, let sheet):
                return "the \(table) table did not load from \(file)\(sheet.map { "!\($0)" } ?? "")"
            case .columnMissing(let field, let file, let sheet) where field == FieldGap.staffSplit:
                return "no staff/non-staff split (Staff / Non-staff sub-headers under the year columns) in \(file)!\(sheet)"
            case .columnMissing(let field, let file, let sheet):
                return "no \(field) column in \(file)!\(sheet)"
            case .noActual: return "no actual value reported"
            case .noBaselineOrTarget: return "no baseline or target"
            case .noEnvelope: return "no approved envelope (plan.envelope or the financial plan's Parameters sheet)"
            case .noBureauTotal(let year): return "the financial plan's summary has no \(year) figure for it"
            case .summedLines: return "the financial plan has no bureau summary: its lines were summed instead"
            }
        }
    }

    /// A scope not checked (or checked against a fallback), why, and the findings that caused it.
    public struct Gap: Hashable, Sendable, Codable {
        public var scope: Scope
        public var reason: Reason
        public var causedBy: [Finding.ID]

        public init(scope: Scope, reason: Reason, causedBy: [Finding.ID] = []) {
            self.scope = scope
            self.reason = reason
            self.causedBy = causedBy
        }
    }

    public var rule: RuleID
    /// The scopes the rule checked, in order.
    public var evaluated: [Scope]
    /// The scopes it could not check.
    public var skipped: [Gap]
    /// The scopes it checked only partly or against a fallback (FIN-004 on summed lines).
    public var limited: [Gap]

    public init(rule: RuleID, evaluated: [Scope] = [], skipped: [Gap] = [], limited: [Gap] = []) {
        self.rule = rule
        self.evaluated = evaluated
        self.skipped = skipped
        self.limited = limited
    }

    /// Whether the rule checked everything it was meant to.
    public var isComplete: Bool { skipped.isEmpty }
}
