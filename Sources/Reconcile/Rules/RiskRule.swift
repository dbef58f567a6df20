import Foundation
import Results

/// RSK-001 (high risk, no mitigation), RSK-002 (links to nothing known), RSK-003 (score and scale).
struct RiskRule: Rule {
    var emits: [RuleID] { [.rsk001, .rsk002, .rsk003] }
    func apply(to run: inout RuleRun) { run.riskRules() }
}

extension RuleRun {
    /// RSK-001 (high risk without mitigation), RSK-002 (unknown links), RSK-003 (score and scale).
    mutating func riskRules() {
        let register = SourceTag(.riskRegister)
        if model.risks.isEmpty, let (reason, causes) = tableGap(.riskRegister, table: "risks") {
            skipped([.rsk001, .rsk002, .rsk003], .workbook(register), reason, causedBy: causes)
            return
        }
        // Without a mitigation column every risk would read as unmitigated: RSK-001 cannot check it.
        let mitigationRead = columnGap(.riskRegister, table: "risks", fields: ["mitigation"]).map { reason in
            skipped([.rsk001], .workbook(register), reason)
            return false
        } ?? true
        if mitigationRead { evaluated([.rsk001], .workbook(register)) }
        evaluated([.rsk003], .workbook(register))
        if let (reason, causes) = tableGap(.resultsFramework, table: "objectives") {
            limited([.rsk002], .workbook(register), reason, causedBy: causes)
        } else {
            evaluated([.rsk002], .workbook(register))
        }
        let objectives = Set(model.objectives.map(\.code))
        let knownOutputs = Set(model.outputs.map(\.code)).union(ledger.fpOutputs).union(ledger.opOutputs)
        // The known outputs of each objective, grouped once (a scan of every output per unknown
        // link was most of this rule's time at scale; issue 11).
        let outputsByObjective = Dictionary(grouping: knownOutputs, by: \.objective)
        // Each objective's outputs in natural order, sorted once, each code's key built once.
        var sortedSiblings: [String: [OutputCode]] = [:]
        func siblings(of objective: String) -> [OutputCode] {
            if let sorted = sortedSiblings[objective] { return sorted }
            let sorted = NaturalOrder.sorted(outputsByObjective[objective] ?? [], by: \.text)
            sortedSiblings[objective] = sorted
            return sorted
        }
        let blankWords: Set<String> = ["", "-", "–", "—", "n/a", "none", "tbd"]
        for risk in model.risks {
            let bureau = risk.bureau
            let l = risk.likelihood?.value, i = risk.impact?.value
            let onScale = [l, i].allSatisfy { v in v.map { $0 >= 1 && $0 <= 5 && $0 == $0.rounded(scale: 0) } ?? false }
            // The normaliser writes a linked output in canonical form when it parses.
            let linkedOutput = risk.linkedOutput.map { OutputCode($0.text) }
            if mitigationRead, onScale, let l, let i {
                let score = l * i
                if blankWords.contains(risk.mitigation.text.lowercased().trimmingHorizontalSpace), score >= tolerances.riskWarn {
                    emit(Finding(id: Finding.ID(.rsk001, .text(risk.id)), severity: score >= tolerances.riskError ? .error : .warning,
                                 bureau: bureau, output: linkedOutput,
                                 message: .riskUnmitigated(risk: risk.id, description: risk.description, score: score, likelihood: l, impact: i, band: band(score)),
                                 expected: .term(.mitigationText), actual: .term(.blank), delta: .term(.score(score)), sources: [Format.cell(risk.mitigation.source)]))
                }
            }
            if let link = risk.linkedObjective {
                let code = link.text.uppercased()
                if !objectives.contains(code) && !objectives.isEmpty {
                    emit(Finding(id: Finding.ID(.rsk002, .text(risk.id), .text(code)), severity: .error, bureau: bureau,
                                 message: .riskUnknownObjective(risk: risk.id, objective: code),
                                 expected: .term(.knownObjective), actual: .code(code), sources: [Format.cell(link.source)]))
                }
            }
            if let link = risk.linkedOutput {
                let code = OutputCode(link.text)
                if !knownOutputs.contains(code) {
                    let known = siblings(of: code.objective)
                    emit(Finding(id: Finding.ID(.rsk002, .text(risk.id), .output(code)), severity: .error, bureau: bureau, output: code,
                                 message: .riskUnknownOutput(risk: risk.id, output: code, objective: code.objective, siblings: known),
                                 expected: .term(.knownOutput), actual: .code(code.text), sources: [Format.cell(link.source)]))
                }
            }
            if !onScale {
                emit(Finding(id: Finding.ID(.rsk003, .text(risk.id)), severity: .error, bureau: bureau,
                             message: .riskOffScale(risk: risk.id, likelihood: l, impact: i),
                             expected: .term(.range(1, 5)), actual: .term(.likelihoodAndImpact(l, i)), sources: [Format.cell(risk.likelihoodCell)]))
            } else if let l, let i, let stated = risk.statedScore, stated.value != l * i {
                let score = l * i
                emit(Finding(id: Finding.ID(.rsk003, .text(risk.id)), severity: .error, bureau: bureau,
                             message: .riskScore(risk: risk.id, likelihood: l, impact: i, score: score, band: band(score), stated: stated.value,
                                                 statedBand: band(stated.value)),
                             expected: .amount(score), actual: .amount(stated.value), delta: .signed(stated.value - score),
                             sources: [Format.cell(stated.source)]))
            }
        }
    }

    /// The rating band of a score (settings `risk.bands.*`); it names the rating only.
    func band(_ score: Exact) -> RiskBand {
        if score <= tolerances.riskLowMax { return .low }
        if score <= tolerances.riskMediumMax { return .medium }
        if score <= tolerances.riskHighMax { return .high }
        return .critical
    }
}
