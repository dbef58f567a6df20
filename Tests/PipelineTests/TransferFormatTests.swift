import Foundation
import Results
import Testing
import TestSupport
@testable import Pipeline

/// A worker's outcome travels in the binary transfer format (issue 11): every workbook of the
/// scenarios comes back from it equal to the model loaded in-process, and a result of another
/// version, or damaged, refuses the file with the cause instead of being decoded wrongly.
@Suite struct TransferFormatTests {
    static let workbooks: [String] = ["itu-2022-2023", "layout-variants", "missing-bdt", "new-layout"].flatMap { scenario in
        let inbox = Fixtures.path("fixtures/scenarios/\(scenario)/inbox")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") }.sorted().map { "\(inbox)/\($0)" }
    }

    static func loadInProcess(_ path: String) throws -> FileLoad {
        let pipeline = try PipelineFile.load(path: Fixtures.path("pipelines/itu-2022-2023.yaml"))
        return FileLoad.perform(path: path, loader: pipeline.workbookLoader, pipelineName: "itu-2022-2023.yaml")
    }

    /// Canonical JSON (sorted keys) of a model: equal bytes for equal models, whatever the order
    /// of a dictionary's entries.
    static func canonical(_ model: ResultsModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(model)
    }

    @Test func theScenariosHaveWorkbooks() {
        #expect(Self.workbooks.count >= 21)
    }

    @Test(arguments: workbooks)
    func aWorkbookComesBackEqualToTheModelLoadedInProcess(path: String) throws {
        let original = try Self.loadInProcess(path)
        let decoded = try FileLoad.fromTransfer(try original.transferData())
        switch (original, decoded) {
        case (.loaded(let a), .loaded(let b)):
            #expect(a.submissions == b.submissions)
            #expect(a.missed == b.missed)
            #expect(a.goals == b.goals)
            #expect(a.targets == b.targets)
            #expect(a.objectives == b.objectives)
            #expect(a.outputs == b.outputs)
            #expect(a.crosswalk == b.crosswalk)
            #expect(a.kpis == b.kpis)
            #expect(a.budgetLines == b.budgetLines)
            #expect(a.sectorSummary == b.sectorSummary)
            #expect(a.hasSectorSummary == b.hasSectorSummary)
            #expect(a.envelope == b.envelope)
            #expect(a.allocations == b.allocations)
            #expect(a.risks == b.risks)
            #expect(a.statedTotals == b.statedTotals)
            #expect(a.duplicates == b.duplicates)
            #expect(a.rejectedRows == b.rejectedRows)
            #expect(a.loadFindings == b.loadFindings)
            #expect(a.notes == b.notes)
            #expect(try Self.canonical(a) == Self.canonical(b))
        case (.refused(let c1, let r1), .refused(let c2, let r2)):
            #expect(c1 == c2)
            #expect(r1 == r2)
        default:
            Issue.record("\(path): \(original) came back as \(decoded)")
        }
    }

    @Test func decimalsComeBackExactly() throws {
        let values = ["0", "-0.001", "12345.5", "1.50", "-98765432109876543210.0123456789", "0.000000000000000000000000000001"]
            .map { Exact(string: $0)! } + [Exact.nan, Exact.greatestFiniteMagnitude]
        let decoded = try TransferDecoder().decode([Exact].self, from: TransferEncoder().encode(values))
        #expect(decoded.count == values.count)
        for (a, b) in zip(values, decoded) {
            #expect(a.isNaN ? b.isNaN : a == b)
            #expect(a.description == b.description)
        }
    }

    @Test func optionalsDictionariesAndEnumsComeBack() throws {
        let cell = CellSource(file: "OP_BR.xlsx", sheet: "Plan", position: CellPosition(row: 12, column: 5))
        let years: [Int: Amount?] = [2022: Amount(chf: 12, unit: .chf, source: cell), 2023: nil]
        let decoded = try TransferDecoder().decode([Int: Amount?].self, from: TransferEncoder().encode(years))
        #expect(decoded == years)
        // Years are written as the standard library writes an Int-keyed dictionary: keys as text.
        let amounts: [Int: Amount] = [2022: Amount(chf: 12, unit: .chf, source: cell), 2023: Amount(chf: -0.5, unit: .kchf, source: cell)]
        let data = try TransferEncoder().encode(amounts)
        #expect(try TransferDecoder().decode([Int: Amount].self, from: data) == amounts)
        let asText = try TransferDecoder().decode([String: Amount].self, from: data)
        #expect(asText == Dictionary(uniqueKeysWithValues: amounts.map { (String($0.key), $0.value) }))
        let notes: [String?] = ["a", nil, "", "é ü 中"]
        #expect(try TransferDecoder().decode([String?].self, from: TransferEncoder().encode(notes)) == notes)
    }

    @Test func theLeavesWrittenByHandComeBackWhole() throws {
        let cell = CellSource(file: "FP.xlsx", sheet: "Lines", position: CellPosition(row: 1_048_576, column: 16_384))
        let other = CellSource(file: "FP.xlsx", sheet: "Détail", position: CellPosition(row: 2, column: 1))
        let amounts = [Amount(chf: Exact(string: "-98765432109876543210.0123456789")!, unit: .mchf, source: cell),
                       Amount(chf: 0, unit: .chf, source: other), Amount(chf: Exact(string: "1.50")!, unit: .kchf, source: cell)]
        #expect(try TransferDecoder().decode([Amount].self, from: TransferEncoder().encode(amounts)) == amounts)
        let quantities = [Quantity(value: Exact(string: "0.5")!, source: cell, typedAsText: true), Quantity(value: -3, source: other)]
        #expect(try TransferDecoder().decode([Quantity].self, from: TransferEncoder().encode(quantities)) == quantities)
        let texts: [TextCell?] = [TextCell(text: "é ü 中", source: cell), nil, TextCell(text: "", source: other)]
        #expect(try TransferDecoder().decode([TextCell?].self, from: TransferEncoder().encode(texts)) == texts)
        let odd = Amount(chf: .greatestFiniteMagnitude, unit: .chf, source: cell)
        let costs: [Int: YearCost] = [2022: YearCost(total: amounts[0]), 2023: YearCost(staff: amounts[1], nonStaff: amounts[2]),
                                      2024: YearCost(), 2025: YearCost(nonStaff: amounts[2])]
        #expect(try TransferDecoder().decode([Int: YearCost].self, from: TransferEncoder().encode(costs)) == costs)
        let allocations = [
            Allocation(bureau: .br, output: OutputCode("R.1-2"), outputCell: cell, statedObjective: texts[0], title: "Radio",
                       years: costs, biennium: amounts[2], fte: quantities[0], priority: .high, priorityCell: other,
                       funding: FundingSource("XB-VC"), fundingCell: cell, notes: texts[2], row: 7),
            Allocation(bureau: .gs, output: OutputCode("G.2-1"), outputCell: other, statedObjective: nil, title: "", years: [:],
                       biennium: nil, fte: nil, priority: nil, priorityCell: nil, funding: FundingSource("RB"), fundingCell: nil,
                       notes: nil, row: 1_048_576)]
        #expect(try TransferDecoder().decode([Allocation].self, from: TransferEncoder().encode(allocations)) == allocations)
        let lines = [
            BudgetLine(bureau: .tsb, sector: texts[0], statedObjective: texts[2], output: OutputCode("T.1-1"), outputCell: cell,
                       title: "Standards", category: CostCategory("NONSTAFF.TRV"), funding: FundingSource("RB-CR"), fundingCell: other,
                       years: [2022: amounts[0], 2023: amounts[1]], biennium: odd, notes: texts[0], row: 3, sectorBureau: .bdt),
            BudgetLine(bureau: nil, sector: nil, statedObjective: nil, output: OutputCode("X"), outputCell: other, title: "é",
                       category: nil, funding: FundingSource("XB"), fundingCell: cell, years: [:], biennium: nil, notes: nil, row: 2)]
        #expect(try TransferDecoder().decode([BudgetLine].self, from: TransferEncoder().encode(lines)) == lines)
        let totals = [
            StatedTotal(workbook: .operationalPlan(.br), bureau: .br, label: "Total", measure: .year(2022), stated: Exact(string: "12.5")!,
                        unit: .kchf, cell: cell, components: quantities),
            StatedTotal(workbook: SourceTag(.financialPlan, isSummary: true), bureau: nil, label: "", measure: .fte, stated: -1,
                        unit: nil, cell: other, components: [])]
        #expect(try TransferDecoder().decode([StatedTotal].self, from: TransferEncoder().encode(totals)) == totals)
        // The largest decimal, as every other, comes back exactly.
        #expect(try TransferDecoder().decode(Amount.self, from: TransferEncoder().encode(odd)) == odd)
    }

    @Test func aResultOfAnotherVersionIsRefusedNotDecoded() throws {
        var data = try Self.loadInProcess(Self.workbooks[0]).transferData()
        data[TransferFormat.magic.count] &+= 1
        #expect(throws: TransferError.self) { try FileLoad.fromTransfer(data) }
        // Not the file's fault: the batch stops (exit 2, nothing moved) instead of quarantining it.
        do {
            _ = try FileLoad.received(data, executable: "/usr/local/bin/rbm")
            Issue.record("a result of another version was taken")
        } catch let fault as EnvironmentFault {
            #expect(fault.cause.contains("transfer format \(TransferFormat.version + 1)"))
            #expect(fault.cause.contains("another version of rbm"))
            #expect(fault.consequence.contains("before anything was moved"))
        }
    }

    @Test func aResultThatIsNotTheFormatOrIsCutShortIsRefused() throws {
        let data = try Self.loadInProcess(Self.workbooks[0]).transferData()
        for bad in [Data(#"{"loaded":{}}"#.utf8), data.prefix(data.count / 2), data.prefix(3), Data()] {
            guard case .refused(let category, _) = try FileLoad.received(bad, executable: "/usr/local/bin/rbm") else { Issue.record("decoded \(bad.count) bytes"); continue }
            #expect(category == "reader-crash")
        }
    }

    /// A model with a value of every record written by hand (version 3), in each of its forms:
    /// absent and present optionals, every case of an enumeration written as its case's name.
    static func everyRecord() -> ResultsModel {
        let cell = CellSource(file: "RF.xlsx", sheet: "Goals", position: CellPosition(row: 3, column: 2))
        let other = CellSource(file: "RF.xlsx", sheet: "Détail", position: CellPosition(row: 1_048_576, column: 16_384))
        let text = TextCell(text: "é ü 中", source: cell)
        let quantity = Quantity(value: Exact(string: "-0.25")!, source: other, typedAsText: true)
        let amount = Amount(chf: Exact(string: "1234.5")!, unit: .kchf, source: cell)
        let parts: [Finding.ID.Part] = [.output(OutputCode("R.1-2")), .year(2023), .biennium(Biennium(2022, 2023)), .bureau(.tsb),
                                        .kind(.riskRegister), .source(SourceTag(.financialPlan, isSummary: true)), .text("")]
        let id = Finding.ID(.dat002, parts, occurrence: 3)
        var model = ResultsModel()
        var account = SheetAccount(sheet: "Plan", headerRow: "5")
        account.table = "allocations"
        account.read = 12
        account.loaded = 9
        account.skipped = 2
        account.rejected = 1
        account.columns = [ColumnAccount(column: "A", header: "Output", role: .field, field: "output", alias: "Output code", year: nil),
                           ColumnAccount(column: "F", header: "2022", role: .year, year: 2022, category: "STAFF", unit: "kCHF",
                                         unitOrigin: "header", reason: "r", probably: "p", suggestedLine: "output: [\"Output\"]")]
        account.missing = [FieldGap(field: FieldGap.staffSplit, rules: [.fin007, .dat003]), FieldGap(field: "title", rules: [])]
        model.submissions = [
            Submission(file: "OP_BR.xlsx", kind: .operationalPlan, bureau: .br, sheets: [account, SheetAccount(sheet: "Other", headerRow: "")],
                       unloaded: [UnloadedTable(table: "risks", sheet: "R", findings: [id, Finding.ID(.dat003, [])]),
                                  UnloadedTable(table: "kpis", sheet: nil, findings: [])]),
            Submission(file: "RF.xlsx", kind: .resultsFramework, bureau: nil, sheets: [])]
        model.missed = [MissedWorkbook(file: "x.xlsx", reason: "not-recognised"), MissedWorkbook(file: "y", reason: "", kind: .financialPlan, bureau: .gs)]
        model.goals = [Goal(code: "1", shortName: "Connect", title: "Goal", source: cell)]
        model.targets = [Target(code: "1.1", goal: "1", description: "d", unit: "%", baseline: Exact(string: "0.5"), baselineYear: 2019,
                                target: nil, targetYear: nil, source: cell),
                         Target(code: "1.2", goal: "1", description: "", unit: "", baseline: nil, baselineYear: nil,
                                target: Exact(string: "-98765432109876543210.0123456789"), targetYear: 2030, source: other)]
        model.objectives = [Objective(code: "R.1", bureau: .br, kind: "sector", title: "t", goalTokens: ["1", "2"], goalsSource: other, source: cell),
                            Objective(code: "G", bureau: nil, kind: "", title: "", goalTokens: [], goalsSource: nil, source: cell)]
        model.outputs = [FrameworkOutput(code: OutputCode("R.1-1"), objective: "R.1", bureau: .br, title: "o", isCostRecovery: true, source: cell,
                                         objectiveCell: other, bureauCell: cell),
                         FrameworkOutput(code: OutputCode("G-1"), objective: "G", bureau: nil, title: "", isCostRecovery: false, source: other)]
        model.crosswalk = [CrosswalkEntry(oldCode: "R.9", newCode: "R.1", note: "moved", source: cell),
                           CrosswalkEntry(oldCode: "R.8", newCode: nil, note: "", source: other)]
        model.kpis = [KPI(id: "K1", linkedTo: "R.1-1", linkedOutput: OutputCode("R.1-1"), name: "n", unit: "%", direction: .up,
                          baseline: quantity, baselineYear: 2020, baselineCell: cell, target: quantity, targetYear: 2023, targetCell: other,
                          actuals: [2022: quantity, 2023: Quantity(value: 7, source: cell)], reportedStatus: text, source: cell),
                      KPI(id: "K2", linkedTo: "", linkedOutput: nil, name: "", unit: "", direction: nil, baseline: nil, baselineYear: nil,
                          baselineCell: cell, target: nil, targetYear: nil, targetCell: cell, actuals: [:], reportedStatus: nil, source: other)]
        model.sectorSummary = [SectorSummary(bureau: .bdt, years: [2022: amount], biennium: amount, row: 4),
                               SectorSummary(bureau: .gs, years: [:], biennium: nil, row: 5)]
        model.hasSectorSummary = true
        model.envelope = Envelope(amount: Exact(string: "330000000")!, source: other)
        model.risks = [Risk(id: "RSK-1", bureau: .tsb, description: "d", category: "c", linkedObjective: text, linkedOutput: text,
                            likelihood: quantity, impact: quantity, likelihoodCell: cell, statedScore: quantity, owner: "o",
                            mitigation: text, status: "open", lastReview: "2023-01-01", source: cell),
                       Risk(id: "RSK-2", bureau: nil, description: "", category: "", linkedObjective: nil, linkedOutput: nil,
                            likelihood: nil, impact: nil, likelihoodCell: other, statedScore: nil, owner: "",
                            mitigation: TextCell(text: "", source: other), status: "", lastReview: nil, source: other)]
        model.statedTotals = [StatedTotal(workbook: .operationalPlan(.br), bureau: .br, label: "Total", measure: .year(2022),
                                          stated: 12, unit: .kchf, cell: cell, components: [quantity]),
                              StatedTotal(workbook: SourceTag(.financialPlan, isSummary: true), bureau: nil, label: "", measure: .biennium,
                                          stated: -1, unit: nil, cell: other, components: []),
                              StatedTotal(workbook: .operationalPlan(nil), bureau: nil, label: "FTE", measure: .fte,
                                          stated: 0, unit: nil, cell: other, components: [quantity, quantity])]
        model.duplicates = [DuplicateRow(workbook: .operationalPlan(.gs), key: "G-1/RB", bureau: .gs, output: OutputCode("G-1"), identical: true,
                                         keptCell: cell, duplicateCell: other),
                            DuplicateRow(workbook: SourceTag(.financialPlan), key: "", bureau: nil, output: nil, identical: false,
                                         keptCell: other, duplicateCell: cell)]
        model.rejectedRows = [RejectedRow(file: "OP_BR.xlsx", sheet: "Plan", row: 9,
                                          cells: [RejectedRow.Cell(column: "A", header: "Output", text: "??"), RejectedRow.Cell(column: "B", header: nil, text: "")],
                                          finding: id, reason: "no output code"),
                              RejectedRow(file: "f", sheet: "s", row: 1, cells: [], finding: nil, reason: "")]
        model.loadFindings = [Finding(id: id, severity: .warning, bureau: .br, output: OutputCode("R.1-1"), period: .year(2022),
                                      message: .rejectedRow(row: 9, file: "OP_BR.xlsx", sheet: "Plan", value: "??", header: "Output", reason: "r"),
                                      expected: .amount(12), actual: .code("x"), sources: [SourceRef(file: "OP_BR.xlsx", sheet: "Plan", cell: "A9")])]
        model.notes = [Note(.amountUnit, source: SourceRef(file: "FP.xlsx", sheet: "Lines", cell: nil), "kCHF"),
                       Note(.hiddenSheet, severity: .warning, source: nil, "")]
        return model
    }

    @Test func everyRecordWrittenByHandComesBackWhole() throws {
        let model = Self.everyRecord()
        guard case .loaded(let decoded) = try FileLoad.fromTransfer(FileLoad.loaded(model).transferData()) else {
            Issue.record("the model did not come back loaded")
            return
        }
        #expect(decoded.submissions == model.submissions)
        #expect(decoded.missed == model.missed)
        #expect(decoded.goals == model.goals)
        #expect(decoded.targets == model.targets)
        #expect(decoded.objectives == model.objectives)
        #expect(decoded.outputs == model.outputs)
        #expect(decoded.crosswalk == model.crosswalk)
        #expect(decoded.kpis == model.kpis)
        #expect(decoded.sectorSummary == model.sectorSummary)
        #expect(decoded.hasSectorSummary == model.hasSectorSummary)
        #expect(decoded.envelope == model.envelope)
        #expect(decoded.risks == model.risks)
        #expect(decoded.statedTotals == model.statedTotals)
        #expect(decoded.duplicates == model.duplicates)
        #expect(decoded.rejectedRows == model.rejectedRows)
        #expect(decoded.loadFindings == model.loadFindings)
        #expect(decoded.notes == model.notes)
        #expect(try Self.canonical(decoded) == Self.canonical(model))
        let refused = FileLoad.refused(category: "invalid-content", reason: "é: no table")
        guard case .refused(let category, let reason) = try FileLoad.fromTransfer(refused.transferData()) else {
            Issue.record("a refusal did not come back refused")
            return
        }
        #expect(category == "invalid-content")
        #expect(reason == "é: no table")
    }

    @Test func theModelIsWrittenTheSameWayWhateverTheRoute() throws {
        // Through the generic entry point (as a value in a list) or as the outcome: the same records.
        let model = Self.everyRecord()
        let decoded = try TransferDecoder().decode([ResultsModel].self, from: TransferEncoder().encode([model, ResultsModel()]))
        #expect(decoded.count == 2)
        #expect(try Self.canonical(decoded[0]) == Self.canonical(model))
        #expect(try Self.canonical(decoded[1]) == Self.canonical(ResultsModel()))
    }

    @Test func aResultCutShortAnywhereThrowsATransferError() throws {
        let data = try FileLoad.loaded(Self.everyRecord()).transferData()
        for length in 0..<data.count {
            #expect(throws: TransferError.self, "cut at \(length) of \(data.count)") { try FileLoad.fromTransfer(data.prefix(length)) }
        }
        // A whole workbook's result, cut at a few hundred places.
        let workbook = try Self.loadInProcess(Self.workbooks.first { $0.contains("FP_") } ?? Self.workbooks[0]).transferData()
        for length in stride(from: 0, to: workbook.count, by: max(1, workbook.count / 300)) {
            #expect(throws: TransferError.self, "cut at \(length) of \(workbook.count)") { try FileLoad.fromTransfer(workbook.prefix(length)) }
        }
    }

    @Test func aResultDamagedAnywhereIsRefusedOrReadNeverTrapped() throws {
        // Any byte after the header changed to a few values: the result is refused (or, when the
        // change happens to leave a well-formed result, read); the run never stops on it.
        let data = try FileLoad.loaded(Self.everyRecord()).transferData()
        let header = TransferFormat.magic.count + 2
        for position in header..<data.count {
            for value: UInt8 in [0x00, 0x01, 0x09, 0x13, 0x7F, 0x80, 0xFF, data[position] ^ 0x01] {
                var bad = data
                bad[position] = value
                #expect(throws: Never.self) { _ = try FileLoad.received(bad, executable: "/usr/local/bin/rbm") }
            }
        }
    }

    /// A cell's file and sheet are told equal to the last cell's by their bytes (issue 11), never
    /// by canonical equivalence, so the string table answers exactly as it would have.
    @Test(arguments: [("Plan opérationnel", "Plan opérationnel", true), ("é", "e\u{301}", false), ("", "", true), ("a", "", false),
                      ("OP_BR.xlsx", "OP_BR.xlsy", false), ("Budget", "Budget ", false)])
    func repeatedTextsAreComparedOnTheirBytes(a: String, b: String, same: Bool) {
        #expect(a.hasSameBytes(as: b) == same)
        #expect(b.hasSameBytes(as: a) == same)
    }

    /// The same text in one storage (handed on) and in two (built apart), beyond a small
    /// string's 15 bytes and within them; a text of the same length differing in its last byte.
    @Test func textsInOneOrTwoStoragesAreComparedOnTheirBytes() {
        for text in ["OP_BR_2022-2025_v2 — Plan opérationnel.xlsx", "Sheet1", "Résumé"] {
            let apart = String(decoding: Array(text.utf8), as: UTF8.self)
            let handedOn = text
            #expect(text.hasSameBytes(as: handedOn))
            #expect(text.hasSameBytes(as: apart) && apart.hasSameBytes(as: text))
            var changed = Array(text.utf8)
            changed[changed.count - 1] ^= 0x01
            let other = String(decoding: changed, as: UTF8.self)
            #expect(!text.hasSameBytes(as: other) && !other.hasSameBytes(as: text))
        }
    }
}
