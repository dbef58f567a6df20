import Foundation
import Results

/// The page's charts, as inline SVG drawn from the run's values (no script, no network): the plans
/// per bureau and year (in the summary, beside findings by bureau), then findings by rule, KPI
/// status and the risk heat map. Each chart has a text
/// equivalent (`<title>`, `<desc>` and labels), and a chart with nothing to draw is left out.
extension DiscrepancyHTML {
    static func charts(_ findings: [Finding], context: Context, _ L: Labels) -> String {
        let figures = [rulesChart(findings, tolerances: context.tolerances, L),
                       kpiChart(context.kpis, findings: findings, L), heatMap(context.risks, tolerances: context.tolerances, L)].compactMap { $0 }
        guard !figures.isEmpty else { return "" }
        return "<section id=\"charts\"><h2>\(L("Charts"))</h2>\n<div class=\"charts\">\n" + figures.joined() + "</div></section>\n"
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func figure(_ id: String, caption: String, width: Int, height: Int, description: String, _ body: String, note: String = "") -> String {
        "<figure id=\"\(id)\"><figcaption>\(escape(caption))</figcaption>"
            + "<svg viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-t\">"
            + "<title id=\"\(id)-t\">\(escape(caption))</title><desc>\(escape(description))</desc>\n\(body)</svg>"
            + (note.isEmpty ? "" : "<p class=\"note\">\(note)</p>") + "</figure>\n"
    }

    private static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "start", cls: String = "") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")\(cls.isEmpty ? "" : " class=\"\(cls)\"")>\(s)</text>"
    }

    private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String, title: String? = nil) -> String {
        let shape = "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(w, 0)))\" height=\"\(number(h))\" class=\"\(cls)\""
        guard let title else { return shape + "/>" }
        return shape + "><title>\(escape(title))</title></rect>"
    }

    /// Financial plan against operational plans, per bureau and year: two bars each, the difference
    /// beside them in FIN-004's colours. A bar far beyond the others (a unit error) is cut at the
    /// chart's edge and marked, its true value written.
    static func plansChart(_ totals: [BureauTotal], tolerances: Tolerances, _ L: Labels) -> String? {
        guard !totals.isEmpty else { return nil }
        let order = { (b: Bureau) in Bureau.allCases.firstIndex(of: b) ?? 0 }
        let rows = totals.sorted { (order($0.bureau), $0.year) < (order($1.bureau), $1.year) }
        let largestPlan = rows.map { max($0.financialPlan, 0) }.max() ?? 0
        let scaleMax = max(largestPlan * Exact(string: "1.25")!, rows.map { min($0.operationalPlan, largestPlan * Exact(string: "1.25")!) }.max() ?? 0, 1)
        let left = 80.0, barWidth = 330.0, rowHeight = 38.0, top = 26.0
        let width = 560, height = Int(top + rowHeight * Double(rows.count) + 8)
        func length(_ value: Exact) -> Double { (min(max(value, 0), scaleMax) / scaleMax).doubleValue * barWidth }
        var body = rect(left, 6, 10, 10, cls: "fp") + text(left + 14, 15, L("financial plan")) + rect(left + 120, 6, 10, 10, cls: "op") + text(left + 134, 15, L("operational plans"))
        body += text(Double(width) - 4, 15, L("difference"), anchor: "end", cls: "muted")
        for (i, row) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            body += text(0, y + 19, "\(row.bureau.rawValue) \(row.year)", cls: "label")
            let fp = length(row.financialPlan), op = length(row.operationalPlan)
            body += rect(left, y + 2, fp, 14, cls: "fp", title: L("{0} {1} financial plan: CHF {2}", row.bureau.rawValue, row.year, L.numbers.grouped(row.financialPlan)))
            body += rect(left, y + 18, op, 14, cls: "op", title: L("{0} {1} operational plans: CHF {2}", row.bureau.rawValue, row.year, L.numbers.grouped(row.operationalPlan)))
            body += text(left + fp + 4, y + 13, grouped(row.financialPlan, L), cls: "value")
            if row.operationalPlan > scaleMax {
                body += "<path d=\"M\(number(left + op - 14)) \(number(y + 16))l6 18m4 -18l6 18\" class=\"cut\"/>"
                body += text(left + op - 18, y + 29, grouped(row.operationalPlan, L), anchor: "end", cls: "value inverse")
            } else {
                body += text(left + op + 4, y + 29, grouped(row.operationalPlan, L), cls: "value")
            }
            let delta = row.operationalPlan - row.financialPlan
            let share = row.financialPlan == 0 ? nil : abs(delta / row.financialPlan)
            let band = share.map { $0 > tolerances.bureauErrorRel ? "error" : $0 > tolerances.bureauWarnRel ? "warning" : "ok" } ?? "error"
            body += text(Double(width) - 4, y + 13, grouped(delta, signed: true, L), anchor: "end", cls: "delta \(band)")
            body += text(Double(width) - 4, y + 29, percent(delta, of: row.financialPlan, places: 1, L) ?? "", anchor: "end", cls: "delta \(band)")
        }
        func share(_ fraction: Exact) -> String {
            L.language == .en ? "\((fraction * 100).plainText)\u{202F}%" : L.numbers.share(fraction)
        }
        return figure("chart-plans", caption: L("Regular budget per bureau and year: financial plan against operational plans (CHF)"), width: width, height: height,
                      description: rows.map { L("{0} {1}: financial plan {2}, operational plans {3}", $0.bureau.rawValue, $0.year, L.numbers.grouped($0.financialPlan), L.numbers.grouped($0.operationalPlan)) }.joined(separator: "; "),
                      body, note: L("Difference coloured as FIN-004 weighs it: warning above {0}, error above {1}.", share(tolerances.bureauWarnRel), share(tolerances.bureauErrorRel)))
    }

    /// Findings by rule, each bar split by severity, labelled with the rule's code and title.
    static func rulesChart(_ findings: [Finding], tolerances: Tolerances, _ L: Labels) -> String? {
        // Counted in one pass (a filtered copy of the findings per rule and severity was 2 % of a
        // large run; issue 11).
        var tally: [RuleID: [Severity: Int]] = [:]
        for f in findings { tally[f.rule, default: [:]][f.severity, default: 0] += 1 }
        let rules = RuleID.allCases.filter { tally[$0] != nil }
        guard !rules.isEmpty else { return nil }
        let counts = rules.map { r in severities.map { s in tally[r]?[s] ?? 0 } }
        let most = counts.map { $0.reduce(0, +) }.max() ?? 1
        let left = 372.0, barWidth = 150.0, rowHeight = 17.0, top = 22.0
        let width = 560, height = Int(top + rowHeight * Double(rules.count) + 4)
        var body = ""
        // The legend: 70 px a severity, more for a longer word (French, Spanish), moved left when
        // it would pass the chart's edge (the English legend stays at the bars' start).
        func step(_ s: Severity) -> Double { max(70, 22 + Double(L.severity(s).count) * 6.5) }
        let legend = severities.dropLast().map(step).reduce(0, +) + 14 + Double(L.severity(severities[severities.count - 1]).count) * 6.5
        var x = min(left, Double(width) - legend - 2)
        for s in severities {
            body += rect(x, 4, 10, 10, cls: "s-\(s.rawValue)") + text(x + 14, 13, L.severity(s))
            x += step(s)
        }
        for (i, rule) in rules.enumerated() {
            let y = top + rowHeight * Double(i)
            let title = L.language.rule(rule, tolerances: tolerances).title
            // The bars start at 372 px: a title longer than the English ones (50 characters at most,
            // a French or Spanish one) is cut with an ellipsis; the rules table gives it whole.
            let shown = title.count > 50 ? String(title.prefix(49)) + "…" : title
            body += "<a href=\"#rule-\(rule.rawValue)\">" + text(0, y + 11, "<tspan class=\"code\">\(rule.rawValue)</tspan> \(escape(shown))", cls: "label") + "</a>"
            var x = left
            for (s, n) in zip(severities, counts[i]) where n > 0 {
                let w = barWidth * Double(n) / Double(most)
                body += rect(x, y + 2, w, 12, cls: "s-\(s.rawValue)", title: "\(rule.rawValue): \(n) \(L.severity(s))")
                x += w
            }
            body += text(x + 4, y + 12, "\(counts[i].reduce(0, +))", cls: "value")
        }
        return figure("chart-rules", caption: L("Findings by rule and severity"), width: width, height: height,
                      description: zip(rules, counts).map { L("{0}: {1} error, {2} warning, {3} info", $0.rawValue, $1[0], $1[1], $1[2]) }.joined(separator: "; "), body)
    }

    /// A KPI's status as the run judged it: without baseline or target (KPI-001), off track or at
    /// risk (KPI-002's computed status), no actual yet, or on track (assessed without a finding).
    enum KPIState: String, CaseIterable {
        case onTrack = "on track", atRisk = "at risk", offTrack = "off track", noData = "no actual yet", incomplete = "no baseline or target"

        var cls: String {
            switch self {
            case .onTrack: "k-on"
            case .atRisk: "k-risk"
            case .offTrack: "k-off"
            case .noData: "k-none"
            case .incomplete: "k-gap"
            }
        }
    }

    static func kpiStates(_ kpis: [KPI], findings: [Finding]) -> [(kpi: KPI, state: KPIState)] {
        var computed: [String: KPIStatus] = [:]
        for f in findings {
            if case .kpiStatus(let kpi, _, _, _, _, _, _, _, let status, _) = f.message { computed[kpi] = status }
        }
        let incomplete = Set(findings.compactMap { f -> String? in
            if case .kpiIncomplete(let kpi, _, _, _) = f.message { return kpi }
            return nil
        })
        return kpis.map { kpi in
            if incomplete.contains(kpi.id) { return (kpi, .incomplete) }
            switch computed[kpi.id] {
            case .atRisk: return (kpi, .atRisk)
            case .offTrack: return (kpi, .offTrack)
            case .noData: return (kpi, .noData)
            case .onTrack: return (kpi, .onTrack)
            case nil: return (kpi, kpi.actuals.isEmpty ? .noData : .onTrack)
            }
        }
    }

    /// KPI status: one bar split by state, each part labelled with its count and KPIs.
    static func kpiChart(_ kpis: [KPI], findings: [Finding], _ L: Labels) -> String? {
        guard !kpis.isEmpty else { return nil }
        let states = kpiStates(kpis, findings: findings)
        let width = 560, barWidth = 552.0
        var body = "", x = 4.0, legendY = 58.0, legendX = 4.0
        for state in KPIState.allCases {
            let mine = states.filter { $0.state == state }
            guard !mine.isEmpty else { continue }
            let w = barWidth * Double(mine.count) / Double(states.count)
            body += rect(x, 6, w, 30, cls: state.cls, title: "\(L(state.rawValue)): " + mine.map(\.kpi.id).joined(separator: ", "))
            body += text(x + w / 2, 26, "\(mine.count)", anchor: "middle", cls: "value \(state == .onTrack || state == .offTrack ? "inverse" : "")")
            x += w
            let label = "\(L(state.rawValue)) (\(mine.count))"
            if legendX + Double(label.count) * 6.5 + 18 > Double(width) { legendX = 4; legendY += 18 }
            body += rect(legendX, legendY - 9, 10, 10, cls: state.cls) + text(legendX + 14, legendY, escape(label))
            legendX += Double(label.count) * 6.5 + 30
        }
        let height = Int(legendY + 8)
        let list = KPIState.allCases.compactMap { state -> String? in
            let mine = states.filter { $0.state == state }
            return mine.isEmpty ? nil : "<b>\(L(state.rawValue))</b>: " + mine.map { escape($0.kpi.id) }.joined(separator: ", ")
        }
        return figure("chart-kpis", caption: L("KPI status ({0} KPIs)", kpis.count), width: width, height: height,
                      description: states.map { "\($0.kpi.id) \(L($0.state.rawValue))" }.joined(separator: "; "), body, note: list.joined(separator: "; "))
    }

    /// The risk register as a 5 × 5 heat map, likelihood up and impact across; a cell's colour is
    /// its score's band (RSK-001's tolerances), its number the risks in it.
    static func heatMap(_ risks: [Risk], tolerances: Tolerances, _ L: Labels) -> String? {
        guard !risks.isEmpty else { return nil }
        var cells: [Int: [String]] = [:]
        var offScale: [String] = []
        for risk in risks {
            guard let l = risk.likelihood?.value, let i = risk.impact?.value,
                  let li = Int(exactly: l.doubleValue), let ii = Int(exactly: i.doubleValue),
                  (1...5).contains(li), (1...5).contains(ii) else {
                offScale.append(risk.id)
                continue
            }
            cells[li * 10 + ii, default: []].append(risk.id)
        }
        let size = 40.0, left = 92.0, top = 8.0
        let width = 560, height = Int(top + size * 5 + 44)
        var body = ""
        for likelihood in (1...5).reversed() {
            let y = top + size * Double(5 - likelihood)
            body += text(left - 8, y + size / 2 + 4, "\(likelihood)", anchor: "end", cls: "label")
            for impact in 1...5 {
                let x = left + size * Double(impact - 1)
                let score = Exact(likelihood * impact)
                let band = score >= tolerances.riskError ? "h-high" : score >= tolerances.riskWarn ? "h-mid" : "h-low"
                let ids = cells[likelihood * 10 + impact] ?? []
                body += rect(x, y, size - 2, size - 2, cls: band, title: L("likelihood {0} × impact {1} = {2}", likelihood, impact, likelihood * impact) + (ids.isEmpty ? "" : ": " + ids.joined(separator: ", ")))
                if !ids.isEmpty { body += text(x + size / 2 - 1, y + size / 2 + 5, "\(ids.count)", anchor: "middle", cls: "count") }
            }
        }
        for impact in 1...5 { body += text(left + size * (Double(impact) - 0.5) - 1, top + size * 5 + 14, "\(impact)", anchor: "middle", cls: "label") }
        body += text(left + size * 2.5, top + size * 5 + 32, L("impact →"), anchor: "middle", cls: "muted")
        body += "<text transform=\"translate(14 \(number(top + size * 2.5))) rotate(-90)\" text-anchor=\"middle\" class=\"muted\">\(L("likelihood →"))</text>"
        let legendX = left + size * 5 + 24
        body += rect(legendX, top + 4, 12, 12, cls: "h-high") + text(legendX + 18, top + 14, L("score ≥ {0}", L.numbers.plain(tolerances.riskError)))
        body += rect(legendX, top + 24, 12, 12, cls: "h-mid") + text(legendX + 18, top + 34, L("score ≥ {0}", L.numbers.plain(tolerances.riskWarn)))
        body += rect(legendX, top + 44, 12, 12, cls: "h-low") + text(legendX + 18, top + 54, L("lower"))
        var y = top + 84
        for (key, ids) in cells.sorted(by: { ($0.key / 10) * ($0.key % 10) > ($1.key / 10) * ($1.key % 10) || (($0.key / 10) * ($0.key % 10) == ($1.key / 10) * ($1.key % 10) && $0.key > $1.key) }).prefix(6) {
            body += text(legendX, y, "\(key / 10)×\(key % 10): " + escape(ids.joined(separator: ", ")), cls: "small")
            y += 16
        }
        let note = offScale.isEmpty ? "" : L("Not placed (likelihood or impact missing or off the 1-5 scale): ") + offScale.map(escape).joined(separator: ", ") + "."
        return figure("chart-risks", caption: L("Risk heat map ({0} risks): likelihood × impact", risks.count), width: width, height: height,
                      description: cells.sorted { $0.key > $1.key }.map { L("likelihood {0}, impact {1}: {2}", $0.key / 10, $0.key % 10, $0.value.joined(separator: ", ")) }.joined(separator: "; "),
                      body, note: note)
    }
}
