import Foundation
import Results
import Testing
import TestSupport
@testable import Pipeline

/// A worker's outcome travels in the binary transfer format (issue 11): every workbook of the
/// scenarios comes back from it equal to the model loaded in-process, and a result of another
/// version, or damaged, refuses the file with the cause instead of being decoded wrongly.
@Suite struct TransferFormatTests {
    static let workbooks: [String] = ["itu-2022-2023", "layout-variants", "new-layout"].flatMap { scenario in
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
        #expect(Self.workbooks.count >= 15)
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
            .map { Decimal(string: $0)! } + [Decimal.nan, Decimal.greatestFiniteMagnitude]
        let decoded = try TransferDecoder().decode([Decimal].self, from: TransferEncoder().encode(values))
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
        let amounts = [Amount(chf: Decimal(string: "-98765432109876543210.0123456789")!, unit: .mchf, source: cell),
                       Amount(chf: 0, unit: .chf, source: other), Amount(chf: Decimal(string: "1.50")!, unit: .kchf, source: cell)]
        #expect(try TransferDecoder().decode([Amount].self, from: TransferEncoder().encode(amounts)) == amounts)
        let quantities = [Quantity(value: Decimal(string: "0.5")!, source: cell, typedAsText: true), Quantity(value: -3, source: other)]
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
            StatedTotal(workbook: .operationalPlan(.br), bureau: .br, label: "Total", measure: .year(2022), stated: Decimal(string: "12.5")!,
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
}
