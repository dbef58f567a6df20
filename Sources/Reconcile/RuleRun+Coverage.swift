import Results

/// The coverage channel: each rule says which scopes it evaluated and which it could not, and why.
/// A scope a rule cannot evaluate raises no finding; its gap names the finding that caused it.
extension RuleRun {
    /// Records that `rules` evaluated `scope`.
    mutating func evaluated(_ rules: [RuleID], _ scope: Coverage.Scope) {
        for rule in rules where coverageRecorded.insert(CoverageEntry(rule: rule, item: .evaluated(scope))).inserted {
            coverage[rule, default: Coverage(rule: rule)].evaluated.append(scope)
        }
    }

    /// Records that `rules` could not evaluate `scope`.
    mutating func skipped(_ rules: [RuleID], _ scope: Coverage.Scope, _ reason: Coverage.Reason, causedBy: [Finding.ID] = []) {
        let gap = Coverage.Gap(scope: scope, reason: reason, causedBy: causedBy)
        for rule in rules where coverageRecorded.insert(CoverageEntry(rule: rule, item: .skipped(gap))).inserted {
            coverage[rule, default: Coverage(rule: rule)].skipped.append(gap)
        }
    }

    /// Records that `rules` evaluated `scope` only partly or against a fallback.
    mutating func limited(_ rules: [RuleID], _ scope: Coverage.Scope, _ reason: Coverage.Reason, causedBy: [Finding.ID] = []) {
        evaluated(rules, scope)
        let gap = Coverage.Gap(scope: scope, reason: reason, causedBy: causedBy)
        for rule in rules where coverageRecorded.insert(CoverageEntry(rule: rule, item: .limited(gap))).inserted {
            coverage[rule, default: Coverage(rule: rule)].limited.append(gap)
        }
    }

    /// The id SUB-001 gives a missing workbook: `SubmissionRule` raises it for every expected
    /// workbook (RF, FP, RR; an OP per bureau of the plan) that was not accepted.
    static func missingSubmission(_ kind: WorkbookKind, _ bureau: Bureau? = nil) -> Finding.ID {
        Finding.ID(.sub001, [.kind(kind)] + (bureau.map { [.bureau($0)] } ?? []))
    }

    /// Why the `table` of the workbook of `kind` cannot be read by a rule, with the findings that
    /// say so: the workbook was not accepted (SUB-001), or the table did not load from it (DAT-003).
    /// Nil when the table loaded.
    func tableGap(_ kind: WorkbookKind, bureau: Bureau? = nil, table: String) -> (reason: Coverage.Reason, causedBy: [Finding.ID])? {
        guard let submission = model.submissions.first(where: { $0.kind == kind && (bureau == nil || $0.bureau == bureau) }) else {
            let expected = kind != .operationalPlan || bureau.map(settings.bureaus.contains) == true
            return (.workbookMissing(kind, bureau), expected ? [Self.missingSubmission(kind, bureau)] : [])
        }
        guard let unloaded = submission.didNotLoad(table) else { return nil }
        return (.tableNotLoaded(table: table, file: submission.file, sheet: unloaded.sheet), unloaded.findings)
    }

    /// The first field of `fields` that no loaded sheet of `table` in the workbook provides, as a reason.
    func columnGap(_ kind: WorkbookKind, bureau: Bureau? = nil, table: String, fields: [String]) -> Coverage.Reason? {
        guard let submission = model.submissions.first(where: { $0.kind == kind && (bureau == nil || $0.bureau == bureau) }) else { return nil }
        let sheets = submission.sheets.filter { $0.table == table }
        guard !sheets.isEmpty else { return nil }
        for field in fields where sheets.allSatisfy({ sheet in sheet.missing.contains { $0.field == field } }) {
            return .columnMissing(field: field, file: submission.file, sheet: sheets[0].sheet)
        }
        return nil
    }

    /// The bureaus a cross-plan rule checks: those the plan expects and those that sent a plan.
    var coveredBureaus: [Bureau] { Bureau.allCases.filter { settings.bureaus.contains($0) || bureausPresent.contains($0) } }

    /// Coverage of a rule comparing each bureau's operational plan with the financial plan: a
    /// bureau is skipped when the financial plan's lines or its operational plan are missing, or
    /// when a column the rule reads is absent on either side (`opFields` in its allocations,
    /// `fpFields` in the financial plan's lines); else evaluated.
    mutating func coverBureaus(_ rules: [RuleID], opFields: [String] = [], fpFields: [String] = []) {
        let fpGap = tableGap(.financialPlan, table: "budgetLines")
        let fpColumn = columnGap(.financialPlan, table: "budgetLines", fields: fpFields)
        for bureau in coveredBureaus {
            if let (reason, causes) = fpGap {
                skipped(rules, .bureau(bureau), reason, causedBy: causes)
            } else if let (reason, causes) = tableGap(.operationalPlan, bureau: bureau, table: "allocations") {
                skipped(rules, .bureau(bureau), reason, causedBy: causes)
            } else if let reason = columnGap(.operationalPlan, bureau: bureau, table: "allocations", fields: opFields) ?? fpColumn {
                skipped(rules, .bureau(bureau), reason)
            } else {
                evaluated(rules, .bureau(bureau))
            }
        }
    }

    /// Coverage of rules reading one table of one workbook (RF, RR): evaluated on that workbook,
    /// or skipped with the SUB-001 or DAT-003 that explains why. Returns whether they may run.
    mutating func coverTable(_ rules: [RuleID], _ kind: WorkbookKind, table: String) -> Bool {
        if let (reason, causes) = tableGap(kind, table: table) {
            skipped(rules, .workbook(SourceTag(kind)), reason, causedBy: causes)
            return false
        }
        evaluated(rules, .workbook(SourceTag(kind)))
        return true
    }
}

extension RuleRun {
    /// What the rule has reported so far.
    func coverageOf(_ rule: RuleID) -> Coverage { coverage[rule] ?? Coverage(rule: rule) }
}

extension Coverage.Scope {
    /// The bureau of a bureau scope.
    var bureau: Bureau? { if case .bureau(let b) = self { b } else { nil } }
}

/// One entry of a rule's coverage lists, kept in a set beside them: each scope and gap is listed
/// once, and asking whether it already is must not scan the list (issue 11: a scan per scope made
/// the KPI rules' coverage grow with the square of the KPIs).
struct CoverageEntry: Hashable {
    /// An entry of ``Coverage/evaluated``, ``Coverage/skipped`` or ``Coverage/limited``.
    enum Item: Hashable {
        case evaluated(Coverage.Scope)
        case skipped(Coverage.Gap)
        case limited(Coverage.Gap)
    }

    var rule: RuleID
    var item: Item
}
