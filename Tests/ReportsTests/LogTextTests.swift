import Testing
@testable import Reports
import Results

/// The log's texts rendered once (``LogText``) are the texts each output used to render itself.
@Suite struct LogTextTests {
    static let findings: [Finding] = {
        var first = Finding(id: Finding.ID(.fin003, .output(OutputCode("R.2-1")), .year(2022)), severity: .warning, bureau: .br,
                            output: OutputCode("R.2-1"), period: .year(2022),
                            message: .extrabudgetaryNote(output: OutputCode("R.2-1"), year: 2022, notes: "\"quoted\", with a comma"),
                            expected: .amount(3_950_000), actual: .amount(3_905_000), delta: .change(-45_000, of: 3_950_000),
                            sources: [SourceRef(file: "a.xlsx", sheet: "S", cell: "E8"), SourceRef(file: "b.xlsx", sheet: "S", cell: "G8")])
        first.status = .new
        let second = Finding(id: Finding.ID(.rsk002, .text("Plan opérationnel ≥")), severity: .info,
                             message: .riskUnknownObjective(risk: "Plan opérationnel ≥", objective: "D.9"),
                             sources: [SourceRef(file: "r.xlsx", sheet: "Risks", cell: "B4")], causedBy: [first.id])
        let third = Finding(id: Finding.ID(.kpi001, .text("KPI-1")), severity: .error, message: .riskUnknownObjective(risk: "R", objective: "X"),
                            expected: .term(.blank), sources: [], causedBy: [first.id, second.id])
        return [first, second, third]
    }()

    @Test("Each column's text and items are LogColumn's for every finding", arguments: Language.allCases)
    func sameAsLogColumn(language: Language) {
        let log = LogText(Self.findings, language: language)
        #expect(log.count == Self.findings.count)
        for (index, finding) in Self.findings.enumerated() {
            for column in LogColumn.allCases {
                #expect(log.text(index, column) == column.text(finding, in: language))
                #expect(log.items(index, column) == column.items(finding, in: language))
            }
        }
    }

    @Test("Texts rendered in parts and joined are the texts rendered at once")
    func concatenated() {
        let whole = LogText(Self.findings, language: .fr)
        let joined = LogText(concatenating: [LogText(Self.findings[..<1], language: .fr), LogText(Self.findings[1...], language: .fr)])
        #expect(joined.language == .fr && joined.count == whole.count)
        for index in Self.findings.indices {
            for column in LogColumn.allCases { #expect(joined.text(index, column) == whole.text(index, column)) }
        }
    }

    @Test("Statuses set after the texts were worded are restated, and nothing else changes", arguments: Language.allCases)
    func restatedStatuses(language: Language) {
        var later = Self.findings
        later[0].status = .persisting
        later[1].status = .acknowledged
        var log = LogText(Self.findings, language: language)
        #expect(log.text(1, .status) != LogColumn.status.text(later[1], in: language))   // stale until restated
        log.restate(statuses: later)
        let fresh = LogText(later, language: language)
        for index in later.indices {
            for column in LogColumn.allCases {
                #expect(log.text(index, column) == fresh.text(index, column))
                #expect(log.items(index, column) == fresh.items(index, column))
            }
        }
    }

    @Test("A column's slot is its place among the log's columns")
    func slots() {
        for (offset, column) in LogColumn.allCases.enumerated() { #expect(LogText.slot(column) == offset) }
    }

    @Test("The outputs give the same text from shared texts as from the findings", arguments: Language.allCases)
    func outputs(language: Language) {
        let log = LogText(Self.findings, language: language)
        #expect(DiscrepancyCSV.render(log) == DiscrepancyCSV.render(Self.findings, language: language))
        #expect(DiscrepancyJSONL.render(log) == DiscrepancyJSONL.render(Self.findings, language: language))
        let context = DiscrepancyHTML.Context(language: language)
        #expect(DiscrepancyHTML.render(Self.findings, title: "t", context: context, log: log)
                == DiscrepancyHTML.render(Self.findings, title: "t", context: context))
    }

    @Test("A rule's texts are the language's, worded once", arguments: Language.allCases)
    func rules(language: Language) {
        let tolerances = Tolerances()
        let texts = RuleTexts(language, tolerances: tolerances)
        for rule in RuleID.allCases {
            #expect(texts[rule].title == language.rule(rule, tolerances: tolerances).title)
            #expect(texts[rule].description == language.rule(rule, tolerances: tolerances).description)
        }
    }
}
