import Foundation
import Results

/// A KPI's computed status for one year (domain.md a.6).
struct KPIAssessment {
    typealias Status = KPIStatus
    var status: Status
    var targetMet: Bool
    var progress: Exact?
    var r: Exact?
    var line: Exact
    var threshold: Exact
}

/// KPI-001 (no baseline or target) and KPI-002 (off track, at risk, or reported otherwise).
struct KPIRule: Rule {
    var emits: [RuleID] { [.kpi001, .kpi002] }
    func apply(to run: inout RuleRun) { run.kpiRules() }
}

extension RuleRun {
    /// KPI-001 (missing baseline or target) and KPI-002 (off track or status disagreement).
    mutating func kpiRules() {
        let framework = SourceTag(.resultsFramework)
        if model.kpis.isEmpty, let (reason, causes) = tableGap(.resultsFramework, table: "kpis") {
            skipped([.kpi001, .kpi002], .workbook(framework), reason, causedBy: causes)
            return
        }
        evaluated([.kpi001], .workbook(framework))
        let outputBureau = Dictionary(model.outputs.map { ($0.code, $0.bureau) }, uniquingKeysWith: { a, _ in a })
        for kpi in model.kpis {
            let bureau = kpi.linkedOutput.flatMap { outputBureau[$0] ?? nil }
            // The result the KPI measures: its output, else the code as written (an objective or outcome).
            let output = kpi.linkedOutput ?? (kpi.linkedTo.isEmpty ? nil : OutputCode(kpi.linkedTo))
            let noBaseline = kpi.baseline == nil || kpi.baselineYear == nil
            let noTarget = kpi.target == nil || kpi.targetYear == nil
            if noBaseline || noTarget {
                emit(Finding(id: Finding.ID(.kpi001, .text(kpi.id)), severity: noTarget ? .error : .warning, bureau: bureau, output: output,
                             message: .kpiIncomplete(kpi: kpi.id, name: kpi.name,
                                                     baseline: KPIGap(valueMissing: kpi.baseline == nil, yearMissing: kpi.baselineYear == nil),
                                                     target: KPIGap(valueMissing: kpi.target == nil, yearMissing: kpi.targetYear == nil)),
                             expected: .term(.kpiValues(baseline: noBaseline, target: noTarget)), actual: .term(.blank),
                             sources: [Format.cell(noTarget ? kpi.targetCell : kpi.baselineCell)]))
                skipped([.kpi002], .kpi(kpi.id), .noBaselineOrTarget, causedBy: [findings[findings.count - 1].id])
                continue
            }
            guard let year = kpi.actuals.keys.max(), let actual = kpi.actuals[year] else {
                skipped([.kpi002], .kpi(kpi.id), .noActual)
                continue
            }
            evaluated([.kpi002], .kpi(kpi.id))
            let a = assess(kpi, year: year, actual: actual.value)
            let reported = kpi.reportedStatus.map { $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            let reportedMatches = reported.map { matches(reported: $0, computed: a) } ?? true
            let severity: Severity
            switch a.status {
            case .offTrack: severity = .warning
            case .atRisk: severity = .info
            default:
                guard !reportedMatches else { continue }
                severity = .info
            }
            var sources = [Format.cell(actual.source)]
            if let cell = kpi.reportedStatus { sources.append(Format.cell(cell.source)) }
            emit(Finding(id: Finding.ID(.kpi002, .text(kpi.id), .year(year)), severity: severity, bureau: bureau, output: output, period: .year(year),
                         message: .kpiStatus(kpi: kpi.id, name: kpi.name, actual: actual.value, year: year, baseline: kpi.baseline!.value,
                                             baselineYear: kpi.baselineYear!, target: kpi.target!.value, targetYear: kpi.targetYear!,
                                             computed: a.status, reported: reported),
                         expected: .term(.onTrackLine(a.line.rounded(scale: 1), threshold: a.threshold.rounded(scale: 1))),
                         actual: .amount(actual.value), delta: .term(.kpiAssessment(computed: a.status, reported: reported, r: a.r, progress: a.progress)),
                         sources: sources))
        }
    }

    func assess(_ kpi: KPI, year: Int, actual: Exact) -> KPIAssessment {
        let baseline = kpi.baseline!.value, target = kpi.target!.value
        let span = Exact(kpi.targetYear! - kpi.baselineYear!)
        var e = span == 0 ? Exact(1) : Exact(year - kpi.baselineYear!) / span
        e = min(max(e, 0), 1)
        let line = baseline + (target - baseline) * e
        let threshold = baseline + (target - baseline) * e * tolerances.kpiOnTrack
        let direction = kpi.direction ?? (target >= baseline ? .up : .down)
        if direction == .maintain {
            let ok = abs(actual - target) <= abs(target) * tolerances.kpiMaintainRel
            return KPIAssessment(status: ok ? .onTrack : .offTrack, targetMet: ok, progress: nil, r: nil, line: line, threshold: threshold)
        }
        let met = direction == .up ? actual >= target : actual <= target
        guard target != baseline else {
            return KPIAssessment(status: met ? .onTrack : .offTrack, targetMet: met, progress: nil, r: nil, line: line, threshold: threshold)
        }
        let progress = (actual - baseline) / (target - baseline)
        let r: Exact? = (e == 0 || (progress < 0 && !met)) ? nil : progress / e
        let status: KPIAssessment.Status
        if met { status = .onTrack }
        else if progress < 0 { status = .offTrack }
        else if e == 0 { status = .onTrack }
        else if let r, r >= tolerances.kpiOnTrack { status = .onTrack }
        else if let r, r >= tolerances.kpiAtRisk { status = .atRisk }
        else { status = .offTrack }
        return KPIAssessment(status: status, targetMet: met, progress: progress, r: r, line: line, threshold: threshold)
    }

    /// Reported statuses compare by meaning; 'Achieved' equals On track only when the target is met.
    private func matches(reported: String, computed: KPIAssessment) -> Bool {
        switch reported.lowercased() {
        case "on track": return computed.status == .onTrack
        case "achieved": return computed.status == .onTrack && computed.targetMet
        case "at risk", "partially achieved", "partially on track": return computed.status == .atRisk
        case "off track", "not achieved": return computed.status == .offTrack
        case "not started", "no data": return computed.status == .noData
        default: return false
        }
    }
}
