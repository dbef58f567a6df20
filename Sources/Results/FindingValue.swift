import Foundation

/// A finding's expected, actual or delta value, kept as what it is so that reports can show an
/// amount as a number (sortable, summable) and words as words.
public enum FindingValue: Hashable, Sendable, Codable {
    /// No value (an empty column).
    case none
    /// A CHF amount or a plain number, written in plain decimal form (`3950000`, `1234.5`).
    case amount(Exact)
    /// A signed amount (`+440000`, `-45000`).
    case signed(Exact)
    /// A signed difference and its share of `base` (`-45000 (-1.14%)`; the amount alone when the
    /// base is zero).
    case change(Exact, of: Exact)
    /// A ratio of two amounts, shown to one decimal (`ratio 1000.0`).
    case ratio(Exact)
    /// A code as the workbooks write it (an objective, an output, a goal, a bureau, a funding
    /// class): never translated.
    case code(String)
    /// A fixed term a person reads (`none`, `blank`, `declared unit`): typed, so that a report can
    /// word it in its language.
    case term(Term)
    /// Words as a workbook or the reader gave them (a rejected row's cell and what its column
    /// expects): stays as written. Everything rbm words itself is a ``Term``.
    case words(String)

    /// The number behind the value, when it has one.
    public var number: Exact? {
        switch self {
        case .amount(let value), .signed(let value), .change(let value, _), .ratio(let value): value
        case .none, .code, .term, .words: nil
        }
    }

    /// The log's text form of (d) "Numbers".
    public var text: String {
        switch self {
        case .none: ""
        case .amount(let value): value.plainText
        case .signed(let value): value.signedText
        case .change(let delta, let base):
            delta.percent(of: base).map { "\(delta.signedText) \($0)" } ?? delta.signedText
        case .ratio(let ratio): "ratio " + ratio.fixed(places: 1)
        case .code(let code): code
        case .term(let term): term.english
        case .words(let words): words
        }
    }
}

/// The words of expected, actual and delta values, alone (`none`) or joined with the numbers and
/// codes they qualify (`budget line R.1-2/2022`, `staff 1150000`): typed, so that each report words
/// them in its language. ``english`` is the log's text; the reports' message catalogues word them in
/// French and Spanish. Numbers inside them keep the log's plain forms in every language.
public enum Term: Hashable, Sendable, Codable {
    /// `none`: nothing was found (no budget line, no allocation, no column).
    case nothing
    /// `blank`: the cell is empty.
    case blank
    /// `declared unit`: what a column's amounts should be in.
    case declaredUnit
    /// `mitigation text`
    case mitigationText
    /// `known objective`
    case knownObjective
    /// `known output`
    case knownOutput
    /// `listed output`
    case listedOutput
    /// `1 submission`, `2 submissions`
    case submissions(Int)
    /// `1 row`, `2 rows`
    case rows(Int)
    /// `budget line R.1-2/2022`: the financial plan's line for an output and year (FIN-001).
    case budgetLine(OutputCode, year: Int)
    /// `TSB allocation T.1-2/2023`: a bureau's operational-plan allocation (FIN-002); without a
    /// bureau the log has always written ` allocation T.1-2/2023`.
    case allocation(Bureau?, OutputCode, year: Int)
    /// `baseline value and year`, `target value and year`, or both joined by `and` (KPI-001).
    case kpiValues(baseline: Bool, target: Bool)
    /// `291.3 (on-track threshold 288.6)`: the linear path's value and the on-track threshold (KPI-002).
    case onTrackLine(Exact, threshold: Exact)
    /// `computed Off track; reported On track; r = 0.52; progress 45%` (KPI-002).
    case kpiAssessment(computed: KPIStatus, reported: String?, r: Exact?, progress: Exact?)
    /// `≥ 2140000`
    case atLeast(Exact)
    /// `≤ 166000000`
    case atMost(Exact)
    /// `-890000 (58.4% coverage)`: a shortfall and the share of the requirement funded (FIN-011).
    case coverage(shortfall: Exact, percent: Exact)
    /// `score 16` (RSK-001).
    case score(Exact)
    /// `1-5`, `120000-320000`: the allowed range.
    case range(Exact, Exact)
    /// `likelihood 7, impact blank` (RSK-003).
    case likelihoodAndImpact(Exact?, Exact?)
    /// `factor 1000 on 4 of 5 pairs`: a column whose pairs are off by a thousand (FIN-007).
    case thousandFold(hits: Int, pairs: Int)
    /// `470 (kCHF)`: an amount in a unit (FIN-007).
    case inUnit(Exact, MoneyUnit)
    /// `G1…G5`: the plan's goals (RF-002).
    case goals(Int)
    /// `SP2020-2023 code`: a code of the plan (RF-003).
    case planCode(String)
    /// `T.5 (SP2016-2019)`: a code of an earlier plan (RF-003).
    case codeOfPlan(String, plan: String)
    /// `a known objective`, `one of T.1`, `one of T.1…T.4`: the objectives an output's code could
    /// name (RF-001), by the first and last of them (no last when there is one).
    case objectiveAmong(first: String?, last: String?)
    /// `∞`: no finite value (a cost per FTE with no FTE, FIN-009).
    case infinity
    /// `staff 1150000`: the staff costs of an output and year (FIN-008).
    case staff(Exact)
    /// `+150000 (2.5 pp)`: the staff costs' difference and the shift of their share in points (FIN-008).
    case staffShift(Exact, points: Exact)
    /// `Excel table Budget`: a table the pipeline file names (DAT-001).
    case excelTable(String)
    /// `column amount`: a field the pipeline file's table maps (DAT-001).
    case column(String)

    /// The English words, as the log has always written them.
    public var english: String {
        switch self {
        case .nothing: "none"
        case .blank: "blank"
        case .declaredUnit: "declared unit"
        case .mitigationText: "mitigation text"
        case .knownObjective: "known objective"
        case .knownOutput: "known output"
        case .listedOutput: "listed output"
        case .submissions(let n): "\(n) submission\(n == 1 ? "" : "s")"
        case .rows(let n): "\(n) row\(n == 1 ? "" : "s")"
        case .budgetLine(let output, let year): "budget line \(output)/\(year)"
        case .allocation(let bureau, let output, let year): "\(bureau?.rawValue ?? "") allocation \(output)/\(year)"
        case .kpiValues(let baseline, let target):
            [baseline ? "baseline value and year" : nil, target ? "target value and year" : nil].compactMap { $0 }.joined(separator: " and ")
        case .onTrackLine(let line, let threshold): "\(line.plainText) (on-track threshold \(threshold.plainText))"
        case .kpiAssessment(let computed, let reported, let r, let progress):
            Self.assessment(["computed \(computed.rawValue)", reported.map { "reported \($0)" }, r.map { "r = \($0.fixed(places: 2))" },
                             progress.map { "progress \(Self.wholePercent($0))%" }])
        case .atLeast(let value): "≥ \(value.plainText)"
        case .atMost(let value): "≤ \(value.plainText)"
        case .coverage(let shortfall, let percent): "\(shortfall.signedText) (\(percent.fixed(places: 1))% coverage)"
        case .score(let score): "score \(score.plainText)"
        case .range(let low, let high): "\(low.plainText)-\(high.plainText)"
        case .likelihoodAndImpact(let l, let i): "likelihood \(l?.plainText ?? "blank"), impact \(i?.plainText ?? "blank")"
        case .thousandFold(let hits, let pairs): "factor 1000 on \(hits) of \(pairs) pairs"
        case .inUnit(let value, let unit): "\(value.plainText) (\(unit.rawValue))"
        case .goals(let count): "G1…G\(count)"
        case .planCode(let plan): "\(plan) code"
        case .codeOfPlan(let code, let plan): "\(code) (\(plan))"
        case .objectiveAmong(let first, let last): Self.among(first, last, none: "a known objective", oneOf: "one of")
        case .infinity: "∞"
        case .staff(let value): "staff \(value.plainText)"
        case .staffShift(let delta, let points): "\(delta.signedText) (\(points.fixed(places: 1)) pp)"
        case .excelTable(let name): "Excel table \(name)"
        case .column(let field): "column \(field)"
        }
    }

    /// False for the terms of symbols, numbers and codes only (`≥ 2140000`, `1-5`, `G1…G5`,
    /// `470 (kCHF)`), which every language writes alike.
    public var hasWords: Bool {
        switch self {
        case .atLeast, .atMost, .range, .inUnit, .goals, .codeOfPlan, .infinity: false
        default: true
        }
    }

    /// A KPI assessment's parts joined by `; `, the missing ones left out.
    public static func assessment(_ parts: [String?]) -> String { parts.compactMap { $0 }.joined(separator: "; ") }

    /// A progress share as a whole percentage: 0.4512 → `45`.
    public static func wholePercent(_ share: Exact) -> String { (share * 100).rounded(scale: 0).plainText }

    /// `none` when there is no first, `oneOf first` when there is no last, else `oneOf first…last`.
    public static func among(_ first: String?, _ last: String?, none: String, oneOf: String) -> String {
        guard let first else { return none }
        guard let last else { return "\(oneOf) \(first)" }
        return "\(oneOf) \(first)…\(last)"
    }
}

extension Exact {
    /// `(+72.13%)`: self ÷ base × 100 with two decimals; nil when the base is 0.
    public func percent(of base: Exact) -> String? {
        guard base != 0 else { return nil }
        let value = Exact.quotient(self, base, timesPowerOfTen: 2, roundedTo: 2)
        return "(\(value < 0 ? "" : "+")\(value.fixed(places: 2))%)"
    }

    /// Exactly `places` digits after the point, rounded half away from zero: 0.8 → `0.80`.
    public func fixed(places: Int) -> String {
        var text = rounded(scale: places).plainText
        guard places > 0 else { return text }
        // The plain form is ASCII with at most one point: counted on its bytes (issue 11).
        let decimals: Int
        if let point = text.utf8.firstIndex(of: UInt8(ascii: ".")) {
            decimals = text.utf8.distance(from: point, to: text.utf8.endIndex) - 1
        } else {
            text += "."
            decimals = 0
        }
        return text + String(repeating: "0", count: max(0, places - decimals))
    }
}
