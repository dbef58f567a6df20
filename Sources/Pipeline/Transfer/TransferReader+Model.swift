import Foundation
import Results

/// Reads what `TransferWriter+Model.swift` writes: a worker's outcome, record by record, each
/// through its type's public initialiser, its fields in the order written.
extension TransferReader {
    func fileLoad(at position: Int) throws -> FileLoad {
        let count = try recordCount(at: position)
        var fields = try Fields(self, position, count: count, tag: .record)
        switch (try fields.take(string), count) {
        case ("loaded", 2):
            return .loaded(try fields.take(resultsModel))
        case ("refused", 3):
            return .refused(category: try fields.take(string), reason: try fields.take(string))
        case (let name, _):
            throw TransferError(.damaged, "a file load \(name) of \(count) fields at \(position)")
        }
    }

    func resultsModel(at position: Int) throws -> ResultsModel {
        var fields = try Fields(self, position, count: 19, tag: .record)
        var model = ResultsModel()
        model.submissions = try fields.take(array(submission))
        model.missed = try fields.take(array(missedWorkbook))
        model.goals = try fields.take(array(goal))
        model.targets = try fields.take(array(target))
        model.objectives = try fields.take(array(objective))
        model.outputs = try fields.take(array(frameworkOutput))
        model.crosswalk = try fields.take(array(crosswalkEntry))
        model.kpis = try fields.take(array(kpi))
        model.budgetLines = try fields.take(array(budgetLine))
        model.sectorSummary = try fields.take(array(sectorSummary))
        model.hasSectorSummary = try fields.take(bool)
        model.envelope = try fields.optional(envelope)
        model.allocations = try fields.take(array(allocation))
        model.risks = try fields.take(array(risk))
        model.statedTotals = try fields.take(array(statedTotal))
        model.duplicates = try fields.take(array(duplicateRow))
        model.rejectedRows = try fields.take(array(rejectedRow))
        model.loadFindings = try fields.take(array(value(Finding.self)))
        model.notes = try fields.take(array(note))
        return model
    }

    // MARK: Submissions

    func submission(at position: Int) throws -> Submission {
        var fields = try Fields(self, position, count: 5, tag: .record)
        return Submission(file: try fields.take(string), kind: try fields.take(rawValue), bureau: try fields.optional(rawValue),
                          sheets: try fields.take(array(sheetAccount)), unloaded: try fields.take(array(unloadedTable)))
    }

    func sheetAccount(at position: Int) throws -> SheetAccount {
        var fields = try Fields(self, position, count: 9, tag: .record)
        let sheet = try fields.take(string)
        let table = try fields.optional(string)
        var account = SheetAccount(sheet: sheet, headerRow: try fields.take(string))
        account.table = table
        account.read = try fields.take(int)
        account.loaded = try fields.take(int)
        account.skipped = try fields.take(int)
        account.rejected = try fields.take(int)
        account.columns = try fields.take(array(columnAccount))
        account.missing = try fields.take(array(fieldGap))
        return account
    }

    func columnAccount(at position: Int) throws -> ColumnAccount {
        var fields = try Fields(self, position, count: 12, tag: .record)
        return ColumnAccount(
            column: try fields.take(string), header: try fields.take(string), role: try fields.take(rawValue),
            field: try fields.optional(string), alias: try fields.optional(string), year: try fields.optional(int),
            category: try fields.optional(string), unit: try fields.optional(string), unitOrigin: try fields.optional(string),
            reason: try fields.optional(string), probably: try fields.optional(string), suggestedLine: try fields.optional(string))
    }

    func fieldGap(at position: Int) throws -> FieldGap {
        var fields = try Fields(self, position, count: 2, tag: .record)
        return FieldGap(field: try fields.take(string), rules: try fields.take(array(rawValue)))
    }

    func unloadedTable(at position: Int) throws -> UnloadedTable {
        var fields = try Fields(self, position, count: 3, tag: .record)
        return UnloadedTable(table: try fields.take(string), sheet: try fields.optional(string), findings: try fields.take(array(findingID)))
    }

    func missedWorkbook(at position: Int) throws -> MissedWorkbook {
        var fields = try Fields(self, position, count: 4, tag: .record)
        return MissedWorkbook(file: try fields.take(string), reason: try fields.take(string), kind: try fields.optional(rawValue),
                              bureau: try fields.optional(rawValue))
    }

    // MARK: Results framework

    func goal(at position: Int) throws -> Goal {
        var fields = try Fields(self, position, count: 4, tag: .record)
        return Goal(code: try fields.take(string), shortName: try fields.take(string), title: try fields.take(string),
                    source: try fields.take(cell))
    }

    func target(at position: Int) throws -> Target {
        var fields = try Fields(self, position, count: 9, tag: .record)
        return Target(
            code: try fields.take(string), goal: try fields.take(string), description: try fields.take(string), unit: try fields.take(string),
            baseline: try fields.optional(value(Exact.self)), baselineYear: try fields.optional(int),
            target: try fields.optional(value(Exact.self)), targetYear: try fields.optional(int), source: try fields.take(cell))
    }

    func objective(at position: Int) throws -> Objective {
        var fields = try Fields(self, position, count: 7, tag: .record)
        return Objective(
            code: try fields.take(string), bureau: try fields.optional(rawValue), kind: try fields.take(string), title: try fields.take(string),
            goalTokens: try fields.take(array(string)), goalsSource: try fields.optional(cell), source: try fields.take(cell))
    }

    func frameworkOutput(at position: Int) throws -> FrameworkOutput {
        var fields = try Fields(self, position, count: 8, tag: .record)
        return FrameworkOutput(
            code: OutputCode(try fields.take(string)), objective: try fields.take(string), bureau: try fields.optional(rawValue),
            title: try fields.take(string), isCostRecovery: try fields.take(bool), source: try fields.take(cell),
            objectiveCell: try fields.optional(cell), bureauCell: try fields.optional(cell))
    }

    func crosswalkEntry(at position: Int) throws -> CrosswalkEntry {
        var fields = try Fields(self, position, count: 4, tag: .record)
        return CrosswalkEntry(oldCode: try fields.take(string), newCode: try fields.optional(string), note: try fields.take(string),
                              source: try fields.take(cell))
    }

    func kpi(at position: Int) throws -> KPI {
        var fields = try Fields(self, position, count: 15, tag: .record)
        return KPI(
            id: try fields.take(string), linkedTo: try fields.take(string), linkedOutput: try fields.optional(string).map(OutputCode.init),
            name: try fields.take(string), unit: try fields.take(string), direction: try fields.optional(rawValue),
            baseline: try fields.optional(value(Quantity.self)), baselineYear: try fields.optional(int), baselineCell: try fields.take(cell),
            target: try fields.optional(value(Quantity.self)), targetYear: try fields.optional(int), targetCell: try fields.take(cell),
            actuals: try fields.take { try self.intKeyed(Quantity.self, at: $0) }, reportedStatus: try fields.optional(textCell),
            source: try fields.take(cell))
    }

    func risk(at position: Int) throws -> Risk {
        var fields = try Fields(self, position, count: 15, tag: .record)
        return Risk(
            id: try fields.take(string), bureau: try fields.optional(rawValue), description: try fields.take(string),
            category: try fields.take(string), linkedObjective: try fields.optional(textCell), linkedOutput: try fields.optional(textCell),
            likelihood: try fields.optional(value(Quantity.self)), impact: try fields.optional(value(Quantity.self)),
            likelihoodCell: try fields.take(cell), statedScore: try fields.optional(value(Quantity.self)), owner: try fields.take(string),
            mitigation: try fields.take(textCell), status: try fields.take(string), lastReview: try fields.optional(string),
            source: try fields.take(cell))
    }

    // MARK: Financial plan

    func sectorSummary(at position: Int) throws -> SectorSummary {
        var fields = try Fields(self, position, count: 4, tag: .record)
        return SectorSummary(bureau: try fields.take(rawValue), years: try fields.take { try self.intKeyed(Amount.self, at: $0) },
                             biennium: try fields.optional(value(Amount.self)), row: try fields.take(int))
    }

    func envelope(at position: Int) throws -> Envelope {
        var fields = try Fields(self, position, count: 2, tag: .record)
        return Envelope(amount: try fields.take(value(Exact.self)), source: try fields.take(cell))
    }

    // MARK: Rows noted

    func sourceTag(at position: Int) throws -> SourceTag {
        var fields = try Fields(self, position, count: 3, tag: .record)
        return SourceTag(try fields.take(rawValue), bureau: try fields.optional(rawValue), isSummary: try fields.take(bool))
    }

    func measure(at position: Int) throws -> StatedTotal.Measure {
        var fields = try Fields(self, position, count: 2, tag: .record)
        switch try fields.take(string) {
        case "year": return .year(try fields.take(int))
        case "biennium": return .biennium
        case "fte": return .fte
        case let name: throw TransferError(.damaged, "a measure \(name) at \(position)")
        }
    }

    func duplicateRow(at position: Int) throws -> DuplicateRow {
        var fields = try Fields(self, position, count: 7, tag: .record)
        return DuplicateRow(
            workbook: try fields.take(sourceTag), key: try fields.take(string), bureau: try fields.optional(rawValue),
            output: try fields.optional(string).map(OutputCode.init), identical: try fields.take(bool), keptCell: try fields.take(cell),
            duplicateCell: try fields.take(cell))
    }

    func rejectedRow(at position: Int) throws -> RejectedRow {
        var fields = try Fields(self, position, count: 6, tag: .record)
        return RejectedRow(
            file: try fields.take(string), sheet: try fields.take(string), row: try fields.take(int),
            cells: try fields.take(array { position in
                var cell = try Fields(self, position, count: 3, tag: .record)
                return RejectedRow.Cell(column: try cell.take(self.string), header: try cell.optional(self.string), text: try cell.take(self.string))
            }),
            finding: try fields.optional(findingID), reason: try fields.take(string))
    }

    func findingID(at position: Int) throws -> Finding.ID {
        var fields = try Fields(self, position, count: 3, tag: .record)
        return Finding.ID(try fields.take(rawValue), try fields.take(array(findingPart)), occurrence: try fields.take(int))
    }

    private func findingPart(at position: Int) throws -> Finding.ID.Part {
        var fields = try Fields(self, position, count: 2, tag: .record)
        switch try fields.take(string) {
        case "output": return .output(OutputCode(try fields.take(string)))
        case "year": return .year(try fields.take(int))
        case "biennium":
            return .biennium(try fields.take { position in
                var years = try Fields(self, position, count: 2, tag: .record)
                return Biennium(try years.take(self.int), try years.take(self.int))
            })
        case "bureau": return .bureau(try fields.take(rawValue))
        case "kind": return .kind(try fields.take(rawValue))
        case "source": return .source(try fields.take(sourceTag))
        case "text": return .text(try fields.take(string))
        case let name: throw TransferError(.damaged, "a finding's part \(name) at \(position)")
        }
    }

    func note(at position: Int) throws -> Note {
        var fields = try Fields(self, position, count: 4, tag: .record)
        let kind: Note.Kind = try fields.take(rawValue)
        let severity: Note.Severity = try fields.take(rawValue)
        let source = try fields.optional { position in
            var ref = try Fields(self, position, count: 3, tag: .record)
            return SourceRef(file: try ref.take(self.string), sheet: try ref.optional(self.string), cell: try ref.optional(self.string))
        }
        return Note(kind, severity: severity, source: source, try fields.take(string))
    }

    // MARK: Helpers

    func int(at position: Int) throws -> Int { try integer(Int.self, at: position) }

    /// The number of fields of the record at `position`.
    func recordCount(at position: Int) throws -> UInt8 {
        try expect(.record, Any.self, at: position)
        guard position + 1 < bytes.count else { throw TransferError(.damaged, "a record past the end") }
        return bytes[position + 1]
    }

    /// A list (an unkeyed container), each element read by `read`.
    func array<V>(_ read: @escaping (Int) throws -> V) -> (Int) throws -> [V] {
        { position in
            let (start, end, count) = try self.container(.unkeyed, at: position)
            var values: [V] = []
            // Each element takes a byte at least: a damaged count does not reserve more.
            values.reserveCapacity(min(count, end - start))
            var entry = start
            while entry < end {
                let next = try self.skip(entry)
                guard next <= end else { throw TransferError(.damaged, "an element past its list at \(entry)") }
                values.append(try read(entry))
                entry = next
            }
            return values
        }
    }
}
